//! The juror's record (README.md#the-desk "Jury and conflicts"): how the desk opens it and the forms
//! it leads to (`app`), and how it is drawn (`view`).

mod app;
pub(in crate::tui) mod view;

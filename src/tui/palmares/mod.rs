//! The palmarès on the desk: the results sheet with its violations, award leaders, and the forms that
//! finalize, reopen and set the rules (`app`), and how the sheet and the charts are drawn (`view`).

mod app;
pub(in crate::tui) mod view;

//! jurydesk: a keyboard-driven terminal desk for the jury secretaries of film festivals.
//!
//! The layers (see docs/architecture.md): `domain` (types and rules), `store` (sled + codec + audit
//! log), `desk` (every use-case that writes), `text` (folding, sanitising, widths), and the two faces
//! that call the desk: `cli` and `tui`.
#![forbid(unsafe_code)]

pub mod cli;
pub mod desk;
pub mod domain;
pub mod failure;
pub mod interchange;
pub mod memory;
pub mod output_file;
pub mod paths;
pub mod print;
pub mod store;
pub mod tally;
pub mod text;
pub mod tui;

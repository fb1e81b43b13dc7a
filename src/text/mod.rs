//! Text as festivals have it (SPEC §8): titles in any script, folded for search, cleaned for storage,
//! made safe and measured for the terminal.

pub mod bidi;
mod fold;
mod sanitize;
mod width;

pub use fold::{Matcher, fold, prepare};
pub use sanitize::{clean_line, clean_text, for_terminal, for_terminal_block};
pub use width::fit;

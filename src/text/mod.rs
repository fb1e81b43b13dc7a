//! Text as festivals have it (docs/text.md): titles in any script, folded for search, cleaned for
//! storage, made safe and measured for the terminal.

pub mod bidi;
pub mod collation;
pub mod digits;
mod escapes;
mod fold;
mod sanitize;
pub mod suggest;
mod terminal;
mod width;
mod wrap;

pub use escapes::{has_escape_sequences, strip_escape_sequences};
pub use fold::{Matcher, fold, prepare};
pub use sanitize::{
    clean_line, clean_text, is_bidi_control, is_bidi_override, is_clean_line, is_clean_text,
};
pub use terminal::{MAX_MARKS, control_picture, for_terminal, for_terminal_block};
pub use width::{fit, width};
pub use wrap::wrap;

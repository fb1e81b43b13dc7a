//! How long a stored value may be (docs/formats.md#bad-input: enormous fields get a clear error).
//! One pair of limits for every way in, so that a title the command line or a form accepts is one an
//! import of the same record accepts too, and the other way round.

/// The longest single-line value (a title, a name, a reason) that is stored, in characters, counted
/// after cleaning.
pub const MAX_LINE_CHARS: usize = 1_000;

/// The longest multi-line value (a synopsis, notes) that is stored, in characters, counted after
/// cleaning.
pub const MAX_TEXT_CHARS: usize = 100_000;

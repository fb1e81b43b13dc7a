//! Forms to add and edit every entity (README.md#the-desk "Editing"). A form is a column of text
//! fields: what the secretary types is kept as text until Enter, then parsed and handed to the desk's
//! use-case, so the command line and the desk refuse exactly the same things. Every refusal lands
//! on the field it is about; the form never panics on what was typed.
//!
//! The state and the keys live here; each entity's fields are in `form/entities.rs`; turning them
//! into the desk's input and submitting it is `form/submit.rs`; the keys fields are found by are
//! `form/field_key.rs`; drawing is `view/form.rs`.

mod conflicts;
mod entities;
mod field_key;
mod palmares;
mod submit;
#[cfg(test)]
mod submit_tests;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub use field_key::FieldKey;

/// What the form is for, and the record it edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormTarget {
    AddFestival,
    EditFestival {
        code: String,
    },
    /// The festival is the form's own field.
    AddEdition,
    EditEdition {
        code: String,
    },
    AddSubmission {
        edition: String,
    },
    EditSubmission {
        id: u64,
    },
    AddCategory {
        edition: String,
    },
    EditCategory {
        edition: String,
        id: u64,
    },
    AddJuror {
        edition: String,
    },
    EditJuror {
        edition: String,
        id: u64,
    },
    EditNomination {
        edition: String,
        category: u64,
        id: u64,
    },
    Finalize {
        edition: String,
    },
    Reopen {
        edition: String,
    },
    Rules {
        edition: String,
    },
    /// Recusing a juror from one of `films` (submission id, title): the edition's nominated films.
    Recuse {
        edition: String,
        juror: u64,
        films: Vec<(u64, String)>,
    },
    /// Recording that a juror's probable conflict with one of `films` is none.
    ClearConflict {
        edition: String,
        juror: u64,
        films: Vec<(u64, String)>,
    },
    /// Withdrawing a category's recorded award.
    WithdrawAward {
        edition: String,
        category: u64,
    },
}

/// One labelled text field.
#[derive(Clone, PartialEq, Eq)]
pub struct Field {
    /// What it holds, by which the code finds it.
    pub key: FieldKey,
    /// What the secretary reads beside it (`key.label()`).
    pub label: &'static str,
    pub value: String,
    /// Where typing goes, counted in characters (not bytes), so any script edits the same way.
    pub cursor: usize,
    /// Long text (synopsis, notes): may hold line breaks, which only `$EDITOR` can type.
    pub multiline: bool,
    /// A secret (a juror's PIN): drawn as dots, never as typed.
    pub masked: bool,
    /// Why the last submit refused this field.
    pub error: Option<String>,
    /// What the field expects, shown when it is empty or focused (the choices, where they depend on
    /// the records: the films a juror may be recused from).
    pub hint: std::borrow::Cow<'static, str>,
    /// For a list shown joined by commas (`Field::list`): the items it was opened with. A field left
    /// as it was gives them back whole, so an item holding a comma ("Goodbye, Dragon Inn") is not
    /// split by a save that never touched it.
    pub items: Option<Vec<String>>,
}

/// A masked field's value is printed as dots: a form may be printed (a test's failure, a crash
/// report) while it holds a juror's PIN.
impl std::fmt::Debug for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let value = if self.masked {
            "•".repeat(self.value.chars().count())
        } else {
            self.value.clone()
        };
        f.debug_struct("Field")
            .field("key", &self.key)
            .field("value", &value)
            .field("cursor", &self.cursor)
            .field("multiline", &self.multiline)
            .field("masked", &self.masked)
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

impl Field {
    /// A single-line field holding `value`, the cursor at its end.
    pub fn line(
        key: FieldKey,
        hint: impl Into<std::borrow::Cow<'static, str>>,
        value: impl Into<String>,
    ) -> Field {
        let value = value.into();
        Field {
            key,
            label: key.label(),
            cursor: value.chars().count(),
            value,
            multiline: false,
            masked: false,
            error: None,
            hint: hint.into(),
            items: None,
        }
    }

    /// A list shown as one line, its items joined by commas; read back by `Form::items`.
    pub fn list(
        key: FieldKey,
        hint: impl Into<std::borrow::Cow<'static, str>>,
        items: &[String],
    ) -> Field {
        Field {
            items: Some(items.to_vec()),
            ..Field::line(key, hint, items.join(", "))
        }
    }

    /// A secret single-line field (a juror's PIN): drawn as dots.
    pub fn secret(key: FieldKey, hint: &'static str) -> Field {
        Field {
            masked: true,
            ..Field::line(key, hint, "")
        }
    }

    /// A long-text field (synopsis, notes).
    pub fn text(key: FieldKey, hint: &'static str, value: impl Into<String>) -> Field {
        Field {
            multiline: true,
            ..Field::line(key, hint, value)
        }
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.value
            .char_indices()
            .nth(char_index)
            .map_or(self.value.len(), |(b, _)| b)
    }

    fn len(&self) -> usize {
        self.value.chars().count()
    }

    fn insert(&mut self, c: char) {
        let at = self.byte_at(self.cursor);
        self.value.insert(at, c);
        self.cursor += 1;
    }

    /// Removes the characters in `[from, to)` (char indices) and puts the cursor at `from`.
    fn remove(&mut self, from: usize, to: usize) {
        let (start, end) = (self.byte_at(from), self.byte_at(to));
        self.value.replace_range(start..end, "");
        self.cursor = from;
    }

    /// Where the word before the cursor starts (Ctrl-w deletes back to it).
    fn word_start(&self) -> usize {
        let chars: Vec<char> = self.value.chars().take(self.cursor).collect();
        let mut i = chars.len();
        while i > 0 && chars[i - 1].is_whitespace() {
            i -= 1;
        }
        while i > 0 && !chars[i - 1].is_whitespace() {
            i -= 1;
        }
        i
    }
}

/// What a key asks of the code that owns the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormSignal {
    /// The form handled the key itself.
    Continue,
    /// Enter: call `Form::submit`.
    Submit,
    /// Esc: close the form, nothing saved.
    Cancel,
    /// Ctrl-e or F2 on a long-text field: suspend the terminal, run `editor::edit_in_editor` on
    /// `Form::editor_text`, and put the result back with `Form::set_editor_text`.
    OpenEditor,
}

/// The keys of a form, for the help: a form reads every key itself (text in any script), so these are
/// not in the action registry and cannot be rebound; `Form::handle_key` and `Form::edit` are what they
/// describe, and the test below holds them to it.
pub const FORM_KEYS: &[(&str, &str)] = &[
    (
        "Enter",
        "Save (a refusal is shown at its field, and nothing is written)",
    ),
    ("Tab/↓", "Next field"),
    ("Shift-Tab/↑", "Previous field"),
    (
        "Ctrl-e/F2",
        "On a long text (synopsis, notes): edit it in $EDITOR",
    ),
    ("←/→", "Move in the field"),
    ("Home/Ctrl-a", "To the start of the field"),
    (
        "End/Ctrl-e",
        "To the end of the field (on a one-line field)",
    ),
    ("Backspace/Delete", "Erase the character before / after"),
    ("Ctrl-w", "Erase the word before"),
    ("Ctrl-u", "Erase to the start of the field"),
    ("Ctrl-k", "Erase to the end of the field"),
    ("Esc/Ctrl-c", "Cancel: close the form, nothing saved"),
];

/// A form over one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// A refusal that is about no single field (a duplicate code, a finalized edition…).
    pub message: Option<String>,
    pub target: FormTarget,
    /// The id of the record a successful submit added (a submission, category or juror), so the desk
    /// can select it.
    pub added: Option<u64>,
}

impl Form {
    fn new(title: impl Into<String>, target: FormTarget, fields: Vec<Field>) -> Form {
        Form {
            added: None,
            title: title.into(),
            fields,
            focus: 0,
            message: None,
            target,
        }
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// Handles one key press. Typing and moving are done here; the rest is signalled to the caller.
    pub fn handle_key(&mut self, key: KeyEvent) -> FormSignal {
        if key.kind == KeyEventKind::Release {
            return FormSignal::Continue;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let multiline = self.focused().is_some_and(|f| f.multiline);
        match key.code {
            KeyCode::Esc => return FormSignal::Cancel,
            KeyCode::Enter => return FormSignal::Submit,
            KeyCode::F(2) if multiline => return FormSignal::OpenEditor,
            KeyCode::Char('e') if ctrl && !alt && multiline => return FormSignal::OpenEditor,
            // Ctrl-C leaves the form rather than the program, so a half-typed record is never lost
            // to a reflex: Esc and Ctrl-C both only cancel.
            KeyCode::Char('c') if ctrl && !alt => return FormSignal::Cancel,
            KeyCode::Tab | KeyCode::Down => self.move_focus(1),
            KeyCode::BackTab | KeyCode::Up => self.move_focus(-1),
            _ => self.edit(key.code, ctrl, alt),
        }
        FormSignal::Continue
    }

    fn move_focus(&mut self, by: isize) {
        let n = self.fields.len();
        if n > 0 {
            self.focus = (self.focus as isize + by).rem_euclid(n as isize) as usize;
        }
    }

    fn edit(&mut self, code: KeyCode, ctrl: bool, alt: bool) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        field.cursor = field.cursor.min(field.len());
        let before = field.value.clone();
        match code {
            KeyCode::Left => field.cursor = field.cursor.saturating_sub(1),
            KeyCode::Right => field.cursor = (field.cursor + 1).min(field.len()),
            KeyCode::Home => field.cursor = 0,
            KeyCode::End => field.cursor = field.len(),
            KeyCode::Backspace if field.cursor > 0 => {
                field.remove(field.cursor - 1, field.cursor);
            }
            KeyCode::Delete if field.cursor < field.len() => {
                field.remove(field.cursor, field.cursor + 1);
            }
            // AltGr arrives as Ctrl+Alt on some terminals: it types a character.
            KeyCode::Char(c) if ((!ctrl && !alt) || (ctrl && alt)) && !c.is_control() => {
                field.insert(c);
            }
            KeyCode::Char('a') if ctrl => field.cursor = 0,
            KeyCode::Char('e') if ctrl => field.cursor = field.len(),
            KeyCode::Char('u') if ctrl => field.remove(0, field.cursor),
            KeyCode::Char('k') if ctrl => {
                let end = field.len();
                let keep = field.cursor;
                field.remove(keep, end);
            }
            KeyCode::Char('w') if ctrl => {
                let start = field.word_start();
                field.remove(start, field.cursor);
            }
            _ => {}
        }
        // The refusal was about the old value; a change deserves a fresh look at the next submit.
        if field.value != before {
            field.error = None;
        }
    }

    /// Pasted text goes in at the cursor; a single-line field takes line breaks as spaces.
    pub fn paste(&mut self, text: &str) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        field.cursor = field.cursor.min(field.len());
        for c in text.chars() {
            match c {
                '\r' => {}
                '\n' if field.multiline => field.insert('\n'),
                '\n' | '\t' => field.insert(' '),
                c if c.is_control() => {}
                c => field.insert(c),
            }
        }
        field.error = None;
    }

    /// The focused long-text field's value, to hand to `$EDITOR`; `None` on a single-line field.
    pub fn editor_text(&self) -> Option<&str> {
        self.focused()
            .filter(|f| f.multiline)
            .map(|f| f.value.as_str())
    }

    /// Puts what came back from `$EDITOR` into the focused long-text field, the cursor at its end.
    pub fn set_editor_text(&mut self, text: String) {
        if let Some(field) = self.fields.get_mut(self.focus).filter(|f| f.multiline) {
            field.value = text.replace("\r\n", "\n");
            field.cursor = field.len();
            field.error = None;
        }
    }

    /// The value of the field `key` ("" when the form has no such field).
    pub fn value(&self, key: FieldKey) -> &str {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map_or("", |f| f.value.as_str())
    }

    /// A list field's items: the ones it was opened with while its text is as it was shown, else
    /// its text read by `split` (the text was edited: commas separate items again).
    pub fn items(&self, key: FieldKey, split: fn(&str) -> Vec<String>) -> Vec<String> {
        match self.fields.iter().find(|f| f.key == key) {
            Some(Field {
                items: Some(items),
                value,
                ..
            }) if *value == items.join(", ") => items.clone(),
            Some(field) => split(&field.value),
            None => Vec::new(),
        }
    }

    pub fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }

    pub fn clear_errors(&mut self) {
        self.message = None;
        for field in &mut self.fields {
            field.error = None;
        }
    }

    /// Puts `message` on the field `key`, or on the form when there is none.
    pub fn fail(&mut self, key: FieldKey, message: impl Into<String>) {
        let message = message.into();
        match self.fields.iter_mut().find(|f| f.key == key) {
            Some(field) => field.error = Some(message),
            None => self.message = Some(message),
        }
    }

    /// Moves the focus to the first refused field, so the secretary lands where the fix is needed.
    pub fn focus_first_error(&mut self) {
        if let Some(i) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = i;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn typed(form: &mut Form, text: &str) {
        for c in text.chars() {
            assert_eq!(form.handle_key(key(KeyCode::Char(c))), FormSignal::Continue);
        }
    }

    fn form() -> Form {
        Form::new(
            "Test",
            FormTarget::AddFestival,
            vec![
                Field::line(FieldKey::Code, "", ""),
                Field::line(FieldKey::Name, "", ""),
                Field::text(FieldKey::Notes, "", "one\ntwo"),
            ],
        )
    }

    /// Every key the help lists for forms does something in a form: a signal, a move or an edit.
    #[test]
    fn the_help_s_form_keys_are_the_keys_a_form_reads() {
        let event = |label: &str| -> KeyEvent {
            match label {
                "Enter" => key(KeyCode::Enter),
                "Tab" => key(KeyCode::Tab),
                "Shift-Tab" => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
                "↓" => key(KeyCode::Down),
                "↑" => key(KeyCode::Up),
                "←" => key(KeyCode::Left),
                "→" => key(KeyCode::Right),
                "Home" => key(KeyCode::Home),
                "End" => key(KeyCode::End),
                "Backspace" => key(KeyCode::Backspace),
                "Delete" => key(KeyCode::Delete),
                "Esc" => key(KeyCode::Esc),
                "F2" => key(KeyCode::F(2)),
                ctrl_key => match ctrl_key.strip_prefix("Ctrl-") {
                    Some(c) => ctrl(c.chars().next().unwrap_or(' ')),
                    None => panic!("the help lists a key no test knows: {ctrl_key}"),
                },
            }
        };
        for (keys, description) in FORM_KEYS {
            for label in keys.split('/') {
                let mut form = form();
                // In the middle of a one-line field, or on the long text for the editor's keys.
                form.focus = if description.contains("$EDITOR") {
                    2
                } else {
                    1
                };
                form.fields[1].value = "ab cd".into();
                form.fields[1].cursor = 3;
                let before = form.clone();
                let signal = form.handle_key(event(label));
                assert!(
                    signal != FormSignal::Continue || form != before,
                    "{label} ({description}) did nothing"
                );
            }
        }
    }

    #[test]
    fn typing_in_any_script_inserts_at_the_cursor() {
        let mut f = form();
        typed(&mut f, "بچه‌ها");
        assert_eq!(f.fields[0].value, "بچه\u{200C}ها");
        assert_eq!(f.fields[0].cursor, 6);
        f.handle_key(key(KeyCode::Home));
        typed(&mut f, "紙");
        f.handle_key(key(KeyCode::End));
        typed(&mut f, "🎞");
        assert_eq!(f.fields[0].value, "紙بچه\u{200C}ها🎞");
        f.handle_key(key(KeyCode::Left));
        f.handle_key(key(KeyCode::Backspace));
        assert_eq!(f.fields[0].value, "紙بچه\u{200C}ه🎞");
        f.handle_key(key(KeyCode::Home));
        f.handle_key(key(KeyCode::Delete));
        assert_eq!(f.fields[0].value, "بچه\u{200C}ه🎞");
        // Nothing panics at the ends.
        f.handle_key(key(KeyCode::Backspace));
        f.handle_key(key(KeyCode::End));
        f.handle_key(key(KeyCode::Delete));
        f.handle_key(key(KeyCode::Right));
        assert_eq!(f.fields[0].cursor, 6);
    }

    #[test]
    fn shifted_letters_and_altgr_type_but_control_keys_do_not() {
        let mut f = form();
        f.handle_key(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT));
        f.handle_key(KeyEvent::new(
            KeyCode::Char('@'),
            KeyModifiers::CONTROL | KeyModifiers::ALT,
        ));
        f.handle_key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT));
        f.handle_key(key(KeyCode::Char('\u{1b}')));
        assert_eq!(f.fields[0].value, "G@");
    }

    #[test]
    fn tab_and_arrows_move_between_fields_and_wrap() {
        let mut f = form();
        f.handle_key(key(KeyCode::Tab));
        assert_eq!(f.focus, 1);
        f.handle_key(key(KeyCode::Down));
        assert_eq!(f.focus, 2);
        f.handle_key(key(KeyCode::Tab));
        assert_eq!(f.focus, 0);
        f.handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
        assert_eq!(f.focus, 2);
        f.handle_key(key(KeyCode::Up));
        assert_eq!(f.focus, 1);
    }

    #[test]
    fn enter_esc_and_the_editor_are_signals() {
        let mut f = form();
        assert_eq!(f.handle_key(key(KeyCode::Enter)), FormSignal::Submit);
        assert_eq!(f.handle_key(key(KeyCode::Esc)), FormSignal::Cancel);
        assert_eq!(f.handle_key(ctrl('c')), FormSignal::Cancel);
        // Ctrl-e on a single-line field goes to its end; on a long-text field it opens $EDITOR.
        assert_eq!(f.handle_key(ctrl('e')), FormSignal::Continue);
        assert_eq!(f.editor_text(), None);
        f.focus = 2;
        assert_eq!(f.handle_key(ctrl('e')), FormSignal::OpenEditor);
        assert_eq!(f.handle_key(key(KeyCode::F(2))), FormSignal::OpenEditor);
        assert_eq!(f.handle_key(key(KeyCode::Enter)), FormSignal::Submit);
        assert_eq!(f.editor_text(), Some("one\ntwo"));
        f.set_editor_text("three\r\nfour".into());
        assert_eq!(f.fields[2].value, "three\nfour");
        assert_eq!(f.fields[2].cursor, 10);
    }

    #[test]
    fn emacs_keys_delete_words_and_lines() {
        let mut f = form();
        typed(&mut f, "Fajr Film Festival");
        f.handle_key(ctrl('w'));
        assert_eq!(f.fields[0].value, "Fajr Film ");
        f.handle_key(ctrl('a'));
        f.handle_key(key(KeyCode::Right));
        f.handle_key(ctrl('k'));
        assert_eq!(f.fields[0].value, "F");
        f.handle_key(ctrl('u'));
        assert_eq!(f.fields[0].value, "");
    }

    #[test]
    fn an_edit_clears_that_fields_error_and_failures_focus_the_first_field() {
        let mut f = form();
        f.fail(FieldKey::Name, "must not be empty");
        f.fail(FieldKey::Code, "bad");
        // A field this form does not have: the message goes on the form.
        f.fail(FieldKey::Venues, "a duplicate");
        f.focus_first_error();
        assert_eq!(f.focus, 0, "the first refused field takes the focus");
        f.focus = 1;
        assert_eq!(f.message.as_deref(), Some("a duplicate"));
        assert!(f.has_errors());
        f.handle_key(key(KeyCode::Left));
        assert!(f.fields[1].error.is_some(), "moving is not editing");
        typed(&mut f, "x");
        assert!(f.fields[1].error.is_none());
        f.clear_errors();
        assert!(!f.has_errors() && f.message.is_none());
    }

    #[test]
    fn paste_keeps_single_lines_single() {
        let mut f = form();
        f.paste("North\nfrom\u{1b}[2J South");
        assert_eq!(f.fields[0].value, "North from[2J South");
        f.focus = 2;
        f.fields[2].cursor = 3;
        f.paste("\r\nx");
        assert_eq!(f.fields[2].value, "one\nx\ntwo");
    }
}

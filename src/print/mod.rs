//! Printed documents (docs/printing.md): ballot sheets, the jury's minutes and the press palmarès,
//! as one self-contained HTML file (inline CSS, print CSS with a page break between sheets, no script,
//! nothing fetched from the network) or as Markdown.
//!
//! The models come from `desk::documents` (read methods only); this module only lays them out. Both
//! faces use it: the command line (`jurydesk print …`) and the desk (`p`).
//!
//! Templates are rendered with **minijinja**: a well-kept engine (by the author of Jinja2) with no
//! dependency but serde, so it costs the build little; it escapes every value of an `.html` template by
//! default, so a hostile title stays text without anyone remembering to escape it; and its formatter
//! hook lets the same rule hold for Markdown (`markdown::escape` on every value of an `.md` template).
//! Its templates are checked when rendered rather than compiled (askama, maud), so every template is
//! rendered by the tests (`tests/print.rs`) over the demo and a hostile store.

mod dates;
mod markdown;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use minijinja::{AutoEscape, Environment, Value};
use serde::Serialize;

use crate::desk::documents::SheetScope;
use crate::desk::{Desk, DeskError};
use crate::domain::Edition;

pub use dates::{format_date, format_span};

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    Ballots,
    Minutes,
    Palmares,
}

impl Document {
    pub const ALL: [Document; 3] = [Document::Ballots, Document::Minutes, Document::Palmares];

    pub fn name(self) -> &'static str {
        match self {
            Document::Ballots => "ballots",
            Document::Minutes => "minutes",
            Document::Palmares => "palmares",
        }
    }

    /// What it is, for a menu.
    pub fn describe(self) -> &'static str {
        match self {
            Document::Ballots => "ballot sheets: one per juror and category (and round)",
            Document::Minutes => "the jury's minutes, with signature lines and the log's hash",
            Document::Palmares => "the palmarès for the press",
        }
    }
}

/// The file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Html,
    Md,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Md => "md",
        }
    }
}

/// What can go wrong when printing.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error(transparent)]
    Desk(#[from] DeskError),
    /// A template failed: a defect of jurydesk, never of the data (values are escaped, not parsed).
    #[error("the {template} template failed: {message}; please report it")]
    Template { template: String, message: String },
    #[error("cannot write {path}: {source}; check that the folder exists and is writable")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A printed document: its text and what it holds (for the message that follows it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    pub text: String,
    /// `12 sheets`, `13 categories`…
    pub summary: String,
    /// Things the reader should know: jurors who get no sheet, and why.
    pub notes: Vec<String>,
}

/// Renders one document of `edition` dated `today`.
pub fn print(
    desk: &Desk,
    edition: &str,
    document: Document,
    scope: &SheetScope,
    format: Format,
    today: NaiveDate,
) -> Result<Printed, PrintError> {
    let category = scope.category.as_deref();
    match document {
        Document::Ballots => {
            let sheets = desk.ballot_sheets(edition, scope, today)?;
            Ok(Printed {
                text: render(&sheets.edition, "ballots", format, &sheets)?,
                summary: plural(sheets.sheets.len(), "ballot sheet"),
                notes: sheets
                    .unprinted
                    .iter()
                    .map(|u| format!("no sheet for {} in {}: {}", u.juror, u.category, u.reason))
                    .collect(),
            })
        }
        Document::Minutes => {
            let minutes = desk.minutes(edition, category, today)?;
            Ok(Printed {
                text: render(&minutes.edition, "minutes", format, &minutes)?,
                summary: plural(minutes.categories.len(), "category"),
                notes: Vec::new(),
            })
        }
        Document::Palmares => {
            let press = desk.press_sheet(edition, category, today)?;
            Ok(Printed {
                text: render(&press.edition, "palmares", format, &press)?,
                summary: plural(press.lines.len(), "prize"),
                notes: Vec::new(),
            })
        }
    }
}

/// Where the desk writes a document: beside the store, named after the edition and the document
/// (`riff-18-minutes.html`).
pub fn beside_store(store: &Path, edition: &str, document: Document, format: Format) -> PathBuf {
    let folder = store.parent().unwrap_or_else(|| Path::new("."));
    folder.join(file_name(edition, document, format))
}

/// `riff-18-minutes.html`; an edition code is a slug, but anything else is replaced all the same.
pub fn file_name(edition: &str, document: Document, format: Format) -> String {
    let code: String = edition
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{code}-{}.{}", document.name(), format.extension())
}

/// Writes `text` to `path` whole or not at all (`output_file`).
pub fn write_whole(path: &Path, text: &str) -> Result<(), PrintError> {
    let failed = |source| PrintError::Write {
        path: path.to_path_buf(),
        source,
    };
    crate::output_file::write_whole(path, |w| w.write_all(text.as_bytes())).map_err(failed)
}

fn plural(n: usize, word: &str) -> String {
    match (n, word) {
        (1, _) => format!("1 {word}"),
        (_, "category") => format!("{n} categories"),
        _ => format!("{n} {word}s"),
    }
}

const TEMPLATES: [(&str, &str); 9] = [
    ("base.html", include_str!("templates/base.html")),
    ("macros.html", include_str!("templates/macros.html")),
    ("ballots.html", include_str!("templates/ballots.html")),
    ("minutes.html", include_str!("templates/minutes.html")),
    ("palmares.html", include_str!("templates/palmares.html")),
    ("ballots.md", include_str!("templates/ballots.md")),
    ("minutes.md", include_str!("templates/minutes.md")),
    ("palmares.md", include_str!("templates/palmares.md")),
    ("heading.md", include_str!("templates/heading.md")),
];

/// The environment: every template, escaping by extension (HTML for `.html`, Markdown for `.md`),
/// and the `date` filter that formats every date through `format_date` for this edition's calendar.
fn environment(edition: &Edition) -> Result<Environment<'static>, PrintError> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| {
        if name.rsplit('.').next() == Some("md") {
            AutoEscape::Custom("markdown".into())
        } else {
            AutoEscape::Html
        }
    });
    env.set_formatter(|out, state, value| {
        let markdown = matches!(state.auto_escape(), AutoEscape::Custom(_));
        // Text from the store: made printable, then escaped for the document's language. Numbers,
        // and what a template made itself (a macro's output, marked safe), go out as they are.
        let Some(text) = value.as_str().filter(|_| !value.is_safe()) else {
            if !markdown {
                return minijinja::escape_formatter(out, state, value);
            }
            if value.is_none() || value.is_undefined() {
                return Ok(());
            }
            return out
                .write_str(&value.to_string())
                .map_err(minijinja::Error::from);
        };
        let text = printable(text);
        if markdown {
            out.write_str(&markdown::escape(&text))
                .map_err(minijinja::Error::from)
        } else {
            minijinja::escape_formatter(out, state, &Value::from(text))
        }
    });
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .keep_trailing_newline(true)
        .build()
        .map_err(|e| template_error("syntax", &e))?;
    env.set_syntax(syntax);
    let calendar = edition.clone();
    env.add_filter(
        "date",
        move |value: String| -> Result<String, minijinja::Error> {
            let day = value.get(..10).unwrap_or(&value);
            NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .map(|d| format_date(&calendar, d))
                .map_err(|e| {
                    minijinja::Error::new(
                        minijinja::ErrorKind::InvalidOperation,
                        format!("not a date: {value:?} ({e})"),
                    )
                })
        },
    );
    let calendar = edition.clone();
    env.add_function("span", move |start: Option<String>, end: Option<String>| {
        let parse = |s: Option<String>| {
            s.and_then(|s| NaiveDate::parse_from_str(s.get(..10).unwrap_or(&s), "%Y-%m-%d").ok())
        };
        format_span(&calendar, parse(start), parse(end))
    });
    for (name, source) in TEMPLATES {
        env.add_template(name, source)
            .map_err(|e| template_error(name, &e))?;
    }
    Ok(env)
}

/// `text` without what must not reach a page or a terminal (a store written by another tool may hold
/// it, docs/formats.md#bad-input): bidi controls are dropped (each name is isolated by `dir="auto"`,
/// and an override must not make a title read otherwise on paper), other control characters become
/// U+FFFD; line breaks and tabs stay.
fn printable(text: &str) -> String {
    text.chars()
        .filter(|&c| !crate::text::is_bidi_control(c))
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

fn render<T: Serialize>(
    edition: &Edition,
    document: &str,
    format: Format,
    model: &T,
) -> Result<String, PrintError> {
    let name = format!("{document}.{}", format.extension());
    let env = environment(edition)?;
    let template = env
        .get_template(&name)
        .map_err(|e| template_error(&name, &e))?;
    template
        .render(Value::from(minijinja::value::Serde(model)))
        .map_err(|e| template_error(&name, &e))
}

fn template_error(name: &str, e: &minijinja::Error) -> PrintError {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    PrintError::Template {
        template: name.to_string(),
        message,
    }
}

#[cfg(test)]
mod tests;

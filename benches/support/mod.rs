//! What the scale benches share: the store they measure, and a jury to save ballots with.
#![allow(dead_code)]

use std::path::PathBuf;

use jurydesk::desk::{CategoryInput, Desk, JurorInput, Nominee};
use jurydesk::domain::{Category, CategoryKind, Edition, Juror, JurorRole, Method};

/// The store a scale bench measures: `JURYDESK_BENCH_STORE=PATH` (one made beforehand with
/// `jurydesk generate`, e.g. 1,000,000 submissions across 10 editions, which takes minutes), or else
/// one generated into a temporary directory with `JURYDESK_SCALE` submissions (default 100,000) in
/// `JURYDESK_EDITIONS` editions (default 1).
pub struct BenchStore {
    pub path: PathBuf,
    /// Keeps a generated store alive while the bench runs.
    _dir: Option<tempfile::TempDir>,
    pub label: String,
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

pub fn bench_store() -> BenchStore {
    if let Some(path) = std::env::var_os("JURYDESK_BENCH_STORE") {
        let path = PathBuf::from(path);
        let label = format!("store {}", path.display());
        return BenchStore {
            path,
            _dir: None,
            label,
        };
    }
    let submissions = env_number("JURYDESK_SCALE", 100_000);
    let editions = env_number("JURYDESK_EDITIONS", 1);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("store");
    let desk = Desk::open(&path).expect("open");
    desk.generate(submissions, editions as u32, 7)
        .expect("generate");
    BenchStore {
        path,
        _dir: Some(dir),
        label: format!("{submissions} submissions in {editions} edition(s)"),
    }
}

/// The largest edition of the store: the one the desk opens on is the newest, but the scale that
/// matters is the biggest list.
pub fn largest_edition(desk: &Desk) -> Edition {
    desk.editions()
        .expect("editions")
        .into_iter()
        .max_by_key(|v| v.submissions)
        .expect("a generated store has editions")
        .edition
}

/// A category with five nominees and a juror in `edition`, made once per store (a bench given its
/// own store writes them into it, and finds them there the next time).
pub fn jury(desk: &Desk, edition: &Edition) -> (Category, Juror, Vec<Nominee>) {
    const CATEGORY: &str = "Bench Prize";
    const JUROR: &str = "Bench Juror";
    let category = match desk.category(edition, CATEGORY) {
        Ok(category) => category,
        Err(_) => desk
            .add_category(&CategoryInput {
                edition: edition.code.clone(),
                name: CATEGORY.into(),
                prize: "A bench".into(),
                kind: CategoryKind::Film,
                method: Method::Borda,
                tie_breaks: Vec::new(),
                ex_aequo_allowed: false,
                mandatory: false,
                precedence: None,
            })
            .expect("category"),
    };
    let juror = match desk.juror(edition, JUROR) {
        Ok(juror) => juror,
        Err(_) => desk
            .add_juror(&JurorInput {
                edition: edition.code.clone(),
                name: JUROR.into(),
                original_name: String::new(),
                role: JurorRole::Member,
                notes: String::new(),
            })
            .expect("juror"),
    };
    if desk.nominees(&category).expect("nominees").is_empty() {
        // The first five in the running: a generated edition also holds withdrawn, ineligible and
        // not-selected submissions, which a nomination refuses.
        let in_the_running = desk
            .submission_ids(edition.id)
            .expect("ids")
            .into_iter()
            .filter(|&id| desk.nomination_caution(id).expect("status").is_none());
        for submission in in_the_running.take(5) {
            desk.nominate(&edition.code, CATEGORY, &submission.to_string(), None)
                .expect("nominate");
        }
    }
    let nominees = desk.nominees(&category).expect("nominees");
    (category, juror, nominees)
}

//! Issue 14, finding 3, and issue 13's import messages: jurors and categories are named whole —
//! in ballots files and in every `--juror` / `--category` — equal after folding (docs/text.md#folding)
//! and never by a prefix; a miss is an error that suggests the close names; a ballot never lands on
//! another juror. Every problem of a ballots file names its line and column, a repeated score the
//! line it is on, and an import is all or nothing, one audit entry, undone whole.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;

use common::TestStore;
use proptest::prelude::*;

const EDITION: &str = "fajr-43";
const JURY: [&str; 4] = [
    "Anna Karina",
    "Javad Karimi",
    "Leila Hatami",
    "Reza Kianian",
];

/// The demo with a jury of four on fajr-43, "Best Film" counted by IRV and "Best Screenplay" by
/// score means (neither has an award, so both take ballots).
fn jury_store() -> TestStore {
    let store = TestStore::with_demo();
    for name in JURY {
        store.ok(&["juror", "add", "--edition", EDITION, "--name", name]);
    }
    for (category, method) in [("Best Film", "irv"), ("Best Screenplay", "score-mean")] {
        store.ok(&[
            "category",
            "edit",
            "--edition",
            EDITION,
            "--category",
            category,
            "--method",
            method,
        ]);
    }
    store
}

/// Writes `text` as a ballots file beside the store; the `import ballots` arguments for it.
fn import_args(store: &TestStore, name: &str, text: &str) -> [String; 5] {
    let file = store.path().with_file_name(name);
    std::fs::write(&file, text).expect("write the ballots file");
    let file = file.to_str().expect("a UTF-8 path").to_string();
    ["import", "ballots", &file, "--edition", EDITION].map(String::from)
}

/// Imports `text`, which must be refused; returns stderr.
fn refused_import(store: &TestStore, name: &str, text: &str) -> String {
    let args = import_args(store, name, text);
    store.fails(1, &args.each_ref().map(String::as_str))
}

/// Imports `text`, which must succeed; returns stdout.
fn import(store: &TestStore, name: &str, text: &str) -> String {
    let args = import_args(store, name, text);
    store.ok(&args.each_ref().map(String::as_str))
}

fn ballots(store: &TestStore) -> Vec<(String, String)> {
    common::array(store.json(&["list", "ballots", "--edition", EDITION, "--format", "json"]))
        .iter()
        .map(|b| {
            (
                b["category"].as_str().expect("category").to_string(),
                b["juror"].as_str().expect("juror").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_prefix_of_a_juror_or_category_in_a_ballots_file_is_refused_with_the_names_it_could_be() {
    let store = jury_store();
    let e = refused_import(
        &store,
        "prefix.csv",
        "category,juror,ranking\nBest Fi,Ann,North from South West > Seven Winters\n",
    );
    assert!(
        e.contains("prefix.csv:2:1: column 'category': no category 'Best Fi' in fajr-43; did you mean Best Film?"),
        "{e}"
    );
    assert!(
        e.contains("prefix.csv:2:2: column 'juror': no juror 'Ann' on the jury of fajr-43; did you mean Anna Karina? (4 jurors there: Anna Karina, Javad Karimi, Leila Hatami, Reza Kianian)"),
        "{e}"
    );
    // A first name that two jurors' names contain is not guessed either.
    let e = refused_import(
        &store,
        "kar.csv",
        "category,juror,ranking\nBest Film,Kar,Seven Winters\n",
    );
    assert!(
        e.contains("did you mean Anna Karina or Javad Karimi?"),
        "{e}"
    );
    assert!(ballots(&store).is_empty(), "nothing is written");
}

#[test]
fn a_juror_not_on_the_jury_never_lands_on_another_juror() {
    let store = jury_store();
    // Javad Rahimi is not on the jury; Javad Karimi is.
    let e = refused_import(
        &store,
        "stranger.csv",
        "category,juror,ranking\nBest Film,Anna Karina,1 > 2\nBest Film,Javad,2 > 1\nBest Film,Javad Rahimi,3\n",
    );
    assert!(
        e.contains("stranger.csv:3:2: column 'juror': no juror 'Javad'"),
        "{e}"
    );
    assert!(
        e.contains("stranger.csv:4:2: column 'juror': no juror 'Javad Rahimi'"),
        "{e}"
    );
    assert!(
        e.starts_with("jurydesk: 2 problem(s), nothing was written"),
        "{e}"
    );
    assert!(
        ballots(&store).is_empty(),
        "all or nothing: {:?}",
        ballots(&store)
    );
}

#[test]
fn whole_names_match_in_any_case_spacing_and_accents() {
    let store = jury_store();
    let out = import(
        &store,
        "folded.csv",
        "category,juror,ranking\nbest  FILM,ánna karína,1 > 2\n1,LEILA HATAMI,2\n",
    );
    assert!(out.contains("imported 2 ballot(s)"), "{out}");
    assert_eq!(
        ballots(&store),
        [
            ("Best Film".to_string(), "Anna Karina".to_string()),
            ("Best Film".to_string(), "Leila Hatami".to_string()),
        ]
    );
    // `ballot set` says whom the ballot went to, as stored.
    let out = store.ok(&[
        "ballot",
        "set",
        "--edition",
        EDITION,
        "--category",
        "best film",
        "--juror",
        "reza KIANIAN",
        "--rank",
        "3 > 1",
    ]);
    assert!(out.contains("of Reza Kianian in Best Film"), "{out}");
}

#[test]
fn every_juror_and_category_option_takes_whole_names_only() {
    let store = jury_store();
    let commands: [&[&str]; 5] = [
        &[
            "ballot",
            "set",
            "--edition",
            EDITION,
            "--category",
            "Best Film",
            "--juror",
            "Leila",
            "--rank",
            "1",
        ],
        &[
            "ballot",
            "set",
            "--edition",
            EDITION,
            "--category",
            "Best F",
            "--juror",
            "Leila Hatami",
            "--rank",
            "1",
        ],
        &["tally", "--edition", EDITION, "--category", "Best F"],
        &[
            "juror",
            "absent",
            "--edition",
            EDITION,
            "--juror",
            "Rez",
            "--reason",
            "ill",
        ],
        &[
            "list",
            "ballots",
            "--edition",
            EDITION,
            "--category",
            "Best Scr",
        ],
    ];
    for args in commands {
        let e = store.fails(1, args);
        assert!(e.contains("did you mean"), "{args:?}: {e}");
    }
    assert!(ballots(&store).is_empty());
    let jurors =
        common::array(store.json(&["list", "jurors", "--edition", EDITION, "--format", "json"]));
    assert!(
        jurors.iter().all(|j| j["absent"] == false),
        "nobody was declared absent: {jurors:?}"
    );
}

#[test]
fn a_repeated_score_names_its_own_line_and_column() {
    let store = jury_store();
    let e = refused_import(
        &store,
        "scores.csv",
        "category,juror,nominee,score\n\
         Best Screenplay,Anna Karina,North from South West,8\n\
         Best Screenplay,Anna Karina,Children of the River,6\n\
         Best Screenplay,Anna Karina,Bridge of Reeds,5\n\
         Best Screenplay,Anna Karina,North from South West,9\n\
         Best Screenplay,Anna Karina,No Such Film,3\n",
    );
    assert!(
        e.contains("scores.csv:5:3: column 'nominee': North from South West is scored twice for Anna Karina in 'Best Screenplay' (first on line 2)"),
        "{e}"
    );
    assert!(
        e.contains("scores.csv:6:3: column 'nominee': nominee 'No Such Film' not found"),
        "{e}"
    );
    assert!(
        !e.contains("scores.csv:2:"),
        "the first score is not at fault: {e}"
    );
}

#[test]
fn every_problem_of_a_ballots_file_names_its_line_and_column() {
    let store = jury_store();
    let e = refused_import(
        &store,
        "bad.csv",
        "category,juror,ranking\n\
         Best Film,Anna Karina,1 > > 2\n\
         Best Film,Javad Karimi,1 > Nope\n\
         Best Film,Leila Hatami,2 > 2\n\
         ,Reza Kianian,1\n\
         Best Film,Reza Kianian,1\n\
         Best Film,reza kianian,2\n",
    );
    for expected in [
        "bad.csv:2:3: column 'ranking': ranking: '1 > > 2' has an empty place",
        "bad.csv:3:3: column 'ranking': nominee 'Nope' not found",
        "bad.csv:4:3: column 'ranking': ballot: Seven Winters appears twice",
        "bad.csv:5:1: column 'category': is empty",
        "bad.csv:7: a second ballot for Reza Kianian in 'Best Film' (the first is on line 6)",
    ] {
        assert!(e.contains(expected), "{expected}\n in {e}");
    }
    // Rounds: the juror is the third column.
    let e = refused_import(
        &store,
        "rounds.csv",
        "category,round,juror,vote\nBest Actor,1,Anna,1\n",
    );
    assert!(
        e.contains("rounds.csv:2:3: column 'juror': no juror 'Anna'"),
        "{e}"
    );
    // A file of the wrong shape for the category says which columns it needs.
    let e = refused_import(
        &store,
        "shape.csv",
        "category,juror,nominee,score\nBest Film,Anna Karina,1,8\n",
    );
    assert!(
        e.contains("shape.csv:2: 'Best Film' is counted by irv: its ballots file has the columns category,juror,ranking"),
        "{e}"
    );
}

#[test]
fn an_import_is_one_audit_entry_and_undone_whole() {
    let store = jury_store();
    let before = store.log().len();
    import(
        &store,
        "whole.csv",
        "category,juror,ranking\nBest Film,Anna Karina,1 > 2\nBest Film,Javad Karimi,2\nBest Film,Leila Hatami,3 > 1\n",
    );
    assert_eq!(ballots(&store).len(), 3);
    let log = store.log();
    assert_eq!(log.len(), before + 1, "one entry for the whole import");
    store.ok(&["undo"]);
    assert!(
        ballots(&store).is_empty(),
        "undo takes the whole import back"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A near miss of a juror's name (a prefix, a name with a letter more, less or changed, a first
    /// or last name alone) is either that very name after folding or refused: it never resolves to
    /// another juror, and never to one whose folded name differs from what was typed.
    #[test]
    fn near_miss_names_never_resolve_to_another_juror(
        names in proptest::collection::hash_set("[A-Z][a-z]{1,6} [A-Z][a-z]{1,8}", 2..8),
        pick in any::<prop::sample::Index>(),
        cut in 1usize..12,
        edit in 0usize..4,
        letter in "[a-z]",
    ) {
        let names: Vec<String> = names.into_iter().collect();
        let dir = tempfile::tempdir().expect("temp dir");
        let desk = jurydesk::desk::Desk::open(&dir.path().join("store")).expect("open");
        desk.load_demo().expect("demo");
        let mut seated = Vec::new();
        for name in &names {
            // Names that fold alike are refused at the door; keep the ones seated.
            if let Ok(j) = desk.add_juror(&jurydesk::desk::JurorInput {
                edition: EDITION.into(),
                name: name.clone(),
                original_name: String::new(),
                role: jurydesk::domain::JurorRole::Member,
                notes: String::new(),
            }) {
                seated.push(j);
            }
        }
        let edition = desk.edition(EDITION).expect("edition");
        let target = &names[pick.index(names.len())];
        let chars: Vec<char> = target.chars().collect();
        let at = cut.min(chars.len() - 1);
        let typed: String = match edit {
            0 => chars[..at].iter().collect(),
            1 => chars.iter().enumerate().filter(|(i, _)| *i != at).map(|(_, c)| c).collect(),
            2 => format!("{}{letter}{}", chars[..at].iter().collect::<String>(), chars[at..].iter().collect::<String>()),
            _ => target.split(' ').next().expect("a first name").to_string(),
        };
        let fold = |s: &str| s.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
        match desk.juror(&edition, &typed) {
            Ok(juror) => prop_assert_eq!(fold(&juror.name), fold(&typed)),
            Err(e) => {
                let text = e.to_string();
                prop_assert!(text.contains("no juror") || text.contains("names 2"), "{}", text);
                prop_assert!(seated.iter().all(|j| fold(&j.name) != fold(&typed)), "an exact name was refused: {}", text);
            }
        }
    }
}

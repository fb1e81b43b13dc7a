//! Crash safety (docs/architecture.md#durability-and-the-lock, issue 7 item 3): the real `jurydesk`
//! binary is killed with SIGKILL at random moments, again and again, (a) during a stream of
//! command-line writes, (b) during a large import (and a re-import), and (d) while it upgrades a
//! store written by an older jurydesk on open. After every kill the store must open, `jurydesk check`
//! must pass, every write that was reported done (exit 0 seen) must be there, the interrupted import
//! must have left all of its rows or none, and the interrupted upgrade must finish on the next open.
//!
//! The moments are drawn from a seeded generator; the seed is printed, and `JURYDESK_CRASH_SEED=N`
//! replays the same moments (what the child had reached by then still depends on the machine).
#![cfg(unix)]
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use common::TestStore;
use jurydesk::domain::{
    Ballot, BallotContent, Category, Edition, Film, Juror, Nomination, Submission,
};
use jurydesk::store::Store;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Kills that must land (the child still running) in each scenario; 50 in all.
const STREAM_KILLS: usize = 38;
const IMPORT_KILLS: usize = 12;
/// Rows of the generated FilmFreeway export: about 7,000 keys (two records each, and the index
/// buckets and summary pages they share), so the import is staged in several slices
/// (`store::staging`), and so is a re-import that changes every row (about 4,000 keys).
const IMPORT_ROWS: usize = 2000;

/// The generator of one scenario's kill moments, from `JURYDESK_CRASH_SEED` or the clock.
fn seeded(scenario: &str) -> ChaCha8Rng {
    let seed = std::env::var("JURYDESK_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as u64 % 1_000_000)
        });
    println!("{scenario}: crash test seed {seed} (JURYDESK_CRASH_SEED={seed} replays it)");
    ChaCha8Rng::seed_from_u64(seed)
}

fn spawn<S: AsRef<std::ffi::OsStr>>(store: &TestStore, args: &[S]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_jurydesk"))
        .env_remove("JURYDESK_DB")
        .arg("--db")
        .arg(store.path())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("jurydesk starts")
}

/// How a child ended: on its own, or killed while it was still running.
enum Ending {
    Exited(ExitStatus),
    Killed,
}

/// Waits for `child` until `deadline`, then SIGKILLs it if it is still running.
fn run_until(mut child: Child, deadline: Instant) -> (Ending, Child) {
    loop {
        if let Some(status) = child.try_wait().expect("the child's status") {
            return (Ending::Exited(status), child);
        }
        if Instant::now() >= deadline {
            child.kill().expect("SIGKILL the child");
            let status = child.wait().expect("reap the child");
            use std::os::unix::process::ExitStatusExt;
            // It may have exited on its own between the last look and the kill.
            return match status.signal() {
                Some(_) => (Ending::Killed, child),
                None => (Ending::Exited(status), child),
            };
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn stderr_of(child: Child) -> String {
    let output = child.wait_with_output().expect("the child's output");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `jurydesk check` must pass on the store as the kill left it. Returns what it said on stderr (the
/// note of an import it rolled back, if any).
fn assert_check_passes(store: &TestStore, after: &str) -> String {
    let out = store
        .cmd()
        .arg("check")
        .output()
        .expect("jurydesk check runs");
    assert!(
        out.status.success(),
        "{after}: check failed with {:?}:\n{}{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn edition_id(store: &Store, code: &str) -> u64 {
    store
        .all::<Edition>()
        .expect("editions")
        .into_iter()
        .find(|e| e.code == code)
        .unwrap_or_else(|| panic!("no edition {code}"))
        .id
}

// ---------------------------------------------------------------------------------------------------
// (a) a stream of writes

/// One write of the stream and what it leaves in the store once it is done.
#[derive(Debug, Clone)]
enum Write {
    Submission { title: String },
    Juror { name: String },
    Ballot { juror: String, ranking: Vec<u32> },
}

impl Write {
    fn args(&self) -> Vec<String> {
        let owned = |args: &[&str]| args.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        match self {
            Write::Submission { title } => owned(&[
                "submission",
                "add",
                "--edition",
                "fajr-43",
                "--title",
                title,
            ]),
            Write::Juror { name } => {
                owned(&["juror", "add", "--edition", "riff-18", "--name", name])
            }
            Write::Ballot { juror, ranking } => {
                let rank: Vec<String> = ranking.iter().map(u32::to_string).collect();
                owned(&[
                    "ballot",
                    "set",
                    "--edition",
                    "riff-18",
                    "--category",
                    "Grand Prize",
                    "--juror",
                    juror,
                    "--rank",
                    &rank.join(" > "),
                ])
            }
        }
    }
}

/// Voting jurors of the demo's riff-18 with no recusal in the Grand Prize.
const BALLOT_JURORS: [&str; 5] = [
    "Mina Sadeghi",
    "Javad Karimi",
    "Leila Haddad",
    "Sara Ahmadi",
    "Yannick Morel",
];

fn random_write(rng: &mut ChaCha8Rng, n: usize) -> Write {
    match rng.random_range(0..3) {
        0 => Write::Submission {
            title: format!("Crash Stream Film {n}"),
        },
        1 => Write::Juror {
            name: format!("Crash Stream Juror {n}"),
        },
        _ => {
            let mut ranking = vec![1, 2, 3, 4];
            for i in (1..ranking.len()).rev() {
                ranking.swap(i, rng.random_range(0..=i));
            }
            Write::Ballot {
                juror: BALLOT_JURORS[rng.random_range(0..BALLOT_JURORS.len())].to_string(),
                ranking,
            }
        }
    }
}

/// What the stream's writes must have left: the acknowledged ones for certain, a killed one maybe.
#[derive(Default)]
struct Expected {
    titles: BTreeSet<String>,
    jurors: BTreeSet<String>,
    /// Per juror, the rankings the stored Grand Prize ballot may hold: the last acknowledged one and
    /// any killed since.
    ballots: BTreeMap<String, BTreeSet<Vec<u32>>>,
}

impl Expected {
    fn acknowledged(&mut self, write: &Write) {
        match write {
            Write::Submission { title } => {
                self.titles.insert(title.clone());
            }
            Write::Juror { name } => {
                self.jurors.insert(name.clone());
            }
            Write::Ballot { juror, ranking } => {
                self.ballots
                    .insert(juror.clone(), BTreeSet::from([ranking.clone()]));
            }
        }
    }

    fn killed(&mut self, write: &Write) {
        if let Write::Ballot { juror, ranking } = write
            && let Some(allowed) = self.ballots.get_mut(juror)
        {
            allowed.insert(ranking.clone());
        }
    }

    /// Opens the store in this process and compares.
    fn assert_present(&self, store: &TestStore, after: &str) {
        let opened = Store::open(&store.path())
            .unwrap_or_else(|e| panic!("{after}: the store does not open: {e}"));
        let fajr = edition_id(&opened, "fajr-43");
        let films: BTreeMap<u64, String> = opened
            .all::<Film>()
            .expect("films")
            .into_iter()
            .map(|f| (f.id, f.title))
            .collect();
        let titles: BTreeSet<&str> = opened
            .all::<Submission>()
            .expect("submissions")
            .iter()
            .filter(|s| s.edition_id == fajr)
            .filter_map(|s| films.get(&s.film_id).map(String::as_str))
            .collect();
        for title in &self.titles {
            assert!(
                titles.contains(title.as_str()),
                "{after}: acknowledged submission {title:?} is missing"
            );
        }
        let jurors = opened.all::<Juror>().expect("jurors");
        for name in &self.jurors {
            assert!(
                jurors.iter().any(|j| &j.name == name),
                "{after}: acknowledged juror {name:?} is missing"
            );
        }
        let grand_prize = opened
            .all::<Category>()
            .expect("categories")
            .into_iter()
            .find(|c| c.name == "Grand Prize")
            .expect("the Grand Prize");
        let number_of: BTreeMap<u64, u32> = opened
            .all::<Nomination>()
            .expect("nominations")
            .into_iter()
            .filter(|n| n.category_id == grand_prize.id)
            .map(|n| (n.id, n.number))
            .collect();
        let ballots = opened.all::<Ballot>().expect("ballots");
        for (juror, allowed) in &self.ballots {
            let juror_id = jurors
                .iter()
                .find(|j| &j.name == juror)
                .map(|j| j.id)
                .expect("a demo juror");
            let stored = ballots
                .iter()
                .find(|b| b.category_id == grand_prize.id && b.juror_id == juror_id)
                .unwrap_or_else(|| panic!("{after}: {juror}'s acknowledged ballot is missing"));
            let BallotContent::Ranked(order) = &stored.content else {
                panic!("{after}: {juror}'s ballot is not a ranking");
            };
            let numbers: Vec<u32> = order.iter().map(|id| number_of[id]).collect();
            assert!(
                allowed.contains(&numbers),
                "{after}: {juror}'s ballot is {numbers:?}, acknowledged {allowed:?}"
            );
        }
    }
}

#[test]
fn kill_9_during_a_stream_of_writes_loses_no_acknowledged_write() {
    let started = Instant::now();
    let mut rng = seeded("stream");
    let store = TestStore::with_demo();
    let mut expected = Expected::default();
    let mut n = 0;

    // How long one write takes here, to aim the kills inside the stream. (Not updated as the stream
    // goes: the writes that finish are the quicker ones, and would pull the estimate down.)
    let (mut took, mut acknowledged) = (Duration::ZERO, 0u32);
    for _ in 0..4 {
        n += 1;
        let write = random_write(&mut rng, n);
        let begun = Instant::now();
        let out = store
            .cmd()
            .args(write.args())
            .output()
            .expect("jurydesk runs");
        took += begun.elapsed();
        acknowledged += 1;
        assert!(
            out.status.success(),
            "{write:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        expected.acknowledged(&write);
    }
    let one_write = took / acknowledged;

    let (mut kills, mut rounds) = (0, 0);
    while kills < STREAM_KILLS {
        rounds += 1;
        assert!(
            rounds <= STREAM_KILLS * 4,
            "too few kills landed: {kills} in {rounds} rounds"
        );
        // A stream of one to three writes, with the kill somewhere inside it.
        let writes = rng.random_range(1..=3u32);
        let deadline = Instant::now() + one_write.mul_f64(rng.random_range(0.0..f64::from(writes)));
        for _ in 0..writes {
            n += 1;
            let write = random_write(&mut rng, n);
            let (ending, child) = run_until(spawn(&store, &write.args()), deadline);
            match ending {
                Ending::Exited(status) if status.success() => {
                    expected.acknowledged(&write);
                    acknowledged += 1;
                }
                Ending::Exited(status) => {
                    panic!("{write:?} failed ({status}): {}", stderr_of(child))
                }
                Ending::Killed => {
                    kills += 1;
                    expected.killed(&write);
                    let after = format!("kill {kills} during {write:?}");
                    assert_check_passes(&store, &after);
                    expected.assert_present(&store, &after);
                    break;
                }
            }
        }
    }
    assert_check_passes(&store, "the end of the stream");
    expected.assert_present(&store, "the end of the stream");
    println!(
        "stream: {kills} kills in {rounds} rounds, {acknowledged} acknowledged writes kept \
         (one write took {one_write:?}); {:.1?} in all",
        started.elapsed()
    );
}

// ---------------------------------------------------------------------------------------------------
// (b) a large import

/// A FilmFreeway export of `rows` distinct films.
fn filmfreeway_export(rows: usize) -> String {
    filmfreeway_export_at(rows, 1, "", "")
}

/// The export of `rows` distinct films, their runtimes `hours` long and their titles ending in `subtitle`, each submission with `notes`:
/// a later export of the same submissions changes every film and every submission.
fn filmfreeway_export_at(rows: usize, hours: u32, notes: &str, subtitle: &str) -> String {
    let mut csv = String::from(
        "Submission ID,Project Title,Directors,Duration,Country of Origin,Submission Status,Judging Status,Submission Notes\n",
    );
    for i in 0..rows {
        csv.push_str(&format!(
            "{},Crash Import Film {i}{subtitle},Director {},{hours}:{:02}:00,Iran,In Consideration,Undecided,{notes}\n",
            700_000 + i,
            i % 97,
            i % 60
        ));
    }
    csv
}

/// The length of a file up to its last non-zero byte: how much of sled's log has been written.
fn used_len(file: &std::path::Path) -> usize {
    let bytes = std::fs::read(file).expect("read the file");
    bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1)
}

/// The number of submissions of `edition` and of audit entries, read in this process.
fn import_state(store: &TestStore, edition: &str) -> (usize, usize) {
    let opened = Store::open(&store.path()).expect("the store opens after the kill");
    let id = edition_id(&opened, edition);
    let submissions = opened
        .all::<Submission>()
        .expect("submissions")
        .iter()
        .filter(|s| s.edition_id == id)
        .count();
    let entries = opened.log_newest_first().count();
    (submissions, entries)
}

/// The demo store with an edition `fajr-44` and nothing in it: what each import round starts from.
fn demo_with_empty_edition() -> TestStore {
    let template = TestStore::with_demo();
    template.ok(&[
        "edition",
        "add",
        "--festival",
        "fajr",
        "--number",
        "44",
        "--year",
        "2026",
    ]);
    template
}

#[test]
fn kill_9_during_a_large_import_leaves_all_of_it_or_none() {
    let started = Instant::now();
    let mut rng = seeded("import");
    let template = demo_with_empty_edition();
    let (empty, entries_before) = import_state(&template, "fajr-44");
    let template_used = used_len(&template.path().join("db"));
    assert_eq!(empty, 0);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let export = dir.path().join("export.csv");
    std::fs::write(&export, filmfreeway_export(IMPORT_ROWS)).expect("write the export");
    let export = export.to_str().expect("a UTF-8 path");
    let import = ["import", "filmfreeway", export, "--edition", "fajr-44"];

    // One import left alone: how long it takes, and what "all of it" is.
    let store = template.duplicate();
    let begun = Instant::now();
    let out = store.cmd().args(import).output().expect("jurydesk runs");
    let full = begun.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        import_state(&store, "fajr-44"),
        (IMPORT_ROWS, entries_before + 1)
    );

    // The kills close in on the commit. The moments are kept as fractions of how long a whole import
    // takes, and that length is re-measured from every import that ends before its kill: on a machine
    // whose load changes, a length measured once would aim every later kill too late (or too early).
    // `before` is the latest fraction at which a kill still left nothing, `after` the earliest at which
    // a kill found the import already whole; the next kill falls between them, widened by a tenth of a
    // whole import on each side.
    let (mut before, mut after) = (0.3_f64, 1.0_f64);
    let mut whole = full;
    let (mut kills, mut rounds, mut killed_after_commit, mut killed_writing) = (0, 0, 0, 0);
    // Kills that landed while the import was being written in slices, so that the next open rolled
    // back the slices already written (`store::staging`).
    let mut rolled_back = 0;
    // Until enough kills landed, one of them at least while the import was being written to disk,
    // and one at least between its first slice and its commit.
    while kills < IMPORT_KILLS || killed_writing == 0 || rolled_back == 0 {
        rounds += 1;
        assert!(
            rounds <= IMPORT_KILLS * 10,
            "too few kills landed: {kills} in {rounds} rounds, {killed_writing} while the import \
             was writing, {rolled_back} while it was staged in slices (a whole import took \
             {whole:?})"
        );
        let store = template.duplicate();
        let (low, high) = ((before.min(after) - 0.1).max(0.0), before.max(after) + 0.1);
        let fraction = rng.random_range(low..high);
        let at = whole.mul_f64(fraction);
        let begun = Instant::now();
        let (ending, child) = run_until(spawn(&store, &import), begun + at);
        let killed = matches!(ending, Ending::Killed);
        // Whether the import had begun writing its batch to sled's log when it was killed.
        let written = used_len(&store.path().join("db")) > template_used;
        killed_writing += usize::from(killed && written);
        let moment = match ending {
            Ending::Killed => {
                kills += 1;
                format!("kill {kills} at {at:?} into the import")
            }
            Ending::Exited(status) if status.success() => {
                // It ran whole in less than `at`: that is how long an import takes now.
                whole = begun.elapsed();
                format!("the import that finished before the kill at {at:?}")
            }
            Ending::Exited(status) => panic!("the import failed ({status}): {}", stderr_of(child)),
        };
        let said = assert_check_passes(&store, &moment);
        if said.contains("was rolled back") {
            rolled_back += 1;
            assert!(
                said.contains("import filmfreeway"),
                "{moment}: the note names the import: {said}"
            );
        }
        match import_state(&store, "fajr-44") {
            (0, entries) => {
                assert_eq!(entries, entries_before, "{moment}: no rows but a log entry");
                before = before.max(fraction);
            }
            (IMPORT_ROWS, entries) => {
                assert_eq!(
                    entries,
                    entries_before + 1,
                    "{moment}: all rows, no log entry"
                );
                killed_after_commit += usize::from(killed);
                if killed {
                    after = after.min(fraction);
                }
            }
            (partial, _) => panic!("{moment}: {partial} of {IMPORT_ROWS} rows were left"),
        }
    }
    println!(
        "import: {kills} kills in {rounds} rounds ({} left nothing, {killed_after_commit} left all \
         {IMPORT_ROWS} rows, none left part; {killed_writing} landed after the import had begun \
         writing to sled's log, {rolled_back} while it was staged in slices and were rolled back on \
         the next open); a whole import took {full:?} at first, {whole:?} at last; the \
         commit lay near {:.0}%..{:.0}% of it; {:.1?} in all",
        kills - killed_after_commit,
        before * 100.0,
        after * 100.0,
        started.elapsed()
    );
}

/// The whole store as `export backup` writes it: records, counters and the audit log, byte for byte.
fn backup_of(store: &TestStore) -> Vec<u8> {
    let out = store
        .cmd()
        .args(["export", "backup"])
        .output()
        .expect("jurydesk export backup runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// How many of the submissions of `edition`, and of their films, carry the second export's changes.
fn reimport_state(store: &TestStore, edition: &str) -> (usize, usize) {
    let opened = Store::open(&store.path()).expect("the store opens after the kill");
    let id = edition_id(&opened, edition);
    let submissions: Vec<Submission> = opened
        .all::<Submission>()
        .expect("submissions")
        .into_iter()
        .filter(|s| s.edition_id == id)
        .collect();
    let films = opened.all::<Film>().expect("films");
    let changed_submissions = submissions
        .iter()
        .filter(|s| s.notes == "second export")
        .count();
    let changed_films = submissions
        .iter()
        .filter(|s| {
            films
                .iter()
                .any(|f| f.id == s.film_id && f.runtime_minutes.is_some_and(|m| m >= 120))
        })
        .count();
    (changed_submissions, changed_films)
}

/// A second export of the same 2,000 submissions changes every one of them and every film (its
/// runtime, and its title, so that the films' identities move and the commit is large enough to be
/// staged in slices: the records alone are 250 buckets): a kill
/// while it is staged must leave the store exactly as it was before (the same backup, byte for byte,
/// so every changed record, index entry, summary page and counter is put back), or all of it.
#[test]
fn kill_9_during_a_large_reimport_puts_back_every_record_it_changed() {
    let started = Instant::now();
    let mut rng = seeded("reimport");
    let template = demo_with_empty_edition();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let first = dir.path().join("first.csv");
    let second = dir.path().join("second.csv");
    std::fs::write(&first, filmfreeway_export(IMPORT_ROWS)).expect("write the first export");
    std::fs::write(
        &second,
        filmfreeway_export_at(IMPORT_ROWS, 2, "second export", " (Restored)"),
    )
    .expect("write the second export");
    let (first, second) = (
        first.to_str().expect("a UTF-8 path"),
        second.to_str().expect("a UTF-8 path"),
    );
    template.ok(&["import", "filmfreeway", first, "--edition", "fajr-44"]);
    let before = backup_of(&template);
    let reimport = ["import", "filmfreeway", second, "--edition", "fajr-44"];

    let store = template.duplicate();
    let begun = Instant::now();
    store.ok(&reimport);
    let mut whole = begun.elapsed();
    assert_eq!(
        reimport_state(&store, "fajr-44"),
        (IMPORT_ROWS, IMPORT_ROWS)
    );

    // Kills spread over the second half of a re-import and a little past it, where its slices are
    // written; at least one must land between the first slice and the commit.
    let (mut kills, mut rounds, mut rolled_back, mut whole_after_kill) = (0, 0, 0, 0);
    while kills < IMPORT_KILLS / 2 || rolled_back == 0 {
        rounds += 1;
        assert!(
            rounds <= IMPORT_KILLS * 10,
            "too few kills landed: {kills} in {rounds} rounds, {rolled_back} while the re-import \
             was staged in slices (a whole re-import took {whole:?})"
        );
        let store = template.duplicate();
        let at = whole.mul_f64(rng.random_range(0.5..1.1));
        let begun = Instant::now();
        let (ending, child) = run_until(spawn(&store, &reimport), begun + at);
        let killed = matches!(ending, Ending::Killed);
        let moment = match ending {
            Ending::Killed => {
                kills += 1;
                format!("kill {kills} at {at:?} into the re-import")
            }
            Ending::Exited(status) if status.success() => {
                whole = begun.elapsed();
                format!("the re-import that finished before the kill at {at:?}")
            }
            Ending::Exited(status) => {
                panic!("the re-import failed ({status}): {}", stderr_of(child))
            }
        };
        let said = assert_check_passes(&store, &moment);
        rolled_back += usize::from(said.contains("was rolled back"));
        match reimport_state(&store, "fajr-44") {
            (0, 0) => assert!(
                backup_of(&store) == before,
                "{moment}: nothing of the re-import is left, but the store is not as it was"
            ),
            // Only a kill that landed after the commit counts here, not a round that ran to its end.
            (IMPORT_ROWS, IMPORT_ROWS) => whole_after_kill += usize::from(killed),
            partial => panic!("{moment}: {partial:?} of {IMPORT_ROWS} rows were changed"),
        }
    }
    println!(
        "reimport: {kills} kills in {rounds} rounds, {rolled_back} rolled back from between slices \
         and the store put back byte for byte, {whole_after_kill} found it whole; {:.1?} in all",
        started.elapsed()
    );
}

// ---------------------------------------------------------------------------------------------------
// (d) the upgrade of an older store on open

/// Rows imported before the store is laid out as schema 10: enough index entries that the migration
/// to schema 11 is staged in many slices.
const MIGRATION_ROWS: usize = 6000;

/// Whether a store on disk still says schema 10 and holds a staged commit's marker: a migration the
/// kill cut short, read with sled itself (opening it with jurydesk would finish the job).
fn migration_cut_short(store: &TestStore) -> bool {
    let db = sled::Config::new()
        .path(store.path())
        .open()
        .expect("sled opens the store");
    let schema = db.get(b"\x00schema").expect("read").map(|v| v.to_vec());
    let marked = db.get(b"\x00staged_commit").expect("read").is_some();
    schema.as_deref() == Some(&10u32.to_be_bytes()[..]) && marked
}

/// A store written by schema 10 is opened by a jurydesk that must bring it up to schema 11 (staged in
/// slices), and is killed at random moments while it does: after every kill the next open finishes
/// the upgrade, `check` passes, and every list and the backup are what an upgrade left alone gives.
#[test]
fn kill_9_during_the_upgrade_of_an_older_store_loses_nothing() {
    let started = Instant::now();
    let mut rng = seeded("upgrade");
    let template = demo_with_empty_edition();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let export = dir.path().join("export.csv");
    std::fs::write(&export, filmfreeway_export(MIGRATION_ROWS)).expect("write the export");
    template.ok(&[
        "import",
        "filmfreeway",
        export.to_str().expect("a UTF-8 path"),
        "--edition",
        "fajr-44",
    ]);
    {
        let store = Store::open(&template.path()).expect("open");
        jurydesk::store::testing::lay_out_as_schema_10(store.raw()).expect("lay out as schema 10");
    }
    let list = ["list", "submissions", "--format", "csv"];
    // What the upgrade gives when nothing stops it, and how long it takes.
    let whole_run = template.duplicate();
    let begun = Instant::now();
    let expected_list = whole_run.ok(&list);
    let mut whole = begun.elapsed();
    let expected_backup = backup_of(&whole_run);
    assert!(whole_run.ok(&["check"]).contains("store is sound"));

    let (mut kills, mut rounds, mut cut_short) = (0, 0, 0);
    while kills < IMPORT_KILLS / 2 || cut_short == 0 {
        rounds += 1;
        assert!(
            rounds <= IMPORT_KILLS * 10,
            "too few kills landed: {kills} in {rounds} rounds, {cut_short} while the upgrade was \
             staged (a whole open and list took {whole:?})"
        );
        let store = template.duplicate();
        let at = whole.mul_f64(rng.random_range(0.05..0.9));
        let begun = Instant::now();
        let (ending, child) = run_until(spawn(&store, &list), begun + at);
        let moment = match ending {
            Ending::Killed => {
                kills += 1;
                format!("kill {kills} at {at:?} into the upgrade")
            }
            Ending::Exited(status) if status.success() => {
                whole = begun.elapsed();
                format!("the upgrade that finished before the kill at {at:?}")
            }
            Ending::Exited(status) => {
                panic!("the upgrade failed ({status}): {}", stderr_of(child))
            }
        };
        cut_short += usize::from(migration_cut_short(&store));
        let said = assert_check_passes(&store, &moment);
        assert!(
            !said.contains("rolled back"),
            "{moment}: an upgrade done again whole asks the user for nothing: {said}"
        );
        assert!(
            store.ok(&list) == expected_list,
            "{moment}: the list differs"
        );
        assert!(
            backup_of(&store) == expected_backup,
            "{moment}: the backup differs"
        );
    }
    println!(
        "upgrade: {kills} kills in {rounds} rounds, {cut_short} cut the staged upgrade short and the \
         next open finished it; {:.1?} in all",
        started.elapsed()
    );
}

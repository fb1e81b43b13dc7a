//! Failed writes and fsyncs (docs/architecture.md#faults; issue 13), injected into the real binary by
//! libfiu's `fiu-run` (Debian's fiu-utils): `pwrite`, `pwritev`, `fsync`, `fdatasync` and `ftruncate`
//! fail at random, each with an error their manual allows (EIO, ENOSPC, EINVAL, ENXIO…), where
//! `full_disk.rs` can only make a disk full. Whatever failed, each run must hold:
//! - the command ends within a deadline with exit 0, or exit 3 and a message in words (never a panic,
//!   never Rust's debugging form `Os { code: … }`);
//! - the next open, without faults, needs no manual step and `check` finds the store sound;
//! - a change is all or nothing: an import of N rows left 0 or N submissions;
//! - nothing reported saved is missing.
//!
//! (A change refused after its data reached the disk — an fsync that failed after the write — may be
//! found whole afterwards: the system cannot say whether the data is durable, so jurydesk reports it
//! as not saved and the next open finds what the disk kept, whole or not at all.)
//!
//! Where `fiu-run` is missing the tests fail under CI (`.ci/run` installs it) unless
//! `JURYDESK_SKIP_FIU=1`; elsewhere they skip and say so on the terminal.
#![cfg(target_os = "linux")]
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::TestStore;
use common::faulted::{BIN, DEADLINE, assert_sound, copy_of, head_seq, run, stderr, titles_in};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// What a refusal after a failed write says.
const REFUSED: &[&str] = &[
    "cannot",
    "is full",
    "is read-only",
    "stopped using the store",
];
/// The calls that write or make durable, as libfiu names its failure points.
const FAILURE_POINTS: [&str; 5] = [
    "posix/io/rw/pwrite",
    "posix/io/rw/pwritev",
    "posix/io/sync/fsync",
    "posix/io/sync/fdatasync",
    "posix/io/rw/ftruncate",
];

/// Whether `fiu-run` and its POSIX preload library are here; if not, says so (and fails under CI).
fn fiu_here() -> bool {
    let here = Command::new("fiu-run").arg("-h").output().is_ok()
        && Path::new("/usr/lib/fiu/fiu_posix_preload.so").exists();
    if !here {
        common::cannot_run_here(
            "faults.rs",
            "FIU",
            "fiu-run (Debian's fiu-utils) is not installed; `apt-get install fiu-utils`",
        );
    }
    here
}

/// Runs jurydesk with every failure point failing at `probability`.
fn run_faulted(db: &Path, args: &[&str], probability: f64) -> Output {
    let mut command = Command::new("fiu-run");
    // No remote-control pipes in /tmp; the POSIX preload library.
    command.args(["-x", "-f", ""]);
    for point in FAILURE_POINTS {
        command.arg("-c").arg(format!(
            "enable_random name={point},probability={probability}"
        ));
    }
    command
        .arg(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("JURYDESK_DB");
    common::deadline::output_within(command, DEADLINE, &format!("faulted jurydesk {args:?}"))
}

/// Sixty single changes with writes and fsyncs failing at random (up to one call in four): each
/// saved one is there, and the store is sound after each.
#[test]
fn single_changes_with_failing_writes_are_saved_whole_or_refused_in_words() {
    if !fiu_here() {
        return;
    }
    let template = TestStore::with_demo();
    let dir = tempfile::tempdir().expect("a directory");
    let db = copy_of(&template, dir.path());
    let mut rng = ChaCha8Rng::seed_from_u64(13);
    let runs = 60;
    let (mut saved, mut refused) = (Vec::new(), 0);
    for i in 0..runs {
        let title = format!("Faulted Film No. {i}");
        let probability = rng.random_range(0.0..0.25);
        let out = run_faulted(
            &db,
            &[
                "submission",
                "add",
                "--edition",
                "fajr-43",
                "--title",
                &title,
            ],
            probability,
        );
        let what = format!("run {i} (failing {probability:.3} of calls)");
        if common::faulted::saved_or_refused_in_words(&out, &what, REFUSED) {
            saved.push(title);
        } else {
            refused += 1;
        }
        assert_sound(&db, &what);
    }
    let present = titles_in(&db, "fajr-43");
    for title in &saved {
        assert!(present.contains(title), "{title} was reported saved");
    }
    eprintln!(
        "failing writes, single changes: {runs} runs, {} saved, {refused} refused, store sound after each",
        saved.len()
    );
    assert!(refused > 0, "no fault ever reached a change");
    assert!(!saved.is_empty(), "no change ever got through");
}

/// Twenty imports of 1,500 rows (written in slices) with writes and fsyncs failing at random: each
/// leaves all of its rows or none.
#[test]
fn imports_with_failing_writes_are_kept_whole_or_not_at_all() {
    if !fiu_here() {
        return;
    }
    let template = TestStore::with_demo();
    let rows = 1500;
    let csv_dir = tempfile::tempdir().expect("a directory for the sheet");
    let csv = csv_dir.path().join("films.csv");
    let mut sheet = String::from("title,directors,countries,year\n");
    for n in 0..rows {
        sheet.push_str(&format!(
            "Faulted Import {n},Director {n},Iran,{}\n",
            1990 + n % 30
        ));
    }
    fs::write(&csv, sheet).expect("the sheet");
    let before = titles_in(&template.path(), "fajr-43").len();
    let mut rng = ChaCha8Rng::seed_from_u64(17);
    let runs = 20;
    let (mut whole, mut none) = (0, 0);
    for i in 0..runs {
        let dir = tempfile::tempdir().expect("a directory");
        let db = copy_of(&template, dir.path());
        let probability = rng.random_range(0.0..0.15);
        let out = run_faulted(
            &db,
            &[
                "import",
                "csv",
                csv.to_str().expect("a UTF-8 path"),
                "--edition",
                "fajr-43",
            ],
            probability,
        );
        let what = format!("import {i} (failing {probability:.4} of calls)");
        let reported = common::faulted::saved_or_refused_in_words(&out, &what, REFUSED);
        assert_sound(&db, &what);
        let after = titles_in(&db, "fajr-43").len();
        if after == before + rows {
            whole += 1;
        } else {
            assert_eq!(after, before, "{what}: all or nothing");
            assert!(!reported, "{what}: reported saved but not there");
            none += 1;
        }
    }
    eprintln!(
        "failing writes, imports: {runs} runs, {whole} whole, {none} none, store sound after each"
    );
    assert!(none > 0, "no fault ever stopped an import");
}

/// The other ways in that write — a ballot, an undo, a restored backup, a generated store — with
/// writes and fsyncs failing at random: each leaves the store sound with its one log entry (and so,
/// since `check` compares every record with the log, its whole change) or with nothing of it.
#[test]
fn ballots_undo_restore_and_generate_with_failing_writes_are_whole_or_nothing() {
    if !fiu_here() {
        return;
    }
    let template = TestStore::with_demo();
    let backup_dir = tempfile::tempdir().expect("a directory for the backup");
    let backup = backup_dir.path().join("demo.backup.json");
    template.ok(&["export", "backup", "--out", backup.to_str().expect("UTF-8")]);
    let mut rng = ChaCha8Rng::seed_from_u64(19);
    let runs = 32;
    let mut tally = [(0, 0); 4];
    for i in 0..runs {
        let dir = tempfile::tempdir().expect("a directory");
        let kind = i % 4;
        let (db, args): (PathBuf, Vec<&str>) = match kind {
            0 => (
                copy_of(&template, dir.path()),
                vec![
                    "ballot",
                    "set",
                    "--edition",
                    "riff-18",
                    "--category",
                    "Grand Prize",
                    "--juror",
                    "Javad Karimi",
                    "--rank",
                    "A House in Basra",
                ],
            ),
            1 => {
                let db = copy_of(&template, dir.path());
                let out = run(
                    &db,
                    &[
                        "submission",
                        "add",
                        "--edition",
                        "fajr-43",
                        "--title",
                        "To Undo",
                    ],
                );
                assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
                (db, vec!["undo"])
            }
            2 => (
                dir.path().join("restored"),
                vec!["import", "backup", backup.to_str().expect("UTF-8")],
            ),
            _ => (
                dir.path().join("generated"),
                vec!["generate", "--submissions", "3000", "--seed", "1"],
            ),
        };
        let before = head_seq(&db);
        let probability = rng.random_range(0.0..0.2);
        let out = run_faulted(&db, &args, probability);
        let what = format!("run {i}, {args:?} (failing {probability:.3} of calls)");
        let reported = common::faulted::saved_or_refused_in_words(&out, &what, REFUSED);
        if db.exists() {
            assert_sound(&db, &what);
        }
        let after = head_seq(&db);
        let grew = match (before, after) {
            (None, None) => false,
            (None, Some(_)) => true,
            (Some(b), Some(a)) if a == b => false,
            (Some(b), Some(a)) if a == b + 1 => true,
            other => panic!("{what}: the log went from {other:?}"),
        };
        if reported {
            assert!(
                grew,
                "{what}: reported saved but the log has no entry for it"
            );
        }
        if grew {
            tally[kind].0 += 1;
        } else {
            tally[kind].1 += 1;
        }
    }
    eprintln!(
        "failing writes, other ways in (whole, nothing): ballot {:?}, undo {:?}, restore {:?}, generate {:?}",
        tally[0], tally[1], tally[2], tally[3]
    );
    assert!(
        tally.iter().map(|t| t.1).sum::<usize>() > 0,
        "no fault ever stopped a change"
    );
}

/// The desk, when a write fails under it (docs/architecture.md#faults): the failure is shown in
/// full over the desk instead of cut on the status line, no key but quitting does anything more,
/// the desk exits 3 with the failure on the plain terminal, and the store is sound afterwards.
/// Faults start only once the desk has drawn (through libfiu's control pipe), so that opening the
/// store succeeds.
#[test]
fn the_desk_shows_a_failed_write_in_full_and_can_only_quit() {
    use common::pty::PtySession;
    use std::ffi::OsStr;
    if !fiu_here() {
        return;
    }
    let template = TestStore::with_demo();
    let dir = tempfile::tempdir().expect("a directory");
    let db = copy_of(&template, dir.path());
    let home = dir.path().join("home");
    fs::create_dir(&home).expect("a home");
    let fifo = dir.path().join("fiu-ctl");
    let preload = "/usr/lib/fiu/fiu_run_preload.so /usr/lib/fiu/fiu_posix_preload.so";
    let mut desk = PtySession::spawn(
        35,
        120,
        &[OsStr::new("--db"), db.as_os_str()],
        &[
            ("HOME", home.as_os_str()),
            ("XDG_CONFIG_HOME", home.as_os_str()),
            ("LD_PRELOAD", OsStr::new(preload)),
            ("FIU_CTRL_FIFO", fifo.as_os_str()),
            ("FIU_ENABLE", OsStr::new("")),
        ],
    );
    desk.wait_for_drawn("Submissions");
    let mut control = Command::new("fiu-ctrl");
    control.arg("-f").arg(&fifo);
    for point in FAILURE_POINTS {
        control.arg("-c").arg(format!("enable name={point}"));
    }
    let enabled = control
        .arg(desk.pid().to_string())
        .output()
        .expect("fiu-ctrl runs");
    assert!(
        enabled.status.success() && enabled.stderr.is_empty(),
        "fiu-ctrl: {}",
        stderr(&enabled)
    );
    // Every write fails now: the first change the desk tries meets it. Move down the submissions
    // of the first edition trying the next status, until one is a change the rules allow.
    desk.press("2");
    let mut screen = String::new();
    for _ in 0..10 {
        desk.press("x");
        desk.wait_for_drawn("Status of");
        desk.press("\x1b[B\r");
        desk.settle();
        screen = desk.screen();
        if screen.contains("could not be written") {
            break;
        }
        desk.press("j");
    }
    assert!(
        screen.contains("The store could not be written"),
        "the failure is shown over the desk:\n{screen}"
    );
    assert!(screen.contains("jurydesk log"), "{screen}");
    // Keys other than quitting do nothing now.
    desk.press("j");
    desk.press("a");
    desk.settle();
    assert!(
        desk.screen().contains("could not be written"),
        "{}",
        desk.screen()
    );
    desk.press("q");
    assert_eq!(desk.wait_exit(), 3, "the desk exits 3: {}", desk.screen());
    desk.assert_raw_mode_off();
    let after = desk.screen();
    assert!(
        after.contains("jurydesk: "),
        "the failure on the plain terminal:\n{after}"
    );
    assert_sound(&db, "after the desk's failed write");
}

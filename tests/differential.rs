//! Differential test against pref_voting 1.18.2 (PyPI), a well-tested Python implementation of voting
//! methods: on hundreds of random seeded profiles, plurality, Borda, IRV and Schulze must give the same
//! winner sets (a tie is a set of several winners; jurydesk's tie-break chain is left empty).
//!
//! It needs Python 3 and the network the first time (it makes a venv under the cargo target dir and
//! pip-installs pref_voting there; later runs reuse it), so it is ignored by a plain `cargo test`. Run:
//!
//! ```text
//! cargo test --test differential -- --ignored
//! ```
//!
//! `PYTHON` names the interpreter that makes the venv (default `python3`).
//!
//! Where the definitions meet (see tests/differential/pref_voting_winners.py for the functions called):
//! - plurality: the same on complete and truncated rankings (an empty ballot counts for no one);
//! - borda: the same on complete rankings. On truncated ones pref_voting's *symmetric* Borda (ranked
//!   below minus ranked above, unranked tied) equals 2·ours − (n − 1) on every ballot, so it picks the same
//!   winners, and those are compared too;
//! - irv: `instant_runoff_put` (parallel-universe tie-breaking: every candidate that wins under some
//!   order of eliminating those tied for fewest). Every count jurydesk decides without a tie equals
//!   PUT's single winner; every profile where PUT has several winners is a reported tie in jurydesk (a
//!   tie for first or an elimination tie, docs/counting.md#methods). pref_voting's `instant_runoff`
//!   removes all tied for fewest at once even where the order matters, which jurydesk no longer does,
//!   so it is not compared;
//! - schulze: `beat_path` on margins with *extended strict preference* (a ranked candidate beats every
//!   unranked one, unranked ones tie), which is the rule "unranked rank below all ranked ones"
//!   (docs/counting.md#methods). With pref_voting's default (strict preference) unranked candidates are
//!   ignored instead, which differs on truncated ballots (see
//!   tests/fixtures/vectors/truncated.json), so that mode is not compared.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use jurydesk::tally::{self, Ballot, Content, Count, Method};
use serde_json::{Value, json};

const PROFILES: usize = 600;
const PREF_VOTING: &str = "pref_voting==1.18.2";
/// pref_voting and every package it pulls in, pinned with their hashes: the comparison runs against
/// the same code every time, and a package changed on PyPI is refused instead of run.
const REQUIREMENTS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/differential/requirements.txt"
);
const SCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/differential/pref_voting_winners.py"
);

/// splitmix64: the profiles are the same on every run and platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi` (the slight modulo bias does not matter for test data).
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    fn permutation(&mut self, n: usize) -> Vec<usize> {
        let mut p: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            p.swap(i, self.range(0, i));
        }
        p
    }
}

struct Profile {
    n: usize,
    complete: bool,
    rankings: Vec<Vec<usize>>,
}

/// A random profile: 3–12 nominees, 3–200 ballots, complete or truncated, shaped to produce ties often.
fn profile(rng: &mut Rng, index: usize) -> Profile {
    let n = rng.range(3, 12);
    let complete = index.is_multiple_of(2);
    let voters = if rng.range(0, 1) == 0 {
        rng.range(3, 20)
    } else {
        rng.range(3, 200)
    };
    let truncate = |rng: &mut Rng, mut r: Vec<usize>| {
        if !complete {
            // Mostly a few nominees ranked; sometimes none, sometimes all.
            let k = match rng.range(0, 9) {
                0 => 0,
                1 => n,
                _ => rng.range(1, n.min(4)),
            };
            r.truncate(k);
        }
        r
    };
    let mut rankings = Vec::with_capacity(voters);
    match index % 3 {
        // Every ballot independent.
        0 => {
            for _ in 0..voters {
                let r = rng.permutation(n);
                rankings.push(truncate(rng, r));
            }
        }
        // A small pool of ballots, repeated: equal counts are common.
        1 => {
            let pool_size = rng.range(1, 5);
            let pool: Vec<Vec<usize>> = (0..pool_size)
                .map(|_| {
                    let r = rng.permutation(n);
                    truncate(rng, r)
                })
                .collect();
            for _ in 0..voters {
                rankings.push(pool[rng.range(0, pool_size - 1)].clone());
            }
        }
        // Cyclic rotations of one order in equal numbers (a perfect tie), then a few other ballots.
        _ => {
            let base = rng.permutation(n);
            let copies = rng.range(1, 4);
            let width = rng.range(2, n);
            for shift in 0..width {
                // The first `width` places rotate; the rest keep the base order.
                let rotated: Vec<usize> = (0..n)
                    .map(|i| {
                        if i < width {
                            base[(i + shift) % width]
                        } else {
                            base[i]
                        }
                    })
                    .collect();
                let r = truncate(rng, rotated);
                for _ in 0..copies {
                    rankings.push(r.clone());
                }
            }
            for _ in 0..rng.range(0, 3) {
                let r = rng.permutation(n);
                rankings.push(truncate(rng, r));
            }
        }
    }
    if complete {
        debug_assert!(rankings.iter().all(|r| r.len() == n));
    }
    Profile {
        n,
        complete,
        rankings,
    }
}

fn to_json(p: &Profile) -> Value {
    let mut grouped: BTreeMap<&Vec<usize>, u64> = BTreeMap::new();
    for r in &p.rankings {
        *grouped.entry(r).or_default() += 1;
    }
    json!({
        "n": p.n,
        "complete": p.complete,
        "rankings": grouped.keys().collect::<Vec<_>>(),
        "counts": grouped.values().collect::<Vec<_>>(),
    })
}

fn ours(p: &Profile, method: Method) -> Vec<usize> {
    outcome(p, method).winners
}

fn outcome(p: &Profile, method: Method) -> tally::Outcome {
    let nominees: Vec<String> = (0..p.n).map(|i| format!("N{i}")).collect();
    let ballots: Vec<Ballot> = p
        .rankings
        .iter()
        .enumerate()
        .map(|(i, r)| Ballot {
            voter: format!("voter {i}"),
            content: Content::Ranked(r.clone()),
        })
        .collect();
    tally::count(
        method,
        &Count {
            nominees: &nominees,
            ballots: &ballots,
            excluded: &[],
            tie_breaks: &[],
            casting_vote: None,
            electorate: None,
            void_votes: &[],
        },
    )
    .expect("a generated profile is valid")
}

fn run(cmd: &mut Command) -> bool {
    cmd.status().map(|s| s.success()).unwrap_or(false)
}

/// A venv with pref_voting, made once under the cargo target dir and reused.
fn python() -> PathBuf {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pref_voting-1.18.2-venv");
    let py = if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    };
    let ready = |py: &Path| {
        run(Command::new(py).args([
            "-c",
            "import pref_voting, sys; sys.exit(pref_voting.__version__ != '1.18.2')",
        ]))
    };
    if ready(&py) {
        return py;
    }
    let base = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    assert!(
        run(Command::new(&base).args(["-m", "venv"]).arg(&venv)),
        "could not create a venv with `{base} -m venv {}`",
        venv.display()
    );
    assert!(
        run(Command::new(&py).args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--require-hashes",
            "-r",
            REQUIREMENTS,
        ])),
        "could not pip-install {PREF_VOTING} into {}",
        venv.display()
    );
    assert!(ready(&py), "{PREF_VOTING} is not importable after install");
    py
}

#[test]
#[ignore = "needs Python 3 and, the first time, PyPI: cargo test --test differential -- --ignored"]
fn pref_voting_agrees_on_random_profiles() {
    let py = python();
    let mut rng = Rng(0x6A75_7279_6465_736B); // "jurydesk"
    let profiles: Vec<Profile> = (0..PROFILES).map(|i| profile(&mut rng, i)).collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("profiles.json");
    let data = Value::Array(profiles.iter().map(to_json).collect());
    std::fs::write(&input, data.to_string()).expect("write profiles");
    let output = Command::new(&py)
        .arg(SCRIPT)
        .arg(&input)
        .output()
        .expect("run the pref_voting script");
    assert!(
        output.status.success(),
        "pref_voting script failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let theirs: Vec<Value> = serde_json::from_slice(&output.stdout).expect("script output JSON");
    assert_eq!(theirs.len(), profiles.len());

    let pairs = [
        ("plurality", Method::Plurality),
        ("borda", Method::Borda),
        ("borda_truncated", Method::Borda),
        ("schulze", Method::Schulze),
        ("schulze_profile", Method::Schulze),
    ];
    let mut compared: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut mismatches = Vec::new();
    for (i, (p, reference)) in profiles.iter().zip(&theirs).enumerate() {
        for (key, method) in pairs {
            let Some(want) = reference.get(key) else {
                continue;
            };
            let want: Vec<usize> = want
                .as_array()
                .expect("winners")
                .iter()
                .map(|c| c.as_u64().expect("candidate") as usize)
                .collect();
            let got = ours(p, method);
            let entry = compared.entry(key).or_default();
            entry.0 += 1;
            if want.len() > 1 {
                entry.1 += 1;
            }
            if got != want {
                mismatches.push(format!(
                    "profile {i} ({key}): jurydesk {got:?}, pref_voting {want:?}\n  {}",
                    to_json(p)
                ));
            }
        }
    }
    // IRV against parallel-universe tie-breaking (PUT: every nominee that wins under some order of
    // elimination): a count jurydesk decides without a tie names PUT's single winner, and a profile
    // where PUT has several winners is a reported tie here (a tie for first or an elimination tie).
    let mut irv_kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, (p, reference)) in profiles.iter().zip(&theirs).enumerate() {
        let Some(want) = reference.get("irv_put") else {
            continue;
        };
        let put: Vec<usize> = want
            .as_array()
            .expect("winners")
            .iter()
            .map(|c| c.as_u64().expect("candidate") as usize)
            .collect();
        let o = outcome(p, Method::Irv);
        let entry = compared.entry("irv_put").or_default();
        entry.0 += 1;
        if put.len() > 1 {
            entry.1 += 1;
        }
        let kind = match (o.tie, o.elimination_tie.is_some(), put.len() > 1) {
            (false, _, _) => "decided without a tie",
            (true, true, true) => "elimination tie, PUT several winners",
            (true, true, false) => "elimination tie, PUT one winner",
            (true, false, true) => "tie for first, PUT several winners",
            (true, false, false) => "tie for first, PUT one winner",
        };
        *irv_kinds.entry(kind).or_default() += 1;
        let agrees = if o.tie {
            // A reported tie: fine whatever PUT says (the safe batch rule reports every tie for
            // fewest whose order might matter), as long as its winners, if any, are PUT winners.
            o.winners.iter().all(|w| put.contains(w))
        } else {
            put.len() == 1 && o.winners == put
        };
        if !agrees {
            mismatches.push(format!(
                "profile {i} (irv_put): jurydesk {:?} (tie: {}), pref_voting PUT {put:?}\n  {}",
                o.winners,
                o.tie,
                to_json(p)
            ));
        }
    }
    for (kind, count) in &irv_kinds {
        println!("irv_put: {count} profiles where jurydesk's irv gives: {kind}");
    }
    for (key, (count, ties)) in &compared {
        println!("{key}: {count} profiles compared, {ties} with tied winners");
    }
    assert!(
        mismatches.is_empty(),
        "{} disagreement(s):\n{}",
        mismatches.len(),
        mismatches
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    let total: usize = compared.values().map(|c| c.0).sum();
    let ties: usize = compared.values().map(|c| c.1).sum();
    assert!(total >= 4 * 500, "only {total} comparisons");
    assert!(ties >= 100, "only {ties} comparisons with tied winners");
}

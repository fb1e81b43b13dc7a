//! Racing writers (docs/architecture.md#durability-and-the-lock; issue 13 finding 7): many jurydesk
//! processes writing to one store at once. Each either writes (exit 0) or is told the store is
//! "open in another jurydesk" (exit 3) — never a raw file error from looking at sled's files while
//! another process renames them — and every write reported done is in the store, which stays sound.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;

use std::process::Command;
use std::sync::Arc;

use common::TestStore;

const WRITERS: usize = 6;
const EACH: usize = 25;

#[test]
fn contended_writes_either_land_or_are_told_the_store_is_busy() {
    let store = Arc::new(TestStore::with_demo());
    let before = store.submissions("fajr-43", &[]).len();
    let workers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let store = Arc::clone(&store);
            std::thread::spawn(move || {
                let mut landed = 0;
                for i in 0..EACH {
                    let title = format!("Race {w}-{i}");
                    let out = Command::new(env!("CARGO_BIN_EXE_jurydesk"))
                        .env_remove("JURYDESK_DB")
                        .arg("--db")
                        .arg(store.path())
                        .args([
                            "submission",
                            "add",
                            "--edition",
                            "fajr-43",
                            "--title",
                            &title,
                        ])
                        .output()
                        .expect("jurydesk runs");
                    let stderr = String::from_utf8_lossy(&out.stderr);
                    match out.status.code() {
                        Some(0) => landed += 1,
                        Some(3) => assert!(
                            stderr.contains("open in another jurydesk"),
                            "{title}: a busy store is said so, not: {stderr}"
                        ),
                        other => panic!("{title}: exit {other:?}: {stderr}"),
                    }
                }
                landed
            })
        })
        .collect();
    let landed: usize = workers
        .into_iter()
        .map(|w| w.join().expect("a writer"))
        .sum();
    store.ok(&["check"]);
    assert_eq!(
        store.submissions("fajr-43", &[]).len(),
        before + landed,
        "every write reported done is there, and nothing else"
    );
    assert!(landed > 0, "some writes landed");
}

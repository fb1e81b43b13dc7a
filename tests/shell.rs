//! Shell completions and manual pages (issue 18 item 5): made from the same grammar as `--help`, with
//! no store, and a bash that sources the script completes subcommands and flags.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_jurydesk");

fn jurydesk(args: &[&str]) -> std::process::Output {
    // No store anywhere: neither needs one, so a missing home or store must not matter.
    Command::new(BIN)
        .args(args)
        .env_remove("JURYDESK_DB")
        .env("HOME", "/nonexistent")
        .output()
        .expect("jurydesk runs")
}

#[test]
fn every_shell_gets_a_script_naming_the_commands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = jurydesk(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {out:?}");
        let script = String::from_utf8(out.stdout).unwrap();
        for word in ["edition", "tally", "palmares", "db"] {
            assert!(script.contains(word), "{shell}: {word} missing");
        }
    }
    let bad = jurydesk(&["completions", "tcsh"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("bash"));
}

/// What bash offers after typing `words` (the last one partial), with the script sourced.
fn bash_completes(words: &[&str]) -> Vec<String> {
    let script = jurydesk(&["completions", "bash"]).stdout;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("jurydesk.bash");
    std::fs::write(&file, script).unwrap();
    let cword = words.len() - 1;
    let program = format!(
        "source {file}; COMP_WORDS=({words}); COMP_CWORD={cword}; _jurydesk jurydesk '{cur}' '{prev}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        file = file.display(),
        words = words.join(" "),
        cur = words[cword],
        prev = words[cword - 1],
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(program)
        .output()
        .expect("bash runs");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_subcommands_and_flags() {
    if Command::new("bash").arg("--version").output().is_err() {
        panic!("bash is part of every machine this runs on");
    }
    assert_eq!(bash_completes(&["jurydesk", "edi"]), ["edition"]);
    assert_eq!(bash_completes(&["jurydesk", "ta"]), ["tally"]);
    let flags = bash_completes(&["jurydesk", "edition", "add", "--fe"]);
    assert_eq!(flags, ["--festival"]);
    let shells = bash_completes(&["jurydesk", "completions", "z"]);
    assert_eq!(shells, ["zsh"]);
}

#[test]
fn the_manual_is_roff_and_a_directory_gets_a_page_per_command() {
    let out = jurydesk(&["man"]);
    assert!(out.status.success(), "{out:?}");
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH jurydesk 1"), "{page}");
    assert!(page.contains("keyboard"), "{page}");

    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man1");
    let out = jurydesk(&["man", "--out-dir", pages.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    for name in ["jurydesk.1", "jurydesk-edition-add.1", "jurydesk-tally.1"] {
        let text = std::fs::read_to_string(pages.join(name)).unwrap();
        assert!(text.contains(".TH"), "{name}");
    }
    assert!(String::from_utf8_lossy(&out.stderr).contains("manual page(s)"));
}

#[test]
fn a_closed_pipe_is_not_a_failure() {
    // `jurydesk completions bash | head -1`: the reader goes away early.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{BIN}' completions bash | head -1 >/dev/null; '{BIN}' man | head -1"
        ))
        .env("HOME", "/nonexistent")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

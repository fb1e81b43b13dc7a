//! Running the real binary with a deadline, for the fault tests: a run past it is killed and fails
//! the test as a hang, with every thread's stack (from gdb, where installed) to say where it waited.

use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// Runs `command` (stdin closed, output captured) and returns its output, or fails the test as a hang
/// described by `what` once `deadline` has passed.
pub fn output_within(mut command: Command, deadline: Duration, what: &str) -> Output {
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command starts");
    // The output is read on a thread of its own: a child writing more than a pipe holds would
    // otherwise wait for us while we wait for it.
    let pid = child.id();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(child.wait_with_output());
    });
    match receiver.recv_timeout(deadline) {
        Ok(out) => out.expect("the output"),
        Err(_) => {
            let stacks = stacks_of(pid);
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("{what} hung (killed after {deadline:?}); where it waited:\n{stacks}");
        }
    }
}

/// Every thread's stack of a hung process, from gdb where it is installed.
fn stacks_of(pid: u32) -> String {
    Command::new("gdb")
        .args([
            "-p",
            &pid.to_string(),
            "-batch",
            "-ex",
            "thread apply all bt 30",
        ])
        .output()
        .map(|out| {
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter(|l| l.starts_with("Thread") || l.starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_else(|e| format!("(no gdb to show the stacks: {e})"))
}

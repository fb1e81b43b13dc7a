//! Whether the desk's terminal has gone away without a signal saying so.
//!
//! A terminal that hangs up (an SSH connection dropped, a tmux pane or window closed) sends SIGHUP to
//! its session, and from then on every read of the keyboard returns end-of-file at once. Two things
//! kept such a desk running unseen, at full CPU, with the store locked (tests/hangup.rs):
//! - crossterm's default keyboard reader reads again on end-of-file, for ever, without returning to
//!   the desk's loop, which never got to look at the SIGHUP it had been sent. The desk builds crossterm
//!   with its poll(2) reader (`use-dev-tty` in Cargo.toml), which returns when its wait is over;
//! - a desk outside the terminal's session (the shell that started it died first, or `setsid`) is
//!   sent no signal at all. The desk therefore asks the terminal itself, between events, and ends as
//!   if SIGHUP had come.

/// True when the keyboard's terminal has hung up (poll(2) reports POLLHUP or an error on it).
/// Costs one system call that does not wait.
#[cfg(unix)]
pub fn terminal_hung_up() -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};

    // The desk only runs with the keyboard on stdin (`tui::run` refuses otherwise), and stdin stays
    // that terminal's descriptor after it hangs up.
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let now = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    match poll(&mut fds, Some(&now)) {
        Ok(_) => fds[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
        Err(_) => false,
    }
}

#[cfg(not(unix))]
pub fn terminal_hung_up() -> bool {
    false
}

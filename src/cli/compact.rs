//! `jurydesk compact`: rewrite the store into a fresh file and swap it in (`Desk::compact`). One line
//! on stdout says what it did; the progress line goes to stderr, only when stderr is a terminal and
//! the work takes more than a moment.

use std::io::{self, IsTerminal};
use std::path::Path;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::say::{say, tell};
use crate::desk::{CompactProgress, Desk, in_units};
use crate::failure::Failure;

/// How long the work runs before a progress line is shown.
const A_MOMENT: Duration = Duration::from_millis(500);

pub fn compact(db: &Path) -> Result<(), Failure> {
    let desk = Desk::open_existing(db)?;
    if let Some(note) = desk.open_note() {
        eprintln!("{note}");
    }
    let mut line = ProgressLine::new();
    let compacted = desk.compact(&mut |progress| line.show(progress));
    line.bar.finish_and_clear();
    let (desk, done) = compacted?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    say!(
        out,
        "compacted {}: {} -> {} ({} keys copied and verified)",
        db.display(),
        in_units(done.before),
        in_units(done.after),
        done.keys
    )?;
    if let Some(left) = &done.old_copy_left {
        tell!("{left}");
    }
    desk.close_for_exit()?;
    Ok(())
}

/// The progress line: hidden until the work has taken `A_MOMENT`, and never drawn when stderr is not
/// a terminal (scripts and logs stay quiet).
struct ProgressLine {
    bar: ProgressBar,
    started: Instant,
    drawn: bool,
    verifying: bool,
}

impl ProgressLine {
    fn new() -> ProgressLine {
        let bar = ProgressBar::hidden();
        if let Ok(style) = ProgressStyle::with_template("{msg} {elapsed}") {
            bar.set_style(style);
        }
        ProgressLine {
            bar,
            started: Instant::now(),
            drawn: false,
            verifying: false,
        }
    }

    fn show(&mut self, progress: CompactProgress) {
        if !self.drawn && self.started.elapsed() >= A_MOMENT && io::stderr().is_terminal() {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(100));
            self.drawn = true;
        }
        match progress {
            CompactProgress::Copying { keys, bytes } => self.bar.set_message(format!(
                "compacting: {keys} keys copied ({}),",
                in_units(bytes)
            )),
            CompactProgress::Verifying { keys, of } => {
                if !self.verifying {
                    self.verifying = true;
                    self.bar.set_length(of);
                    if let Ok(style) = ProgressStyle::with_template(
                        "{msg} [{bar:30}] {pos}/{len} keys read back, {elapsed}",
                    ) {
                        self.bar.set_style(style.progress_chars("=> "));
                    }
                    self.bar.set_message("verifying");
                }
                self.bar.set_position(keys);
            }
            CompactProgress::Swapping => {
                if let Ok(style) = ProgressStyle::with_template("{msg} {elapsed}") {
                    self.bar.set_style(style);
                }
                self.bar
                    .set_message("putting the copy in the store's place,");
            }
        }
    }
}

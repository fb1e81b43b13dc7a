//! How the desk opens the jury room and passes it keys. The room reads every key itself (through the
//! keymap's jury-room context), so that no key reaches the help, the palette, a count or the panes.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{JuryRoom, RoomKey, Signal};
use crate::desk::DeskError;
use crate::tui::actions::{Action, Context};
use crate::tui::app::{App, Popup};
use crate::tui::ballot::BallotForm;

impl App {
    pub(in crate::tui) fn open_jury_room(&mut self) -> Result<(), DeskError> {
        let Some((edition, summary)) = self.category_to_vote_in("jury-room")? else {
            return Ok(());
        };
        if !summary.awards.is_empty() {
            // Its ballots are frozen under the award: no one could vote, and the room would only
            // refuse each ballot.
            self.message = Some(format!(
                "'{}' has a recorded award: its ballots are frozen (withdraw the award from the count first: {} then {})",
                summary.category.name,
                self.keymap.first_key_label("tally"),
                self.keymap.first_key_label("withdraw-award")
            ));
            return Ok(());
        }
        let form = BallotForm::open_secret(&self.desk, edition, summary)?;
        self.popup = Some(Popup::JuryRoom(Box::new(JuryRoom::new(form))));
        Ok(())
    }

    /// A key while the jury room is open: only the room's own keys do anything.
    pub(in crate::tui) fn jury_room_key(&mut self, key: KeyEvent) {
        let action = self.keymap.action_for(key, Context::JuryRoom);
        let Some(Popup::JuryRoom(room)) = &mut self.popup else {
            return;
        };
        let key = match action {
            Some(Action::Quit) => {
                // Ctrl-C ends the desk: nothing is shown on the way out.
                self.quit = true;
                return;
            }
            Some(Action::Save) => RoomKey::Go,
            Some(Action::NextJuror) => RoomKey::Skip,
            Some(Action::PreviousJuror) => RoomKey::SkipBack,
            Some(Action::Back) => RoomKey::Back,
            Some(Action::Confirm) => RoomKey::Yes,
            Some(Action::Cancel) => RoomKey::No,
            Some(Action::ScoreTen) => RoomKey::Ten,
            Some(Action::PickHighlighted) => RoomKey::Space,
            Some(Action::Erase) => RoomKey::Erase,
            Some(Action::Up) => RoomKey::Up,
            Some(Action::Down) => RoomKey::Down,
            Some(Action::Digit) => match key.code {
                KeyCode::Char(c) => match c.to_digit(10) {
                    Some(d) => RoomKey::Digit(d as u8),
                    None => return,
                },
                _ => return,
            },
            _ => return,
        };
        if room.handle(&self.desk, key) == Signal::Leave {
            let withheld = std::mem::take(&mut room.withheld);
            self.popup = None;
            self.message = Some(if withheld.is_empty() {
                "left the jury room: counts and ballots are shown again".into()
            } else {
                format!(
                    "left the jury room; the desk refused a ballot there: {}",
                    withheld.join("; ")
                )
            });
            if let Err(e) = self.reload_categories() {
                self.message = Some(e.desk_text());
            }
        }
    }
}

//! The welcome screen of an empty store: what jurydesk is, and the one key that loads the demo.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::text::for_terminal;
use crate::tui::app::App;

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(12),
        Constraint::Fill(1),
    ])
    .areas(body);
    let [_, area, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Max(70),
        Constraint::Fill(1),
    ])
    .areas(middle);
    let store = app.desk.path().display().to_string();
    // The keys in force, so that a rebinding in the settings file is what the screen says.
    let key = |name| app.keymap.first_key_label(name);
    let lines = vec![
        Line::from("Welcome to jurydesk").bold().centered(),
        Line::from(""),
        Line::from("The desk of a festival's jury secretary: editions, submissions, nominations, ballots and the count that decides the palmarès.").centered(),
        Line::from(""),
        Line::from(format!("This store is empty: {}", for_terminal(&store))).dim().centered(),
        Line::from(""),
        Line::from(format!("Press {} to load the demo festivals, {} for help, {} to quit.", key("load-demo"), key("help"), key("quit")))
            .fg(Color::Cyan)
            .bold()
            .centered(),
        Line::from(format!("Or press {} to add your own festival, then its first edition.", key("add-festival"))).dim().centered(),
    ];
    let block = Block::bordered().border_style(Style::new().fg(Color::Cyan));
    let text_area = super::wrapping_area(block.inner(area), &lines);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), text_area);
}

//! A terminal emulator (vt100) that remembers what it was asked to do besides drawing: window titles,
//! clipboard writes, bells, and every character, control or sequence it did not understand. The
//! hostile-data tests feed it what jurydesk wrote and check that a title could not drive it.
#![allow(dead_code)]

use std::num::NonZeroU16;

/// What the terminal was asked to do besides drawing text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Events {
    pub window_titles: Vec<String>,
    pub clipboard: Vec<String>,
    pub bells: usize,
    pub resizes: Vec<(u16, u16)>,
    /// Characters the terminal refused to draw (U+FFFD, C1 controls), controls it does not know,
    /// escape sequences and OSC commands it does not implement.
    pub unhandled: Vec<String>,
}

impl vt100::Callbacks for Events {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }

    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }

    fn resize(&mut self, _: &mut vt100::Screen, request: (u16, u16)) {
        self.resizes.push(request);
    }

    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.window_titles
            .push(String::from_utf8_lossy(name).into_owned());
    }

    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.window_titles
            .push(String::from_utf8_lossy(title).into_owned());
    }

    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard
            .push(String::from_utf8_lossy(data).into_owned());
    }

    fn unhandled_char(&mut self, _: &mut vt100::Screen, c: char) {
        self.unhandled.push(format!("char {c:?}"));
    }

    fn unhandled_control(&mut self, _: &mut vt100::Screen, b: u8) {
        self.unhandled.push(format!("control {b:#04x}"));
    }

    fn unhandled_escape(&mut self, _: &mut vt100::Screen, i1: Option<u8>, i2: Option<u8>, b: u8) {
        self.unhandled
            .push(format!("escape {i1:?} {i2:?} {:?}", char::from(b)));
    }

    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        let params: Vec<String> = params
            .iter()
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect();
        self.unhandled.push(format!("osc {params:?}"));
    }
}

impl Events {
    /// Whether the terminal was asked for nothing but drawing.
    pub fn only_drawing(&self) -> bool {
        self.window_titles.is_empty()
            && self.clipboard.is_empty()
            && self.bells == 0
            && self.resizes.is_empty()
    }
}

/// A `rows`×`cols` terminal that records its events.
pub fn terminal(rows: u16, cols: u16) -> vt100::Parser<Events> {
    let size = |n: u16| NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN);
    vt100::Parser::new_with_callbacks(size(rows), size(cols), 0, Events::default())
}

/// The control bytes of a stream that are not part of an ESC or CSI sequence: what a terminal would
/// obey as a lone control (BEL, backspace, a carriage return, a C1 control). Line feeds and
/// carriage returns are allowed only as `\r\n`.
pub fn lone_controls(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut found = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => {
                if chars.next_if_eq(&'[').is_some() {
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                } else {
                    chars.next();
                }
            }
            '\r' if chars.peek() == Some(&'\n') => {
                chars.next();
            }
            c if c.is_control() => found.push(format!("{c:?}")),
            _ => {}
        }
    }
    found
}

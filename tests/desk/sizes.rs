//! Every view drawn at every size.

use super::*;

const SIZES: &[(u16, u16)] = &[
    (1, 1),
    (2, 2),
    (1, 40),
    (40, 1),
    (5, 3),
    (10, 2),
    (20, 5),
    (30, 8),
    (40, 10),
    (60, 20),
    (71, 24),
    (72, 24),
    (80, 24),
    (100, 3),
    (120, 30),
    (160, 45),
    (200, 60),
    (400, 120),
];

#[test]
fn every_view_renders_at_every_size() {
    let (_empty_dir, mut welcome) = empty_app(80, 24);
    let (_demo_dir, mut app) = demo_app(80, 24);
    select_edition(&mut app, "fajr-43");
    select_submission(&mut app, "North from South West");
    let keys_in_popup = [
        ch('j'),
        ctrl('d'),
        key(KeyCode::PageDown),
        ch('G'),
        ch('k'),
        ch('g'),
    ];

    for &(width, height) in SIZES {
        let size = Size::new(width, height);

        // Welcome, and the help over it.
        welcome.resize(size);
        draw_at(&welcome, width, height);
        press(&mut welcome, &[ch('?')]);
        for &k in &keys_in_popup {
            press(&mut welcome, &[k]);
            draw_at(&welcome, width, height);
        }
        press(&mut welcome, &[key(KeyCode::Esc)]);

        // The panes, each focused in turn, with the selection at both ends.
        app.resize(size);
        for focus in ['1', '2', '3'] {
            press(&mut app, &[ch(focus)]);
            for k in [ch('G'), ch('g'), key(KeyCode::PageDown)] {
                press(&mut app, &[k]);
                draw_at(&app, width, height);
            }
        }

        // The record, the edition popup and the help, scrolled about.
        select_edition(&mut app, "fajr-43");
        select_submission(&mut app, "North from South West");
        let popups: [&[KeyEvent]; 3] = [
            &[ch('2'), key(KeyCode::Enter)],
            &[ch('1'), key(KeyCode::Enter)],
            &[ch('?')],
        ];
        for open in popups {
            press(&mut app, open);
            assert!(
                app.popup.is_some(),
                "{open:?} opens a popup at {width}x{height}"
            );
            draw_at(&app, width, height);
            for &k in &keys_in_popup {
                press(&mut app, &[k]);
                draw_at(&app, width, height);
            }
            press(&mut app, &[key(KeyCode::Esc)]);
            assert_eq!(app.popup, None);
        }

        // The forms: nominate (from a submission), ballot entry, the count and the edit forms of a
        // category and a juror (from riff-18, which has a jury and ballots). Only keys that do not
        // write are pressed.
        select_edition(&mut app, "riff-18");
        let forms: [&[KeyEvent]; 5] = [
            &[ch('2'), ch('g'), ch('n')],
            &[ch('3'), ch('g'), ch('b')],
            &[ch('3'), ch('g'), ch('t')],
            &[ch('3'), ch('g'), ch('e')],
            &[ch('3'), ch('G'), ch('e')],
        ];
        for open in forms {
            press(&mut app, open);
            assert!(
                app.popup.is_some(),
                "{open:?} opens a form at {width}x{height}: {:?}",
                app.message
            );
            draw_at(&app, width, height);
            for k in [
                key(KeyCode::Down),
                key(KeyCode::Down),
                ch('G'),
                key(KeyCode::Up),
                ch('g'),
            ] {
                press(&mut app, &[k]);
                draw_at(&app, width, height);
            }
            press(&mut app, &[key(KeyCode::Esc)]);
            assert_eq!(app.popup, None);
        }
    }
}

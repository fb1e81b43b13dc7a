//! Random key sequences on a fresh demo store per case.

use super::*;

#[derive(Debug, Clone)]
enum Input {
    Key(KeyEvent),
    Resize(u16, u16),
}

fn input() -> impl Strategy<Value = Input> {
    let keys = vec![
        ch('j'),
        ch('k'),
        ch('g'),
        KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT),
        key(KeyCode::PageUp),
        key(KeyCode::PageDown),
        ctrl('d'),
        ctrl('u'),
        key(KeyCode::Tab),
        KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        ch('1'),
        ch('2'),
        ch('3'),
        key(KeyCode::Enter),
        key(KeyCode::Esc),
        ch('?'),
    ];
    prop_oneof![
        8 => proptest::sample::select(keys).prop_map(Input::Key),
        1 => (1u16..200, 1u16..80).prop_map(|(w, h)| Input::Resize(w, h)),
    ]
}

std::thread_local! {
    /// One demo store for the cases of this thread: `App::new` takes the desk by value, each case
    /// gives it back through `app.desk`, so a case costs no store opening. Some keys do write (a form
    /// submitted, a ballot saved, a status changed), so a desk is given back only when its audit log
    /// is where the demo left it: every case starts from the same demo store, and a failure replays
    /// from its seed alone. A case that wrote, or panicked, leaves the next case a new store.
    static SHARED: std::cell::RefCell<Option<(TempDir, Desk)>> = const { std::cell::RefCell::new(None) };
    /// The demo store's log head, as loaded.
    static PRISTINE: std::cell::Cell<Option<(u64, [u8; 32])>> = const { std::cell::Cell::new(None) };
}

fn take_demo_desk() -> (TempDir, Desk) {
    SHARED
        .with(|cell| cell.borrow_mut().take())
        .unwrap_or_else(|| {
            let dir = store_dir();
            let desk = Desk::open(&dir.path().join("store")).expect("open a store");
            desk.load_demo().expect("load the demo");
            PRISTINE.with(|p| p.set(desk.store().log_head().expect("the log head")));
            (dir, desk)
        })
}

fn give_back(dir: TempDir, desk: Desk) {
    let head = desk.store().log_head().expect("the log head");
    if PRISTINE.with(std::cell::Cell::get) == head {
        SHARED.with(|cell| *cell.borrow_mut() = Some((dir, desk)));
    }
}

/// Everything `render` reads that the keys can change.
type State = (Pane, [ListPosition; 3], Option<Popup>, Size, Option<String>);

fn state(app: &App) -> State {
    (
        app.focus,
        [app.editions_pos, app.submissions_pos, app.categories_pos],
        app.popup.clone(),
        app.size,
        app.message.clone(),
    )
}

/// 500 cases in all unless `PROPTEST_CASES` says otherwise, split between the two tests below so
/// that they run side by side (drawing in a debug build is what a case costs).
fn cases() -> u32 {
    let total = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(500u32);
    total.div_ceil(2).max(1)
}

/// Opens a fresh app over the shared demo store, presses `prelude`, then plays `inputs`, drawing
/// after every step that changed something and checking that every selection stays in its list.
fn play(
    (width, height): (u16, u16),
    prelude: &[KeyEvent],
    inputs: &[Input],
) -> Result<(), TestCaseError> {
    let (dir, desk) = take_demo_desk();
    let mut app = App::new(desk, Size::new(width, height)).expect("open the desk");
    press(&mut app, prelude);
    let outcome = play_on(&mut app, (width, height), inputs);
    give_back(dir, app.desk);
    outcome
}

fn play_on(
    app: &mut App,
    (mut width, mut height): (u16, u16),
    inputs: &[Input],
) -> Result<(), TestCaseError> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal.draw(|f| render(app, f)).expect("draw");
    let mut drawn = state(app);
    for input in inputs {
        match *input {
            Input::Key(k) => app.handle_key(k),
            Input::Resize(w, h) => {
                (width, height) = (w, h);
                app.resize(Size::new(w, h));
                terminal.backend_mut().resize(w, h);
            }
        }
        prop_assert!(!app.quit);
        prop_assert!(!app.welcome);
        prop_assert_eq!(app.message.as_deref(), None, "no error for {:?}", input);
        // Drawing is most of the cost of a case, so a key that changed nothing (k at the top, Tab in
        // a popup...) is not drawn twice.
        let now = state(app);
        if now != drawn {
            terminal.draw(|f| render(app, f)).expect("draw");
            prop_assert_eq!(
                terminal.backend().buffer().area,
                Rect::new(0, 0, width, height)
            );
            drawn = now;
        }
        for (name, len, pos) in [
            ("editions", app.editions.len(), app.editions_pos),
            ("submissions", app.submissions.len(), app.submissions_pos),
            ("nominations", app.nomination_rows.len(), app.categories_pos),
        ] {
            if len > 0 {
                prop_assert!(
                    pos.selected < len,
                    "{}: selected {} of {}",
                    name,
                    pos.selected,
                    len
                );
            } else {
                prop_assert_eq!(pos.selected, 0, "{}", name);
            }
            prop_assert!(pos.offset <= pos.selected, "{}: {:?}", name, pos);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// From the desk as it opens: the editions pane in focus.
    #[test]
    fn random_keys_never_break_the_desk(
        start in (1u16..200, 1u16..80),
        inputs in proptest::collection::vec(input(), 0..200),
    ) {
        play(start, &[], &inputs)?;
    }

    /// From the last edition's last submission, its record open.
    #[test]
    fn random_keys_never_break_the_desk_from_a_record(
        start in (1u16..200, 1u16..80),
        inputs in proptest::collection::vec(input(), 0..200),
    ) {
        let prelude = [ch('G'), ch('2'), ch('G'), key(KeyCode::Enter)];
        play(start, &prelude, &inputs)?;
    }
}

/// Every key a secretary might press except those that quit, delete or undo: searches, sorts,
/// forms (with typed text and digits), ballot entry, counts, the palette, the overview, menus.
fn any_key() -> impl Strategy<Value = KeyEvent> {
    let named = vec![
        key(KeyCode::Enter),
        key(KeyCode::Esc),
        key(KeyCode::Tab),
        KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        key(KeyCode::Backspace),
        key(KeyCode::Up),
        key(KeyCode::Down),
        key(KeyCode::Left),
        key(KeyCode::Right),
        key(KeyCode::PageDown),
        key(KeyCode::PageUp),
        key(KeyCode::Home),
        key(KeyCode::End),
        key(KeyCode::F(1)),
        ctrl('d'),
        ctrl('u'),
    ];
    let letters: Vec<char> = "jkgG123/sSxo:aebtnrcvA?J+ 0456789شب紙éz".chars().collect();
    prop_oneof![
        3 => proptest::sample::select(named),
        4 => proptest::sample::select(letters).prop_map(ch),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000),
        ..ProptestConfig::default()
    })]

    /// 10,000 random key sequences over every view: nothing panics, every selection stays inside
    /// its list, and the desk draws at the end at any size.
    #[test]
    fn random_key_sequences_over_every_view_keep_selections_in_their_lists(
        (width, height) in (1u16..160, 1u16..60),
        keys in proptest::collection::vec(any_key(), 1..30),
    ) {
        let (dir, desk) = take_demo_desk();
        let mut app = App::new(desk, Size::new(width, height)).expect("open the desk");
        for &k in &keys {
            app.handle_key(k);
            for (len, pos) in [
                (app.editions.len(), app.editions_pos),
                (app.submissions.len(), app.submissions_pos),
                (app.nomination_rows.len(), app.categories_pos),
            ] {
                prop_assert!(len == 0 || pos.selected < len, "{:?} of {} after {:?}", pos, len, k);
            }
        }
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
        terminal.draw(|f| render(&app, f)).expect("draw");
        give_back(dir, app.desk);
    }
}

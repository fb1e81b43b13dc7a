//! The jury room (issue 16 item 6): secret ballot entry, one juror at a time. The main test drives
//! every screen of the mode with the keys a jury would press (and the keys a curious juror would try:
//! help, palette, count, ballot entry, panes) and checks every frame drawn after every key: no other
//! juror's ranking or score, no count, no pane, no PIN is ever on screen. Each juror's ballot carries
//! a marker (a score no one else gives, a ranking no one else types), and `leaks` is shown to catch
//! a frame that draws one (`the_secrecy_check_catches_a_leak`).

use super::*;
use jurydesk::tui::jury_room::{JuryRoom, Stage};

const EDITION: &str = "room-1";
const RANKED: &str = "Best Film";
const SCORED: &str = "Best Score";
const FILMS: [&str; 4] = ["Alpha Road", "Beta House", "Gamma Palm", "Delta Letters"];
/// The president's PIN: never on screen, never in the store.
const PIN: &str = "2468";

/// A juror's ballots, as the test has them typed (or entered before, for the absent juror).
struct Marked {
    name: &'static str,
    /// The score this juror gives every nominee of the scored category: no one else gives it.
    score: u8,
    /// The ranking this juror types in the ranked category (nominee numbers): no one else's.
    ranking: [u8; 4],
}

const JURY: [Marked; 4] = [
    Marked {
        name: "Alice Arman",
        score: 9,
        ranking: [4, 3, 2, 1],
    },
    Marked {
        name: "Bruno Berg",
        score: 7,
        ranking: [2, 4, 1, 3],
    },
    Marked {
        name: "Chen Cao",
        score: 5,
        ranking: [3, 1, 4, 2],
    },
    // Declared absent after entering both ballots: not called, and never shown.
    Marked {
        name: "Dara Dane",
        score: 6,
        ranking: [1, 2, 3, 4],
    },
];

/// An edition with a ranked (Borda) and a scored (score-mean) category, four films, a president with
/// a PIN, two members, an absent member whose ballots are stored, and an observer.
fn jury_room_store() -> TestStore {
    let store = TestStore::empty();
    store.ok(&["festival", "add", "--code", "room", "--name", "Room"]);
    store.ok(&[
        "edition",
        "add",
        "--festival",
        "room",
        "--number",
        "1",
        "--year",
        "2025",
    ]);
    for title in FILMS {
        store.ok(&["submission", "add", "--edition", EDITION, "--title", title]);
    }
    store.ok(&[
        "category",
        "add",
        "--edition",
        EDITION,
        "--name",
        RANKED,
        "--method",
        "borda",
    ]);
    store.ok(&[
        "category",
        "add",
        "--edition",
        EDITION,
        "--name",
        SCORED,
        "--method",
        "score-mean",
    ]);
    for (i, title) in FILMS.iter().enumerate() {
        store.ok(&[
            "nominate",
            "--edition",
            EDITION,
            "--category",
            RANKED,
            "--submission",
            title,
        ]);
        if i < 3 {
            store.ok(&[
                "nominate",
                "--edition",
                EDITION,
                "--category",
                SCORED,
                "--submission",
                title,
            ]);
        }
    }
    let pin_file = store.path().with_file_name("pin.txt");
    std::fs::write(&pin_file, format!("{PIN}\n")).unwrap();
    store.ok(&[
        "juror",
        "add",
        "--edition",
        EDITION,
        "--name",
        "Alice Arman",
        "--role",
        "president",
        "--pin-file",
        pin_file.to_str().unwrap(),
    ]);
    std::fs::remove_file(&pin_file).unwrap();
    for name in ["Bruno Berg", "Chen Cao", "Dara Dane"] {
        store.ok(&["juror", "add", "--edition", EDITION, "--name", name]);
    }
    store.ok(&[
        "juror",
        "add",
        "--edition",
        EDITION,
        "--name",
        "Olga Obs",
        "--role",
        "observer",
    ]);
    let dara = &JURY[3];
    let ranking: Vec<String> = dara.ranking.iter().map(u8::to_string).collect();
    store.rank(EDITION, RANKED, dara.name, &ranking.join(">"));
    let scores: Vec<String> = (1..=3).map(|n| format!("{n}={}", dara.score)).collect();
    store.ok(&[
        "ballot",
        "set",
        "--edition",
        EDITION,
        "--category",
        SCORED,
        "--juror",
        dara.name,
        "--score",
        &scores.join(","),
    ]);
    store.ok(&[
        "juror",
        "absent",
        "--edition",
        EDITION,
        "--juror",
        dara.name,
        "--reason",
        "ill",
    ]);
    store
}

fn room(app: &App) -> &JuryRoom {
    match &app.popup {
        Some(Popup::JuryRoom(room)) => room,
        other => panic!("expected the jury room, got {other:?}"),
    }
}

fn room_mut(app: &mut App) -> &mut JuryRoom {
    match &mut app.popup {
        Some(Popup::JuryRoom(room)) => room,
        other => panic!("expected the jury room, got {other:?}"),
    }
}

/// The juror typing a ballot on screen now, if any.
fn typist(app: &App) -> Option<String> {
    let room = room(app);
    (room.stage == Stage::Ballot).then(|| room.form.juror_name().to_string())
}

/// The state shown beside each nominee (`#2`, a score, `–`, or nothing), by nominee number.
fn row_states(screen: &str, count: usize) -> Vec<(usize, String)> {
    let mut states = Vec::new();
    for (i, film) in FILMS.iter().take(count).enumerate() {
        let number = i + 1;
        let row = format!("{number:>3} {film}");
        for line in screen.lines().filter(|l| l.contains(&row)) {
            let rest = &line[line.find(&row).unwrap() + row.len()..];
            let state = rest.trim_matches(|c: char| c.is_whitespace() || c == '│' || c == '"');
            if !state.is_empty() && state != "–" {
                states.push((number, state.to_string()));
            }
        }
    }
    states
}

/// What must never be on screen in the jury room, for a frame showing `typist`'s turn (or none),
/// who has typed `typed` in this turn (nominee numbers in a ranked category, scores in order in a
/// scored one). Every problem found, in words; empty when the frame keeps every secret.
fn leaks(screen: &str, scored: bool, typist: Option<&str>, typed: &[u8]) -> Vec<String> {
    let mut problems = Vec::new();
    if !screen.contains("Jury room") {
        problems.push("the jury room does not cover the screen".to_string());
    }
    // The panes, the count and the status bar: ballots entered, results, explanations.
    for word in [
        "Editions",
        "Submissions",
        "Nominations",
        "ballots ",
        "provisional",
        "winner",
        "Winner",
        "points",
        "Voters",
        "Not voting here",
        "help",
        PIN,
    ] {
        if screen.contains(word) {
            problems.push(format!("{word:?} is on screen"));
        }
    }
    for juror in JURY.iter().filter(|j| Some(j.name) != typist) {
        // Another juror's score, in any form a view would print it (7, 7.0, 7.00).
        let marker = f64::from(juror.score);
        for token in screen.split(|c: char| c.is_whitespace() || c == '│' || c == '"') {
            let token = token.trim_matches(|c: char| !c.is_ascii_alphanumeric());
            if token.parse::<f64>().ok() == Some(marker) {
                problems.push(format!("{}'s score {token} is on screen", juror.name));
            }
        }
        // Another juror's ranking, as a ranking line or a count would chain it.
        let numbers: Vec<String> = juror.ranking.iter().map(u8::to_string).collect();
        for chain in [numbers.join(" > "), numbers.join(">"), numbers.join(" ")] {
            if screen.contains(&chain) {
                problems.push(format!("{}'s ranking {chain} is on screen", juror.name));
            }
        }
    }
    // The rows show exactly what the juror at the keyboard typed in this turn, and nothing when no
    // one is typing: a stored ballot (theirs or anyone's) is never read into them.
    let expected: Vec<(usize, String)> = if typist.is_none() {
        Vec::new()
    } else if scored {
        typed
            .iter()
            .enumerate()
            .map(|(i, score)| (i + 1, score.to_string()))
            .collect()
    } else {
        let mut places: Vec<(usize, String)> = typed
            .iter()
            .enumerate()
            .map(|(place, &n)| (usize::from(n), format!("#{}", place + 1)))
            .collect();
        places.sort();
        places
    };
    let shown = row_states(screen, if scored { 3 } else { 4 });
    if shown != expected {
        problems.push(format!(
            "the rows show {shown:?}, but the juror at the keyboard typed {expected:?}"
        ));
    }
    problems
}

/// Drives the room key by key, checking every frame.
struct Driver {
    app: App,
    scored: bool,
    /// What the juror at the keyboard has typed in this turn.
    typed: Vec<u8>,
    frames: usize,
}

impl Driver {
    fn check(&mut self) {
        let text = screen_at(&self.app, 100, 30);
        let typist = typist(&self.app);
        if typist.is_none() {
            self.typed.clear();
        }
        let problems = leaks(&text, self.scored, typist.as_deref(), &self.typed);
        assert!(problems.is_empty(), "{problems:#?}\n{text}");
        self.frames += 1;
    }

    fn key(&mut self, key: KeyEvent) {
        let typing = typist(&self.app).is_some();
        self.app.handle_key(key);
        if typing && typist(&self.app).is_some() {
            match key.code {
                KeyCode::Char(c) if c.is_ascii_digit() => self.typed.push(c as u8 - b'0'),
                KeyCode::Backspace => {
                    self.typed.pop();
                }
                _ => {}
            }
        }
        assert!(
            matches!(self.app.popup, Some(Popup::JuryRoom(_))),
            "a key left the jury room: {key:?}"
        );
        self.check();
    }

    fn keys(&mut self, keys: &[KeyEvent]) {
        for &k in keys {
            self.key(k);
        }
    }

    fn digits(&mut self, digits: &str) {
        for c in digits.chars() {
            self.key(ch(c));
        }
    }

    /// The keys a curious juror tries: none may show anything or leave the room. (Digits type a
    /// ballot during a turn, so they are tried between turns only.)
    fn try_to_peek(&mut self) {
        if typist(&self.app).is_none() {
            self.keys(&[ch('1'), ch('3')]);
        }
        self.keys(&[
            ch('?'),
            key(KeyCode::F(1)),
            ch(':'),
            ch('t'),
            ch('b'),
            ch('B'),
            ch('P'),
            ch('W'),
            ch('o'),
            ch('q'),
            ch('j'),
            ch('k'),
            ch('/'),
            ctrl('d'),
            key(KeyCode::Home),
        ]);
    }

    fn stage(&self) -> Stage {
        room(&self.app).stage.clone()
    }

    fn on_pass_to(&self, name: &str) {
        let room = room(&self.app);
        match &room.stage {
            Stage::Pass { juror, .. } => assert_eq!(room.voter_name(*juror), name),
            other => panic!("expected the pass screen for {name}, got {other:?}"),
        }
    }
}

fn open_room(store: &TestStore, category: &str) -> Driver {
    let mut app = app_over(store, 100, 30);
    select_edition(&mut app, EDITION);
    select_category(&mut app, category);
    press(&mut app, &[ch('B')]);
    let mut driver = Driver {
        app,
        scored: category == SCORED,
        typed: Vec::new(),
        frames: 0,
    };
    driver.check();
    driver
}

/// A juror's whole turn from the pass screen: (PIN), their ballot, Enter.
fn vote(driver: &mut Driver, juror: &Marked) {
    driver.on_pass_to(juror.name);
    driver.key(key(KeyCode::Enter));
    if juror.name == "Alice Arman" {
        assert!(matches!(driver.stage(), Stage::Pin { .. }));
        driver.digits(PIN);
        driver.key(key(KeyCode::Enter));
    }
    assert_eq!(driver.stage(), Stage::Ballot);
    if driver.scored {
        let scores: String = (0..3).map(|_| char::from(b'0' + juror.score)).collect();
        driver.digits(&scores);
    } else {
        driver.try_to_peek();
        let ranking: String = juror
            .ranking
            .iter()
            .map(|&n| char::from(b'0' + n))
            .collect();
        driver.digits(&ranking);
    }
    driver.key(key(KeyCode::Enter));
}

fn stored(app: &App, category: &str, juror: &str) -> jurydesk::domain::BallotContent {
    let edition = app.desk.edition(EDITION).unwrap();
    let category = app.desk.category(&edition, category).unwrap();
    let juror = app.desk.juror(&edition, juror).unwrap();
    app.desk
        .ballot(category.id, juror.id)
        .unwrap()
        .expect("a stored ballot")
        .content
}

#[test]
fn the_jury_room_never_shows_another_juror_s_ballot_on_any_screen() {
    let store = jury_room_store();

    // The scored category: every stage, every key checked.
    let mut d = open_room(&store, SCORED);
    // The absent juror and the observer are never called: the president is first.
    d.on_pass_to("Alice Arman");
    d.try_to_peek();
    // Three wrong PINs send the keyboard back.
    d.key(key(KeyCode::Enter));
    for _ in 0..3 {
        d.digits("1111");
        d.key(key(KeyCode::Backspace));
        d.digits("2");
        d.key(key(KeyCode::Enter));
    }
    d.on_pass_to("Alice Arman");
    assert!(
        room(&d.app)
            .notice
            .as_deref()
            .unwrap()
            .contains("3 wrong PINs")
    );
    // Esc on the PIN screen goes back too.
    d.key(key(KeyCode::Enter));
    d.digits("24");
    d.key(key(KeyCode::Esc));
    d.on_pass_to("Alice Arman");
    vote(&mut d, &JURY[0]);
    d.on_pass_to("Bruno Berg");
    d.try_to_peek();
    vote(&mut d, &JURY[1]);
    d.on_pass_to("Chen Cao");
    // Tab passes over a juror: here to Alice, who has voted (her ballot is not shown), and back.
    d.key(key(KeyCode::Tab));
    d.on_pass_to("Alice Arman");
    assert!(screen_at(&d.app, 100, 30).contains("has voted already"));
    d.key(KeyCode::BackTab.into());
    d.on_pass_to("Chen Cao");
    // A ballot started and dropped is not kept.
    d.key(key(KeyCode::Enter));
    d.digits("55");
    d.try_to_peek();
    d.key(key(KeyCode::Esc));
    d.on_pass_to("Chen Cao");
    vote(&mut d, &JURY[2]);
    assert!(matches!(d.stage(), Stage::AllVoted { .. }));
    d.try_to_peek();
    // Round the table again: Alice votes again from an empty ballot, and drops it.
    d.key(key(KeyCode::Tab));
    d.on_pass_to("Alice Arman");
    d.key(key(KeyCode::Enter));
    d.digits(PIN);
    d.key(key(KeyCode::Enter));
    assert_eq!(d.stage(), Stage::Ballot);
    assert!(
        room(&d.app).form.replacing,
        "she has voted: a new ballot replaces hers"
    );
    d.digits("8");
    d.key(key(KeyCode::Esc));
    // Leaving asks first; No stays.
    d.key(key(KeyCode::Esc));
    assert!(matches!(d.stage(), Stage::Leave { .. }));
    d.key(ch('n'));
    d.on_pass_to("Alice Arman");
    d.key(key(KeyCode::Esc));
    d.app.handle_key(ch('y'));
    assert!(d.app.popup.is_none(), "left the jury room");
    assert!(d.frames > 100, "{} frames checked", d.frames);
    for juror in &JURY[..3] {
        let expected: Vec<u8> = vec![juror.score; 3];
        match stored(&d.app, SCORED, juror.name) {
            jurydesk::domain::BallotContent::Scored(scores) => {
                assert_eq!(scores.iter().map(|(_, s)| *s).collect::<Vec<_>>(), expected);
            }
            other => panic!("{other:?}"),
        }
    }
    // Once the secretary has left, the count is there again.
    let text = screen_at(&d.app, 100, 30);
    assert!(text.contains("left the jury room"), "{text}");

    // The ranked category: each juror's distinct ranking, typed through the room.
    drop(d);
    let mut d = open_room(&store, RANKED);
    for juror in &JURY[..3] {
        vote(&mut d, juror);
    }
    assert!(matches!(d.stage(), Stage::AllVoted { .. }));
    d.key(key(KeyCode::Enter));
    assert!(matches!(d.stage(), Stage::Leave { .. }));
    d.app.handle_key(key(KeyCode::Enter));
    assert!(d.app.popup.is_none());
    let numbers = |app: &App, juror: &str| -> Vec<u8> {
        let edition = app.desk.edition(EDITION).unwrap();
        let category = app.desk.category(&edition, RANKED).unwrap();
        let nominees = app.desk.nominees(&category).unwrap();
        match stored(app, RANKED, juror) {
            jurydesk::domain::BallotContent::Ranked(order) => order
                .iter()
                .map(|id| {
                    nominees
                        .iter()
                        .find(|n| n.nomination.id == *id)
                        .unwrap()
                        .number() as u8
                })
                .collect(),
            other => panic!("{other:?}"),
        }
    };
    for juror in &JURY[..3] {
        assert_eq!(numbers(&d.app, juror.name), juror.ranking.to_vec());
    }
}

/// The check above can fail: a frame that draws another juror's ballot, the panes' counts or the
/// ordinary ballot entry (which shows a juror's stored ballot) is caught.
#[test]
fn the_secrecy_check_catches_a_leak() {
    let store = jury_room_store();
    let mut d = open_room(&store, SCORED);
    vote(&mut d, &JURY[0]);
    d.key(key(KeyCode::Enter));
    assert_eq!(typist(&d.app).as_deref(), Some("Bruno Berg"));
    assert!(leaks(&screen_at(&d.app, 100, 30), true, Some("Bruno Berg"), &[]).is_empty());

    // Alice's stored ballot drawn in Bruno's turn (as if the form had read it).
    room_mut(&mut d.app).form.scores = vec![Some(9); 3];
    let problems = leaks(&screen_at(&d.app, 100, 30), true, Some("Bruno Berg"), &[]);
    assert!(
        problems.iter().any(|p| p.contains("Alice Arman's score 9")),
        "{problems:#?}"
    );

    // The desk beneath the room: the panes and their ballot counts.
    d.app.popup = None;
    let problems = leaks(&screen_at(&d.app, 100, 30), true, None, &[]);
    assert!(
        problems.iter().any(|p| p.contains("\"Nominations\"")),
        "{problems:#?}"
    );

    // Ordinary ballot entry on Alice (it shows her stored ballot, as it should outside the room).
    select_category(&mut d.app, SCORED);
    press(&mut d.app, &[ch('b'), key(KeyCode::Tab), key(KeyCode::Tab)]);
    assert_eq!(ballot_form(&d.app).juror_name(), "Alice Arman");
    let problems = leaks(&screen_at(&d.app, 100, 30), true, Some("Bruno Berg"), &[]);
    assert!(
        problems.iter().any(|p| p.contains("Alice Arman's score")),
        "{problems:#?}"
    );
}

#[test]
fn the_jury_room_s_screens() {
    let store = jury_room_store();
    let mut app = app_over(&store, 80, 20);
    select_edition(&mut app, EDITION);
    select_category(&mut app, RANKED);
    press(&mut app, &[ch('B')]);
    assert_screen!("jury_room_pass_80x20", screen_at(&app, 80, 20));
    press(&mut app, &[key(KeyCode::Enter)]);
    type_keys(&mut app, "1357");
    press(&mut app, &[key(KeyCode::Enter)]);
    type_keys(&mut app, "24");
    assert_screen!("jury_room_pin_wrong_once_80x20", screen_at(&app, 80, 20));
    press(
        &mut app,
        &[key(KeyCode::Backspace), key(KeyCode::Backspace)],
    );
    type_keys(&mut app, PIN);
    press(&mut app, &[key(KeyCode::Enter)]);
    type_keys(&mut app, "439");
    assert_screen!("jury_room_ballot_80x20", screen_at(&app, 80, 20));
    press(&mut app, &[key(KeyCode::Backspace)]);
    type_keys(&mut app, "21");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_screen!("jury_room_saved_pass_80x20", screen_at(&app, 80, 20));
    press(&mut app, &[key(KeyCode::Tab), key(KeyCode::Tab)]);
    assert_screen!("jury_room_has_voted_80x20", screen_at(&app, 80, 20));
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_screen!("jury_room_leave_80x20", screen_at(&app, 80, 20));
    // Every voter done: the room says so.
    press(&mut app, &[ch('n'), key(KeyCode::Tab)]);
    for ranking in ["2413", "3142"] {
        press(&mut app, &[key(KeyCode::Enter)]);
        type_keys(&mut app, ranking);
        press(&mut app, &[key(KeyCode::Enter)]);
    }
    assert_screen!("jury_room_all_voted_80x20", screen_at(&app, 80, 20));
}

#[test]
fn the_jury_room_opens_only_where_a_jury_can_vote() {
    let store = jury_room_store();
    let mut app = app_over(&store, 100, 30);
    select_edition(&mut app, EDITION);
    // On the jury's rows: no category.
    press(&mut app, &[ch('3'), ch('G'), ch('B')]);
    assert!(app.popup.is_none());
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("choose a category")
    );
    // A category with a recorded award: its ballots are frozen.
    drop(app);
    store.ok(&[
        "award",
        "--edition",
        EDITION,
        "--category",
        RANKED,
        "--winner",
        "Alpha Road",
        "--reason",
        "jury statement",
    ]);
    let mut app = app_over(&store, 100, 30);
    select_edition(&mut app, EDITION);
    select_category(&mut app, RANKED);
    press(&mut app, &[ch('B')]);
    assert!(app.popup.is_none());
    let message = app.message.clone().unwrap();
    assert!(message.contains("recorded award"), "{message}");
}

#[test]
fn persian_digits_type_a_pin_and_ctrl_c_quits_without_showing_anything() {
    let store = jury_room_store();
    let mut app = app_over(&store, 100, 30);
    select_edition(&mut app, EDITION);
    select_category(&mut app, SCORED);
    press(&mut app, &[ch('B'), key(KeyCode::Enter)]);
    type_keys(&mut app, "۲۴۶");
    assert_eq!(
        format!("{:?}", room(&app).stage),
        "Pin { juror: 0, typed: TypedPin(•••), failures: 0 }"
    );
    type_keys(&mut app, "۸");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(room(&app).stage, Stage::Ballot);
    app.handle_key(ctrl('c'));
    assert!(app.quit);
}

#[test]
fn the_seat_a_juror_form_shows_the_pin_as_dots_and_keeps_only_its_hash() {
    let store = jury_room_store();
    let mut app = app_over(&store, 100, 30);
    select_edition(&mut app, EDITION);
    press(&mut app, &[ch('J')]);
    type_keys(&mut app, "Ema Ek");
    // Name, original name, role, notes, PIN.
    press(
        &mut app,
        &[
            key(KeyCode::Tab),
            key(KeyCode::Tab),
            key(KeyCode::Tab),
            key(KeyCode::Tab),
        ],
    );
    type_keys(&mut app, "97531");
    let text = screen_at(&app, 100, 30);
    assert!(text.contains("•••••"), "{text}");
    assert!(!text.contains("97531"), "{text}");
    // Nor in the desk's state as a test failure or a crash report would print it.
    assert!(!format!("{:?}", app.popup).contains("97531"));
    press(&mut app, &[key(KeyCode::Enter)]);
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("PIN set"), "{message}");
    let edition = app.desk.edition(EDITION).unwrap();
    let juror = app.desk.juror(&edition, "Ema Ek").unwrap();
    let hash = juror.pin.expect("a PIN hash");
    assert!(hash.0.starts_with("$argon2id$") && !hash.0.contains("97531"));
    assert!(jurydesk::desk::pin_matches(&hash, "97531"));
}

#[test]
fn a_juror_s_record_says_a_pin_is_set_and_never_shows_it() {
    let store = jury_room_store();
    let mut app = app_over(&store, 100, 30);
    select_edition(&mut app, EDITION);
    press(&mut app, &[ch('3'), ch('g')]);
    for _ in 0..app.nomination_rows.len() {
        if app.selected_juror().map(|j| j.name.as_str()) == Some("Alice Arman") {
            break;
        }
        press(&mut app, &[ch('j')]);
    }
    press(&mut app, &[key(KeyCode::Enter)]);
    let text = screen_at(&app, 100, 30);
    assert!(text.contains("asks for a PIN"), "{text}");
    assert!(!text.contains("argon2") && !text.contains(PIN), "{text}");
}

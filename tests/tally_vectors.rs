//! The published tally examples (tests/fixtures/vectors, copied from the project's shared vectors; see the
//! README there for sources): the published answers exactly, and pref_voting 1.18.2's winners for the
//! methods jurydesk shares with it.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

use jurydesk::tally::{
    self, Ballot, Content, Count, Exclusion, Method, Outcome, TallyError, TieBreak,
};
use serde_json::Value;

const EXPECTED: &str = include_str!("fixtures/vectors/expected.json");
const SCORES: &str = include_str!("fixtures/vectors/scores.json");

/// The ranked examples, each with its own file.
const EXAMPLES: [(&str, &str); 10] = [
    ("tennessee", include_str!("fixtures/vectors/tennessee.json")),
    ("schulze1", include_str!("fixtures/vectors/schulze1.json")),
    ("schulze2", include_str!("fixtures/vectors/schulze2.json")),
    ("schulze3", include_str!("fixtures/vectors/schulze3.json")),
    ("schulze4", include_str!("fixtures/vectors/schulze4.json")),
    ("tn_tie", include_str!("fixtures/vectors/tn_tie.json")),
    ("cycle3", include_str!("fixtures/vectors/cycle3.json")),
    ("truncated", include_str!("fixtures/vectors/truncated.json")),
    (
        "elimination_tie",
        include_str!("fixtures/vectors/elimination_tie.json"),
    ),
    (
        "count_back",
        include_str!("fixtures/vectors/count_back.json"),
    ),
];

struct Example {
    nominees: Vec<String>,
    ballots: Vec<Ballot>,
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("vector JSON")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().expect("string").to_string())
        .collect()
}

fn example(name: &str) -> Example {
    let text = EXAMPLES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .expect("known example");
    let v = parse(text);
    let nominees = strings(&v["candidates"]);
    let mut ballots = Vec::new();
    for group in v["ballots"].as_array().expect("ballots") {
        let ranking: Vec<usize> = strings(&group["ranking"])
            .iter()
            .map(|l| nominees.iter().position(|n| n == l).expect("known label"))
            .collect();
        for _ in 0..group["count"].as_u64().expect("count") {
            ballots.push(Ballot {
                voter: format!("voter {}", ballots.len() + 1),
                content: Content::Ranked(ranking.clone()),
            });
        }
    }
    Example { nominees, ballots }
}

fn count_with(ex: &Example, method: Method, chain: &[TieBreak]) -> Outcome {
    tally::count(
        method,
        &Count {
            nominees: &ex.nominees,
            ballots: &ex.ballots,
            excluded: &[],
            tie_breaks: chain,
            casting_vote: None,
            electorate: None,
            void_votes: &[],
        },
    )
    .expect("count")
}

fn count(ex: &Example, method: Method) -> Outcome {
    count_with(ex, method, &[])
}

fn labels(ex: &Example, set: &[usize]) -> Vec<String> {
    set.iter().map(|&c| ex.nominees[c].clone()).collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn tiers(ex: &Example, ranking: &[Vec<usize>]) -> Vec<Vec<String>> {
    ranking.iter().map(|t| sorted(labels(ex, t))).collect()
}

fn expected(name: &str) -> Value {
    parse(EXPECTED)[name].clone()
}

fn index(ex: &Example, label: &str) -> usize {
    ex.nominees
        .iter()
        .position(|n| n == label)
        .expect("known label")
}

// ---- pref_voting 1.18.2 winners, for every example and every shared method ----

#[test]
fn pref_voting_winners_for_every_example() {
    // pref_voting key → our method. `borda_symmetric` (symmetric Borda on truncated ballots) orders
    // candidates as our "unranked share the remaining points" Borda does: per ballot, symmetric = 2·ours −
    // (n − 1). `instant_runoff_truncated` is pref_voting's IRV for truncated linear orders (threshold:
    // more than half of the non-empty ballots), which is our rule. `schulze_margins` is `beat_path` with
    // margins; the vectors were computed with unranked candidates below ranked ones (extended strict
    // preference), our rule.
    // IRV is compared with `instant_runoff_put` (parallel-universe tie-breaking) below, not with
    // `instant_runoff`, which eliminates everyone tied for fewest at once even where the order matters.
    let shared = [
        ("plurality", Method::Plurality),
        ("borda", Method::Borda),
        ("borda_symmetric", Method::Borda),
        ("schulze_margins", Method::Schulze),
    ];
    let mut checked = 0;
    for (name, _) in EXAMPLES {
        let ex = example(name);
        let reference = &expected(name)["pref_voting_1_18_2"];
        for (key, method) in shared {
            let Some(want) = reference.get(key) else {
                continue;
            };
            let got = count(&ex, method);
            assert_eq!(
                sorted(labels(&ex, &got.winners)),
                sorted(strings(want)),
                "{name}: {key}"
            );
            assert_eq!(got.tie, got.winners.len() > 1, "{name}: {key}");
            checked += 1;
        }
        let Some(layers) = reference.get("schulze_layers") else {
            continue;
        };
        let layers: Vec<Vec<String>> = layers
            .as_array()
            .expect("layers")
            .iter()
            .map(|t| sorted(strings(t)))
            .collect();
        assert_eq!(
            tiers(&ex, &count(&ex, Method::Schulze).ranking),
            layers,
            "{name}: schulze layers"
        );
    }
    assert!(checked >= 22, "only {checked} comparisons");
}

// ---- Tennessee ----

#[test]
fn tennessee_published_answers() {
    let ex = example("tennessee");
    let published = &expected("tennessee")["published"];
    assert_eq!(
        labels(&ex, &count(&ex, Method::Plurality).winners),
        strings(&published["plurality"])
    );
    assert_eq!(
        labels(&ex, &count(&ex, Method::Borda).winners),
        strings(&published["borda"])
    );
    assert_eq!(
        labels(&ex, &count(&ex, Method::Irv).winners),
        strings(&published["irv"])
    );
    let schulze = count(&ex, Method::Schulze);
    assert_eq!(
        labels(&ex, &schulze.winners),
        vec![published["condorcet_winner"].as_str().unwrap().to_string()]
    );
    // The Condorcet order is Nashville > Chattanooga > Knoxville > Memphis (as Kemeny and ranked pairs).
    let order: Vec<Vec<String>> = strings(&published["kemeny_order"])
        .into_iter()
        .map(|l| vec![l])
        .collect();
    assert_eq!(tiers(&ex, &schulze.ranking), order);
    assert!(
        schulze
            .notes
            .iter()
            .any(|n| n.contains("Nashville is also the Condorcet winner"))
    );
}

#[test]
fn tennessee_borda_points() {
    let ex = example("tennessee");
    let o = count(&ex, Method::Borda);
    let points = published_map(&expected("tennessee")["published"]["borda_n_minus_i"]);
    assert_eq!(o.scores.len(), 4);
    for line in &o.scores {
        let want = points[&ex.nominees[line.nominee]];
        assert_eq!((line.numerator, line.denominator), (want as i128, 1));
        assert_eq!(line.display, want.to_string());
    }
    // In ranking order: Nashville 194, Chattanooga 173, Memphis 126, Knoxville 107.
    assert_eq!(
        labels(&ex, &o.scores.iter().map(|s| s.nominee).collect::<Vec<_>>()),
        vec!["Nashville", "Chattanooga", "Memphis", "Knoxville"]
    );
}

fn published_map(v: &Value) -> std::collections::HashMap<String, u64> {
    v.as_object()
        .expect("object")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().expect("number")))
        .collect()
}

#[test]
fn tennessee_irv_rounds() {
    let ex = example("tennessee");
    let o = count(&ex, Method::Irv);
    let want = expected("tennessee")["published"]["irv_rounds"].clone();
    let want = want.as_array().expect("rounds");
    assert_eq!(o.rounds.len(), want.len());
    for (round, w) in o.rounds.iter().zip(want) {
        let w = published_map(w);
        let got: std::collections::HashMap<String, u64> = round
            .counts
            .iter()
            .map(|&(c, v)| (ex.nominees[c].clone(), v))
            .collect();
        assert_eq!(got, w, "round {}", round.number);
        assert_eq!(round.active, 100);
        assert_eq!(round.exhausted, 0);
    }
    assert_eq!(labels(&ex, &o.rounds[0].eliminated), vec!["Chattanooga"]);
    assert_eq!(labels(&ex, &o.rounds[1].eliminated), vec!["Nashville"]);
    assert!(o.rounds[2].eliminated.is_empty());
    assert!(!o.tie);
    assert!(o.decided);
    // Winner, then the rest in reverse order of elimination.
    assert_eq!(
        tiers(&ex, &o.ranking),
        vec![
            vec!["Knoxville".to_string()],
            vec!["Memphis".to_string()],
            vec!["Nashville".to_string()],
            vec!["Chattanooga".to_string()]
        ]
    );
}

// ---- Schulze ----

#[test]
fn schulze1_pairwise_matrix_is_the_published_one() {
    let ex = example("schulze1");
    let o = count(&ex, Method::Schulze);
    let d = &o.pairwise.as_ref().expect("pairwise").d;
    let published = expected("schulze1")["published"]["d_matrix"].clone();
    for (row, cols) in published.as_object().expect("rows") {
        for (col, v) in cols.as_object().expect("cols") {
            assert_eq!(
                d[index(&ex, row)][index(&ex, col)],
                v.as_u64().unwrap(),
                "d[{row}][{col}]"
            );
        }
    }
    // Wikipedia publishes this example's strongest paths with winning votes as link strengths. Every
    // ballot here ranks every candidate, so a margin is 2·d − 45, a strictly increasing function of d:
    // the strongest paths over margins are the published ones mapped the same way (p = 2·p_wv − 45).
    let p = &o.pairwise.as_ref().expect("pairwise").p;
    let (a, b, c, dd, e) = (0, 1, 2, 3, 4);
    let want = [
        (a, b, 28),
        (a, c, 28),
        (a, dd, 30),
        (a, e, 24),
        (b, a, 25),
        (b, c, 28),
        (b, dd, 33),
        (b, e, 24),
        (c, a, 25),
        (c, b, 29),
        (c, dd, 29),
        (c, e, 24),
        (dd, a, 25),
        (dd, b, 28),
        (dd, c, 28),
        (dd, e, 24),
        (e, a, 25),
        (e, b, 28),
        (e, c, 28),
        (e, dd, 31),
    ];
    for (i, j, v) in want {
        assert_eq!(
            p[i][j],
            2 * v - 45,
            "p[{}][{}]",
            ex.nominees[i],
            ex.nominees[j]
        );
    }
}

#[test]
fn schulze_orders_are_the_published_ones() {
    for name in ["schulze1", "schulze2", "schulze3", "schulze4"] {
        let ex = example(name);
        let o = count(&ex, Method::Schulze);
        let want: Vec<Vec<String>> = expected(name)["published"]["schulze_order"]
            .as_array()
            .expect("order")
            .iter()
            .map(|t| sorted(strings(t)))
            .collect();
        assert_eq!(tiers(&ex, &o.ranking), want, "{name}");
    }
    // schulze4 is the published tie: B and D, reported as such.
    let ex = example("schulze4");
    let o = count(&ex, Method::Schulze);
    assert!(o.tie);
    assert!(o.decided);
    assert_eq!(labels(&ex, &o.winners), vec!["B", "D"]);
}

// ---- IRV elimination rule and ties ----

#[test]
fn irv_agrees_with_pref_voting_parallel_universe_tie_breaking() {
    // PUT returns every nominee that wins under some order of elimination: a count jurydesk decides
    // without a tie names PUT's single winner, and several PUT winners are a reported tie here.
    let mut compared = 0;
    for (name, _) in EXAMPLES {
        let ex = example(name);
        let Some(put) = expected(name)["pref_voting_1_18_2"]
            .get("instant_runoff_put")
            .cloned()
        else {
            continue;
        };
        let put = sorted(strings(&put));
        let o = count(&ex, Method::Irv);
        if !o.tie {
            assert_eq!(sorted(labels(&ex, &o.winners)), put, "{name}");
        }
        if put.len() > 1 {
            assert!(o.tie, "{name}: PUT has {put:?}, jurydesk reports no tie");
        }
        compared += 1;
    }
    assert_eq!(compared, EXAMPLES.len());
}

// schulze1 by hand (45 ballots). Round 1: A 10, B 8, C 12, D 7, E 8; D out, DCEBA ×7 → C.
// Round 2: A 10, B 8, C 19, E 8 of 45 (23 needed): B and E share the fewest, 16 together, not fewer than
// A's 10, so the order matters in principle: an elimination tie.
// - B first: BEDAC ×8 → E (A 10, C 19, E 16); A out: ACBED ×5 → C, ADECB ×5 → E: C 24, E 21: C.
// - E first: EBADC ×8 → B (A 10, B 16, C 19); A out: ACBED ×5 → C, ADECB ×5 → C (D, E gone): C 29: C.
// - Both at once (the old rule, and pref_voting's `instant_runoff`): BEDAC → A, EBADC → A: A 26, C 19: A.
// One at a time always elects C (PUT: C); all at once elected A, a winner no order of elimination gives.
#[test]
fn schulze1_irv_tie_for_fewest_is_no_longer_eliminated_together() {
    let ex = example("schulze1");
    let o = count(&ex, Method::Irv);
    assert_eq!(labels(&ex, &o.rounds[0].eliminated), vec!["D"]);
    assert!(
        o.tie && o.winners.is_empty(),
        "with `none` the jury decides"
    );
    let t = o.elimination_tie.as_ref().expect("elimination tie");
    assert_eq!(
        (t.round, labels(&ex, &t.among)),
        (2, vec!["B".to_string(), "E".to_string()])
    );
    // A draw settles it either way, and either way C wins, as derived above.
    for seed in 0..4 {
        let o = count_with(&ex, Method::Irv, &[TieBreak::Draw { seed }]);
        assert_eq!(labels(&ex, &o.winners), vec!["C"], "seed {seed}");
        assert!(o.rested_on_tie && !o.tie);
    }
}

// Issue 14 finding 1 by hand: A×6, B>D×4, C>B×4, D>C×5 (19 ballots). Round 1: A 6, D 5, B 4, C 4
// (10 needed). B and C: 8 together, not fewer than D's 5. B first: B>D → D (A 6, D 9, C 4), C out,
// C>B exhaust: A 6, D 9 of 15: D. C first: C>B → B (A 6, B 8, D 5), D out, D>C exhaust: A 6, B 8 of
// 14: B. The order decides between D and B: with `none` a reported elimination tie (PUT: B and D).
#[test]
fn finding_one_is_a_reported_elimination_tie() {
    let ex = example("elimination_tie");
    let o = count(&ex, Method::Irv);
    assert!(o.tie && !o.decided && o.winners.is_empty());
    assert!(o.ranking.is_empty());
    let t = o.elimination_tie.as_ref().expect("elimination tie");
    assert_eq!(
        (t.round, labels(&ex, &t.among)),
        (1, vec!["B".to_string(), "C".to_string()])
    );
    assert!(
        o.notes
            .iter()
            .any(|n| n.contains("the jury decides whom to eliminate"))
    );
}

// Issue 14 finding 2 by hand: A×3, B×3, C>A×2, D>C>A×1 (9 ballots). Round 1: A 3, B 3, C 2, D 1;
// D out → C. Round 2: A 3, B 3, C 3: an elimination tie among everyone left. Count-back: round 1 had
// C 2, the fewest: C out, its 3 ballots → A. Round 3: A 6, B 3 of 9 (5 needed): A.
#[test]
fn finding_two_count_back_continues_the_count() {
    let ex = example("count_back");
    let o = count_with(&ex, Method::Irv, &[TieBreak::CountBack]);
    assert_eq!(labels(&ex, &o.winners), vec!["A"]);
    assert!(!o.tie && o.rested_on_tie);
    let rounds: Vec<Vec<(String, u64)>> = o
        .rounds
        .iter()
        .map(|r| {
            r.counts
                .iter()
                .map(|&(c, v)| (ex.nominees[c].clone(), v))
                .collect()
        })
        .collect();
    let s = |l: &str, v: u64| (l.to_string(), v);
    assert_eq!(
        rounds,
        vec![
            vec![s("A", 3), s("B", 3), s("C", 2), s("D", 1)],
            vec![s("A", 3), s("B", 3), s("C", 3)],
            vec![s("A", 6), s("B", 3)],
        ]
    );
    // Without a chain the three-way tie is reported: any of A, B, C can win (PUT: A, B and C).
    let o = count(&ex, Method::Irv);
    assert!(o.tie && o.winners.is_empty());
}

// RCTab's city_mayor shape: many nominees tied for fewest with more votes together than the next.
// P 8, Q 7, and R…X 2 each (7 × 2 = 14, not fewer than Q's 7): reported, not eliminated at once.
#[test]
fn seven_tied_for_fewest_are_an_elimination_tie() {
    let nominees: Vec<String> = ["P", "Q", "R", "S", "T", "U", "V", "W", "X"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut ballots = Vec::new();
    let mut add = |times: usize, order: &[usize]| {
        for _ in 0..times {
            ballots.push(Ballot {
                voter: format!("v{}", ballots.len()),
                content: Content::Ranked(order.to_vec()),
            });
        }
    };
    add(8, &[0]);
    add(7, &[1]);
    for c in 2..9 {
        add(2, &[c, if c % 2 == 0 { 0 } else { 1 }]);
    }
    let ex = Example { nominees, ballots };
    let o = count(&ex, Method::Irv);
    let t = o.elimination_tie.as_ref().expect("elimination tie");
    assert_eq!(t.among, (2..9).collect::<Vec<_>>());
    assert!(o.tie && o.winners.is_empty());
}

#[test]
fn tn_tie_ends_in_a_reported_42_42_tie() {
    let ex = example("tn_tie");
    let o = count(&ex, Method::Irv);
    let last = o.rounds.last().expect("rounds");
    let memphis = index(&ex, "Memphis");
    let knoxville = index(&ex, "Knoxville");
    assert_eq!(last.counts, vec![(memphis, 42), (knoxville, 42)]);
    assert!(last.eliminated.is_empty());
    assert!(o.tie);
    assert!(o.decided);
    assert_eq!(o.winners, vec![memphis, knoxville]);
    assert!(o.tie_breaks_applied.is_empty());
    let text = tally::report::text(&o, &ex.nominees);
    assert!(
        text.contains("Result: tie between Memphis and Knoxville"),
        "{text}"
    );
}

#[test]
fn tn_tie_tie_breaks() {
    let ex = example("tn_tie");
    let memphis = index(&ex, "Memphis");
    let knoxville = index(&ex, "Knoxville");
    // Count-back: round 2 had Memphis 42, Knoxville 22.
    let o = count_with(&ex, Method::Irv, &[TieBreak::CountBack]);
    assert_eq!(o.winners, vec![memphis]);
    assert!(o.tie);
    assert_eq!(o.tie_breaks_applied[0].among, vec![memphis, knoxville]);
    assert!(o.tie_breaks_applied[0].detail.contains("round 2"));
    // Borda among the two: 42 ballots put Memphis above Knoxville, 42 the reverse: still tied; the draw
    // then decides, reproducibly, and records its seed.
    let chain = [TieBreak::Borda, TieBreak::Draw { seed: 2024 }];
    let o = count_with(&ex, Method::Irv, &chain);
    assert_eq!(o.tie_breaks_applied.len(), 2);
    assert_eq!(o.tie_breaks_applied[0].result, vec![memphis, knoxville]);
    assert_eq!(
        o.winners,
        vec![tally::draw_order(2024, &[memphis, knoxville])[0]]
    );
    assert!(o.tie_breaks_applied[1].detail.contains("seed 2024"));
    assert_eq!(o, count_with(&ex, Method::Irv, &chain));
    // The casting vote, when the president chose one of the tied.
    let o = tally::count(
        Method::Irv,
        &Count {
            nominees: &ex.nominees,
            ballots: &ex.ballots,
            excluded: &[],
            tie_breaks: &[TieBreak::CastingVote],
            casting_vote: Some(knoxville),
            electorate: None,
            void_votes: &[],
        },
    )
    .expect("count");
    assert_eq!(o.winners, vec![knoxville]);
}

// ---- truncated ballots ----

#[test]
fn truncated_counts_unranked_as_ranked_last() {
    let ex = example("truncated");
    let o = count(&ex, Method::Schulze);
    // Ignoring unranked candidates would give A and D; ranking them last gives B.
    assert_eq!(labels(&ex, &o.winners), vec!["B"]);
    let d = &o.pairwise.as_ref().expect("pairwise").d;
    let (a, b, c, dd) = (0, 1, 2, 3);
    assert_eq!((d[a][b], d[b][a]), (3, 3));
    assert_eq!((d[c][dd], d[dd][c]), (4, 1));
    assert_eq!((d[b][dd], d[dd][b]), (5, 1));
    // Borda: A 12, B 15, C 13.5, D 7.5 (unranked share the remaining points).
    let o = count(&ex, Method::Borda);
    let pts: Vec<(String, String)> = o
        .scores
        .iter()
        .map(|s| (ex.nominees[s.nominee].clone(), s.display.clone()))
        .collect();
    assert_eq!(
        pts,
        vec![
            ("B".to_string(), "15".to_string()),
            ("C".to_string(), "13.5".to_string()),
            ("A".to_string(), "12".to_string()),
            ("D".to_string(), "7.5".to_string())
        ]
    );
    // IRV: D out (1), then B (2), then C 5 of 8.
    let o = count(&ex, Method::Irv);
    assert_eq!(labels(&ex, &o.winners), vec!["C"]);
}

// ---- scores ----

/// scores.json: 5 jurors, 4 films; J4 did not score F4 (the null), so J4 is not counted for F4.
fn scores_example() -> (Vec<String>, Vec<Ballot>) {
    let v = parse(SCORES);
    let films = strings(&v["films"]);
    let mut jurors: Vec<(&String, &Value)> =
        v["scores"].as_object().expect("scores").iter().collect();
    jurors.sort_by(|a, b| a.0.cmp(b.0));
    let ballots = jurors
        .into_iter()
        .map(|(juror, sheet)| Ballot {
            voter: juror.clone(),
            content: Content::Scored(
                films
                    .iter()
                    .enumerate()
                    .filter_map(|(i, f)| sheet[f].as_u64().map(|s| (i, s as u8)))
                    .collect(),
            ),
        })
        .collect();
    (films, ballots)
}

fn score_count(method: Method) -> Outcome {
    let (films, ballots) = scores_example();
    tally::count(
        method,
        &Count {
            nominees: &films,
            ballots: &ballots,
            excluded: &[],
            tie_breaks: &[],
            casting_vote: None,
            electorate: None,
            void_votes: &[],
        },
    )
    .expect("count")
}

fn value(o: &Outcome, nominee: usize) -> (i128, i128) {
    let line = o
        .scores
        .iter()
        .find(|s| s.nominee == nominee)
        .expect("line");
    (line.numerator, line.denominator)
}

#[test]
fn trimmed_mean_ties_f1_and_f3_at_exactly_seven() {
    let o = score_count(Method::ScoreTrimmed);
    // F1: 5 6 7 8 9 → 6 7 8 → 21/3 = 7.  F3: 3 4 8 9 10 → 4 8 9 → 21/3 = 7.
    // F2: 6 7 8 8 9 → 7 8 8 → 23/3.      F4: 5 6 7 9 (4 scores, not trimmed) → 27/4.
    assert_eq!(value(&o, 0), (7, 1));
    assert_eq!(value(&o, 2), (7, 1));
    assert_eq!(value(&o, 1), (23, 3));
    assert_eq!(value(&o, 3), (27, 4));
    assert_eq!(o.winners, vec![1]);
    assert_eq!(o.ranking, vec![vec![1], vec![0, 2], vec![3]]);
    assert!(
        o.notes.iter().any(|n| n == "F1 and F3 are tied at 7."),
        "{:?}",
        o.notes
    );
    let text = tally::report::text(&o, &scores_example().0);
    assert!(text.contains("2= F1 = F3"), "{text}");
}

#[test]
fn score_mean() {
    let o = score_count(Method::ScoreMean);
    // F1 35/5 = 7, F2 38/5 = 7.6, F3 34/5 = 6.8, F4 27/4 = 6.75 (J4 did not score it).
    assert_eq!(value(&o, 0), (7, 1));
    assert_eq!(value(&o, 1), (38, 5));
    assert_eq!(value(&o, 2), (34, 5));
    assert_eq!(value(&o, 3), (27, 4));
    assert_eq!(o.winners, vec![1]);
    assert_eq!(o.ranking, vec![vec![1], vec![0], vec![2], vec![3]]);
    assert!(!o.tie);
    assert!(o.scores[3].detail.contains("1 juror did not score it"));
}

#[test]
fn score_z() {
    // By hand, juror by juror (population standard deviation over the films that juror scored):
    //   J1 5 6 4 5:  mean 5,   σ = √(1/2)  → z  0,     +√2,     −√2,     0
    //   J2 9 8 10 9: mean 9,   σ = √(1/2)  → z  0,     −√2,     +√2,     0
    //   J3 7 8 3 6:  mean 6,   σ = √(7/2)  → z  √(2/7), 2√(2/7), −3√(2/7), 0
    //   J4 8 7 9 –:  mean 8,   σ = √(2/3)  → z  0,     −√(3/2), +√(3/2)
    //   J5 6 9 8 7:  mean 7.5, σ = √5/2    → z  −3/√5, +3/√5,   +1/√5,   −1/√5
    // Means: F1 (√(2/7) − 3/√5)/5 = −0.161424; F2 (2√(2/7) − √(3/2) + 3/√5)/5 = +0.237188;
    //        F3 (−3√(2/7) + √(3/2) + 1/√5)/5 = +0.013678; F4 (−1/√5)/4 = −0.111803.
    let o = score_count(Method::ScoreZ);
    let r27 = (2.0f64 / 7.0).sqrt();
    let r32 = 1.5f64.sqrt();
    let r5 = 5.0f64.sqrt();
    let want = [
        (r27 - 3.0 / r5) / 5.0,
        (2.0 * r27 - r32 + 3.0 / r5) / 5.0,
        (-3.0 * r27 + r32 + 1.0 / r5) / 5.0,
        (-1.0 / r5) / 4.0,
    ];
    for (c, w) in want.iter().enumerate() {
        let (num, den) = value(&o, c);
        assert_eq!(den, 1_000_000_000);
        assert!(
            (num as f64 / 1e9 - w).abs() < 2e-9,
            "F{}: {num} vs {w}",
            c + 1
        );
    }
    assert_eq!(o.winners, vec![1]);
    assert_eq!(o.ranking, vec![vec![1], vec![2], vec![3], vec![0]]);
    let displays: Vec<&str> = o.scores.iter().map(|s| s.display.as_str()).collect();
    assert_eq!(displays, vec!["+0.237", "+0.014", "-0.112", "-0.161"]);
}

#[test]
fn a_recused_jurors_whole_ballot_can_be_excluded_instead() {
    // docs/domain.md#conflicts-of-interest: the desk may leave J4's ballot out altogether (recused); the
    // count then says so and the trimmed-mean tie disappears (F1 and F3 have only four scores
    // each).
    let (films, ballots) = scores_example();
    let counted: Vec<Ballot> = ballots.into_iter().filter(|b| b.voter != "J4").collect();
    let excluded = [Exclusion {
        voter: "J4".to_string(),
        reason: "recused from F4".to_string(),
    }];
    let o = tally::count(
        Method::ScoreTrimmed,
        &Count {
            nominees: &films,
            ballots: &counted,
            excluded: &excluded,
            tie_breaks: &[],
            casting_vote: None,
            electorate: None,
            void_votes: &[],
        },
    )
    .expect("count");
    assert_eq!(o.ballots_used, 4);
    assert_eq!(o.excluded.len(), 1);
    assert_eq!(value(&o, 0), (27, 4));
    assert_eq!(value(&o, 2), (25, 4));
    let json = tally::report::json(&o, &films);
    assert_eq!(json["excluded"][0]["voter"], "J4");
}

#[test]
fn score_ballots_are_refused_by_ranked_methods() {
    let (films, ballots) = scores_example();
    let err = tally::count(
        Method::Schulze,
        &Count {
            nominees: &films,
            ballots: &ballots,
            excluded: &[],
            tie_breaks: &[],
            casting_vote: None,
            electorate: None,
            void_votes: &[],
        },
    )
    .unwrap_err();
    assert!(matches!(err, TallyError::WrongBallotKind { ref voter, .. } if voter == "J1"));
}

#[test]
fn reports_of_every_example_render() {
    for (name, _) in EXAMPLES {
        let ex = example(name);
        for method in [
            Method::Plurality,
            Method::Borda,
            Method::Irv,
            Method::Schulze,
        ] {
            let o = count(&ex, method);
            let text = tally::report::text(&o, &ex.nominees);
            assert!(text.contains("Result:"), "{name} {method:?}");
            let json = tally::report::json(&o, &ex.nominees);
            assert_eq!(json["ballots"], ex.ballots.len());
            assert_eq!(
                json["winners"].as_array().map(Vec::len),
                Some(o.winners.len())
            );
        }
    }
}

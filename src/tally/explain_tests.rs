//! The explanation of issue 14: what each method says about how it got there
//! (docs/counting.md#explanations).

use super::*;

fn labels(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| (*s).to_string()).collect()
}

fn ballot(voter: &str, content: Content) -> Ballot {
    Ballot {
        voter: voter.to_string(),
        content,
    }
}

fn run(method: Method, nominees: &[String], ballots: &[Ballot], chain: &[TieBreak]) -> Outcome {
    count(
        method,
        &Count {
            nominees,
            ballots,
            excluded: &[],
            tie_breaks: chain,
            casting_vote: None,
            electorate: None,
            void_votes: &[],
        },
    )
    .expect("counts")
}

#[test]
fn score_z_names_each_jurors_scale_and_the_flat_juror() {
    let n = labels(&["A", "B", "C"]);
    let b = [
        // Mean 6, spread sqrt(8/3) = 1.633: z = -1.225, 0, +1.225.
        ballot("Ann", Content::Scored(vec![(0, 4), (1, 6), (2, 8)])),
        ballot("Flat Fred", Content::Scored(vec![(0, 7), (1, 7), (2, 7)])),
    ];
    let o = run(Method::ScoreZ, &n, &b, &[]);
    assert_eq!(o.juror_scales.len(), 2);
    let ann = &o.juror_scales[0];
    assert_eq!(
        (ann.voter.as_str(), ann.mean.as_str(), ann.spread.as_str()),
        ("Ann", "6", "1.633")
    );
    assert_eq!(
        ann.z,
        vec![
            (0, 4, "-1.225".to_string()),
            (1, 6, "0.000".to_string()),
            (2, 8, "+1.225".to_string())
        ]
    );
    let fred = &o.juror_scales[1];
    assert!(fred.flat && fred.spread == "0");
    assert!(
        o.notes
            .iter()
            .any(|s| s.contains("no spread") && s.contains("Flat Fred")),
        "{:?}",
        o.notes
    );
    let text = report::text(&o, &n);
    assert!(
        text.contains("Ann: mean 6, spread 1.633: A 4 → -1.225; B 6 → 0.000; C 8 → +1.225"),
        "{text}"
    );
    assert!(
        text.contains("Flat Fred: mean 7, spread 0 (no spread)"),
        "{text}"
    );
    let j = report::json(&o, &n);
    assert_eq!(j["juror_scales"][1]["flat"], true);
    assert_eq!(j["juror_scales"][0]["z"][2]["z"], "+1.225");
}

#[test]
fn schulze_says_whether_a_condorcet_winner_exists_and_shows_the_cycle_and_beat_paths() {
    let n = labels(&["A", "B", "C"]);
    let mut b = Vec::new();
    // 4 ABC, 3 CAB, 2 BCA: A beats B 7–2, B beats C 6–3, C beats A 5–4: a cycle.
    for (times, order) in [(4, vec![0, 1, 2]), (3, vec![2, 0, 1]), (2, vec![1, 2, 0])] {
        for _ in 0..times {
            b.push(ballot(
                &format!("v{}", b.len()),
                Content::Ranked(order.clone()),
            ));
        }
    }
    let o = run(Method::Schulze, &n, &b, &[]);
    assert_eq!(o.winners, vec![0]);
    let pw = o.pairwise.as_ref().expect("pairwise");
    assert_eq!(pw.condorcet_winner, None);
    assert_eq!(pw.cycle, vec![0, 1, 2]);
    assert!(
        o.notes
            .iter()
            .any(|s| s == "There is no Condorcet winner: the pairwise majorities form a cycle, A beats B by 5, B beats C by 3, C beats A by 1."),
        "{:?}",
        o.notes
    );
    // A → C: via B, as strong as its weakest link (3), against C → A (1).
    assert!(o.notes.iter().any(|s| s == "A beats C by beat-path: A → B → C (strength 3); the strongest path back has strength 1."), "{:?}", o.notes);
    let j = report::json(&o, &n);
    assert_eq!(j["pairwise"]["condorcet_winner"], serde_json::Value::Null);
    assert_eq!(j["pairwise"]["cycle"], serde_json::json!(["A", "B", "C"]));
    assert_eq!(
        j["pairwise"]["beat_paths"][1]["path"],
        serde_json::json!(["A", "B", "C"])
    );
    // A Condorcet winner is said to be one, and no cycle is shown.
    let o = run(Method::Schulze, &n, &b[..4], &[]);
    assert_eq!(
        o.pairwise.as_ref().and_then(|p| p.condorcet_winner),
        Some(0)
    );
    assert!(o.pairwise.as_ref().is_some_and(|p| p.cycle.is_empty()));
}

#[test]
fn an_undecided_majority_rounds_count_shows_no_first_tier() {
    let n = labels(&["A", "B"]);
    // Round 1 needs an absolute majority: 1–1 decides nothing; round 2 is needed.
    let b = [
        ballot("1", Content::Rounds(vec![(1, 0)])),
        ballot("2", Content::Rounds(vec![(1, 1)])),
    ];
    let o = run(Method::MajorityRounds { absolute_rounds: 2 }, &n, &b, &[]);
    assert!(!o.decided && o.ranking.is_empty());
    let text = report::text(&o, &n);
    assert!(!text.contains("Ranking"), "{text}");
    assert_eq!(report::json(&o, &n)["ranking"], serde_json::json!([]));
}

#[test]
fn irv_text_reads_like_a_round_summary() {
    let n = labels(&["A", "B", "C"]);
    let mut b = Vec::new();
    // A 4, B 3, C 2 (9; 5 needed). C out: one C>B, one bullet C (exhausted). Round 2: A 4, B 4 of 8
    // (5 needed): a tie for first between A and B.
    for (times, order) in [(4, vec![0]), (3, vec![1]), (1, vec![2, 1]), (1, vec![2])] {
        for _ in 0..times {
            b.push(ballot(
                &format!("v{}", b.len()),
                Content::Ranked(order.clone()),
            ));
        }
    }
    let o = run(Method::Irv, &n, &b, &[]);
    let text = report::text(&o, &n);
    for want in [
        "Round 1: 9 continuing ballots, 5 needed to win",
        "4   44.44%  A",
        "2   22.22%  C  (eliminated)",
        "transfer from C: 1 to B, 1 exhausted",
        "Round 2: 8 continuing ballots, 5 needed to win",
        "exhausted: 1 this round, 1 in all",
        "Result: tie between A and B",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    assert!(!text.contains("is exhausted."), "{text}");
    let j = report::json(&o, &n);
    assert_eq!(j["rounds"][0]["threshold"], 5);
    assert_eq!(j["rounds"][1]["exhausted_new"], 1);
    assert_eq!(
        j["rounds"][0]["counts"][0],
        serde_json::json!({"nominee": "A", "votes": 4, "percent": "44.44%"})
    );
    assert_eq!(j["rounds"][0]["transfers"][0]["to"][0]["nominee"], "B");
    assert_eq!(j["elimination_tie"], serde_json::Value::Null);
}

//! Unit tests of the count: errors, each method's small cases, and the tie-breaks as the methods use them.
//! The published examples are in tests/tally_vectors.rs; properties in tests/tally_properties.rs.

use super::*;

fn labels(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| (*s).to_string()).collect()
}

fn ranked(voter: &str, order: &[usize]) -> Ballot {
    Ballot {
        voter: voter.to_string(),
        content: Content::Ranked(order.to_vec()),
    }
}

fn scored(voter: &str, scores: &[(usize, u8)]) -> Ballot {
    Ballot {
        voter: voter.to_string(),
        content: Content::Scored(scores.to_vec()),
    }
}

fn rounds(voter: &str, votes: &[(u32, usize)]) -> Ballot {
    Ballot {
        voter: voter.to_string(),
        content: Content::Rounds(votes.to_vec()),
    }
}

fn run(
    method: Method,
    nominees: &[String],
    ballots: &[Ballot],
    chain: &[TieBreak],
    casting_vote: Option<usize>,
) -> Result<Outcome, TallyError> {
    count(
        method,
        &Count {
            nominees,
            ballots,
            excluded: &[],
            tie_breaks: chain,
            casting_vote,
            electorate: None,
            void_votes: &[],
        },
    )
}

fn ok(method: Method, nominees: &[String], ballots: &[Ballot], chain: &[TieBreak]) -> Outcome {
    match run(method, nominees, ballots, chain, None) {
        Ok(o) => o,
        Err(e) => panic!("count failed: {e}"),
    }
}

const ALL: [Method; 8] = [
    Method::Plurality,
    Method::MajorityRounds { absolute_rounds: 2 },
    Method::Borda,
    Method::Irv,
    Method::Schulze,
    Method::ScoreMean,
    Method::ScoreTrimmed,
    Method::ScoreZ,
];

// ---- errors ----

#[test]
fn no_nominees_is_an_error() {
    let e = run(Method::Borda, &[], &[], &[], None).unwrap_err();
    assert_eq!(e, TallyError::NoNominees);
}

#[test]
fn wrong_ballot_kind_names_the_voter() {
    let n = labels(&["A", "B"]);
    let e = run(Method::Borda, &n, &[scored("Ana", &[(0, 5)])], &[], None).unwrap_err();
    assert!(matches!(&e, TallyError::WrongBallotKind { voter, .. } if voter == "Ana"));
    assert_eq!(
        e.to_string(),
        "Ana's ballot is a set of scores, but borda counts rankings"
    );
    let e = run(Method::ScoreMean, &n, &[ranked("Bo", &[0])], &[], None).unwrap_err();
    assert!(e.to_string().starts_with("Bo's ballot is a ranking"));
    let e = run(
        Method::MajorityRounds { absolute_rounds: 2 },
        &n,
        &[ranked("Cy", &[0])],
        &[],
        None,
    )
    .unwrap_err();
    assert!(e.to_string().contains("one vote per round"), "{e}");
    let e = run(Method::Plurality, &n, &[scored("Di", &[])], &[], None).unwrap_err();
    assert!(e.to_string().contains("Di's ballot"), "{e}");
}

#[test]
fn nominee_out_of_range() {
    let n = labels(&["A", "B"]);
    for (method, ballot) in [
        (Method::Irv, ranked("Ana", &[0, 2])),
        (Method::ScoreZ, scored("Ana", &[(5, 3)])),
        (
            Method::MajorityRounds { absolute_rounds: 1 },
            rounds("Ana", &[(1, 9)]),
        ),
        (Method::Plurality, rounds("Ana", &[(1, 9)])),
    ] {
        let e = run(method, &n, &[ballot], &[], None).unwrap_err();
        assert!(
            matches!(&e, TallyError::NomineeOutOfRange { voter, count: 2, .. } if voter == "Ana"),
            "{e:?}"
        );
        assert!(e.to_string().contains("indices 0 to 1"), "{e}");
    }
}

#[test]
fn nominee_twice_in_a_ranking() {
    let n = labels(&["A", "B", "C"]);
    for method in [
        Method::Plurality,
        Method::Borda,
        Method::Irv,
        Method::Schulze,
    ] {
        let e = run(method, &n, &[ranked("Ana", &[1, 0, 1])], &[], None).unwrap_err();
        assert_eq!(e.to_string(), "Ana's ranking names B twice");
    }
    // The same nominee on two different ballots is fine.
    let b = [ranked("Ana", &[1]), ranked("Bo", &[1])];
    assert_eq!(ok(Method::Borda, &n, &b, &[]).winners, vec![1]);
}

#[test]
fn score_errors() {
    let n = labels(&["A", "B"]);
    let e = run(
        Method::ScoreMean,
        &n,
        &[scored("Ana", &[(0, 11)])],
        &[],
        None,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Ana's score for A is 11; scores run from 0 to 10"
    );
    let e = run(
        Method::ScoreTrimmed,
        &n,
        &[scored("Ana", &[(1, 3), (1, 4)])],
        &[],
        None,
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "Ana's ballot scores B twice");
    // 0 and 10 are fine.
    let o = ok(
        Method::ScoreMean,
        &n,
        &[scored("Ana", &[(0, 0), (1, 10)])],
        &[],
    );
    assert_eq!(o.winners, vec![1]);
}

#[test]
fn round_errors() {
    let n = labels(&["A", "B"]);
    let m = Method::MajorityRounds { absolute_rounds: 2 };
    let e = run(m, &n, &[rounds("Ana", &[(0, 1)])], &[], None).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Ana's ballot has a vote in round 0; rounds are numbered from 1"
    );
    let e = run(
        m,
        &n,
        &[rounds("Ana", &[(2, 1), (1, 0), (2, 0)])],
        &[],
        None,
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "Ana's ballot has two votes in round 2");
}

#[test]
fn casting_vote_out_of_range() {
    let n = labels(&["A", "B"]);
    let e = run(Method::Plurality, &n, &[], &[], Some(2)).unwrap_err();
    assert!(matches!(
        e,
        TallyError::CastingVoteOutOfRange {
            nominee: 2,
            count: 2
        }
    ));
}

// ---- no ballots ----

#[test]
fn no_ballots_is_undecided_for_every_method() {
    let n = labels(&["A", "B", "C"]);
    for method in ALL {
        let o = ok(method, &n, &[], &[]);
        assert!(o.winners.is_empty());
        assert!(!o.decided);
        assert!(!o.tie);
        assert!(o.ranking.is_empty(), "no first tier while undecided");
        assert!(o.notes[0].contains("no ballots"));
    }
}

// ---- plurality ----

#[test]
fn plurality_counts_first_choices_and_round_one_votes() {
    let n = labels(&["A", "B", "C"]);
    let b = [
        ranked("1", &[0, 1]),
        ranked("2", &[1]),
        rounds("3", &[(1, 1), (2, 0)]),
        rounds("4", &[(2, 2)]),
        ranked("5", &[]),
    ];
    let o = ok(Method::Plurality, &n, &b, &[]);
    assert_eq!(o.winners, vec![1]);
    assert_eq!(o.rounds.len(), 1);
    assert_eq!(o.rounds[0].counts, vec![(0, 1), (1, 2), (2, 0)]);
    assert_eq!(o.rounds[0].active, 3);
    assert_eq!(o.rounds[0].exhausted, 2);
    assert_eq!(o.ranking, vec![vec![1], vec![0], vec![2]]);
    assert_eq!(o.scores[0].nominee, 1);
    assert_eq!(o.scores[0].numerator, 2);
}

#[test]
fn plurality_tie_with_borda_then_count_back_not_applicable() {
    let n = labels(&["A", "B", "C"]);
    let b = [
        ranked("1", &[0, 1, 2]),
        ranked("2", &[1, 2, 0]),
        ranked("3", &[2, 1, 0]),
    ];
    let o = ok(
        Method::Plurality,
        &n,
        &b,
        &[TieBreak::CountBack, TieBreak::Borda],
    );
    assert!(o.tie);
    assert_eq!(o.tie_breaks_applied.len(), 2);
    assert_eq!(o.tie_breaks_applied[0].result, vec![0, 1, 2]);
    // Borda among all three: A 2+0+0, B 1+2+1, C 0+1+2.
    assert_eq!(o.winners, vec![1]);
    // The nominees Borda set aside are ranked by their points (C 3 above A 2), never shown as tied.
    assert_eq!(o.ranking, vec![vec![1], vec![2], vec![0]]);
    assert!(o.rested_on_tie);
    assert!(o.tie_breaks_applied[1].detail.contains("B 4, C 3, A 2"));
}

#[test]
fn borda_tie_break_is_not_applicable_to_round_votes() {
    let n = labels(&["A", "B"]);
    let b = [rounds("1", &[(1, 0)]), rounds("2", &[(1, 1)])];
    let o = ok(Method::Plurality, &n, &b, &[TieBreak::Borda]);
    assert_eq!(o.winners, vec![0, 1]);
    assert!(o.tie_breaks_applied[0].detail.contains("needs ranked"));
}

// ---- majority rounds ----

#[test]
fn majority_rounds_needs_an_absolute_majority_first() {
    let n = labels(&["A", "B", "C"]);
    let m = Method::MajorityRounds { absolute_rounds: 2 };
    // Round 1: A 2, B 2, C 1 → no majority. Round 2: A 3, B 2 → 3 of 5: absolute majority.
    let b = [
        rounds("1", &[(1, 0), (2, 0)]),
        rounds("2", &[(1, 0), (2, 0)]),
        rounds("3", &[(1, 1), (2, 1)]),
        rounds("4", &[(1, 1), (2, 1)]),
        rounds("5", &[(1, 2), (2, 0), (3, 1)]),
    ];
    let o = ok(m, &n, &b, &[]);
    assert_eq!(o.winners, vec![0]);
    assert!(o.decided);
    assert_eq!(o.rounds.len(), 2);
    assert_eq!(o.rounds[1].active, 5);
    assert!(o.notes.iter().any(|s| s.contains("not counted")));
}

#[test]
fn majority_rounds_counts_only_votes_cast_in_the_round() {
    let n = labels(&["A", "B"]);
    let m = Method::MajorityRounds { absolute_rounds: 2 };
    // Round 1: A 2 of 3 cast (one juror abstains): absolute majority of votes cast.
    let b = [
        rounds("1", &[(1, 0)]),
        rounds("2", &[(1, 0)]),
        rounds("3", &[(1, 1)]),
        rounds("4", &[]),
    ];
    let o = ok(m, &n, &b, &[]);
    assert_eq!(o.winners, vec![0]);
    assert_eq!(o.rounds[0].active, 3);
    assert_eq!(o.rounds[0].exhausted, 1);
}

#[test]
fn majority_rounds_undecided_asks_for_the_next_round() {
    let n = labels(&["A", "B", "C"]);
    let m = Method::MajorityRounds { absolute_rounds: 2 };
    let b = [
        rounds("1", &[(1, 0), (2, 0)]),
        rounds("2", &[(1, 1), (2, 1)]),
        rounds("3", &[(1, 2), (2, 2)]),
    ];
    let o = ok(m, &n, &b, &[TieBreak::Draw { seed: 1 }]);
    assert!(o.winners.is_empty());
    assert!(!o.decided);
    assert!(!o.tie);
    assert!(o.tie_breaks_applied.is_empty());
    assert_eq!(o.rounds.len(), 2);
    assert!(
        o.notes
            .last()
            .is_some_and(|s| s.contains("round 3 is needed")),
        "{:?}",
        o.notes
    );
}

#[test]
fn majority_rounds_relative_round_tie_goes_to_the_casting_vote() {
    let n = labels(&["A", "B", "C"]);
    let m = Method::MajorityRounds { absolute_rounds: 1 };
    let b = [
        rounds("1", &[(1, 0), (2, 0)]),
        rounds("2", &[(1, 1), (2, 1)]),
        rounds("3", &[(1, 2), (2, 2)]),
        rounds("4", &[(1, 0), (2, 1)]),
        rounds("5", &[(1, 2), (2, 0)]),
    ];
    // Round 2 (relative): A 2, B 2, C 1: tie between A and B.
    let o = run(m, &n, &b, &[TieBreak::CastingVote], Some(1)).unwrap();
    assert!(o.tie);
    assert_eq!(o.winners, vec![1]);
    assert!(o.decided);
    // Count-back: round 1 had A 2, B 1, C 2 → A.
    let o = ok(m, &n, &b, &[TieBreak::CountBack]);
    assert_eq!(o.winners, vec![0]);
    assert!(o.tie_breaks_applied[0].detail.contains("round 1"));
    // With `none` the tie stands and the jury may hold round 3.
    let o = ok(m, &n, &b, &[TieBreak::None]);
    assert_eq!(o.winners, vec![0, 1]);
    assert!(o.decided);
    assert!(o.notes.iter().any(|s| s.contains("round 3")));
}

#[test]
fn majority_rounds_with_zero_absolute_rounds_is_relative_from_the_start() {
    let n = labels(&["A", "B", "C"]);
    let m = Method::MajorityRounds { absolute_rounds: 0 };
    let b = [
        rounds("1", &[(1, 0)]),
        rounds("2", &[(1, 1)]),
        rounds("3", &[(1, 1)]),
        rounds("4", &[(1, 2)]),
        rounds("5", &[(1, 0)]),
        rounds("6", &[(1, 2)]),
        rounds("7", &[(1, 2)]),
    ];
    let o = ok(m, &n, &b, &[]);
    assert_eq!(o.winners, vec![2]);
}

// ---- borda ----

#[test]
fn borda_shares_the_remaining_points_exactly() {
    let n = labels(&["A", "B", "C", "D"]);
    // A first (3), the other three share (2+1+0)/3 = 1 each.
    let o = ok(Method::Borda, &n, &[ranked("1", &[0])], &[]);
    let pts: Vec<(usize, i128, i128)> = o
        .scores
        .iter()
        .map(|s| (s.nominee, s.numerator, s.denominator))
        .collect();
    assert_eq!(pts, vec![(0, 3, 1), (1, 1, 1), (2, 1, 1), (3, 1, 1)]);
    // A first (3), B second (2), C and D share (1+0)/2 = 0.5.
    let o = ok(Method::Borda, &n, &[ranked("1", &[0, 1])], &[]);
    let c = o.scores.iter().find(|s| s.nominee == 2).unwrap();
    assert_eq!(
        (c.numerator, c.denominator, c.display.as_str()),
        (1, 2, "0.5")
    );
    assert_eq!(o.ranking, vec![vec![0], vec![1], vec![2, 3]]);
}

// ---- irv ----

#[test]
fn irv_exhausted_ballots_drop_out() {
    let n = labels(&["A", "B", "C", "D"]);
    // Round 1: A 4, B 3, C 1, D 1 of 9 (5 needed) → C and D tie for fewest, 2 together < B's 3, so
    // both go at once; their bullet votes exhaust. Round 2: A 4, B 3 of 7 (4 needed): A.
    let mut b: Vec<Ballot> = (0..4).map(|i| ranked(&format!("a{i}"), &[0])).collect();
    b.extend((0..3).map(|i| ranked(&format!("b{i}"), &[1])));
    b.push(ranked("c", &[2]));
    b.push(ranked("d", &[3]));
    let o = ok(Method::Irv, &n, &b, &[]);
    assert_eq!(o.winners, vec![0]);
    assert_eq!(o.rounds.len(), 2);
    assert_eq!(o.rounds[0].eliminated, vec![2, 3]);
    assert_eq!(o.rounds[1].active, 7);
    assert_eq!(o.rounds[1].exhausted, 2);
    assert_eq!(o.ranking, vec![vec![0], vec![1], vec![2, 3]]);
    let exhausted: Vec<u64> = o.rounds[0].transfers.iter().map(|t| t.exhausted).collect();
    assert_eq!(exhausted, vec![1, 1]);
}

#[test]
fn irv_eliminates_nominees_without_votes_together() {
    let n = labels(&["A", "B", "C", "D"]);
    let b = [
        ranked("1", &[0, 2]),
        ranked("2", &[0]),
        ranked("3", &[1, 3]),
        ranked("4", &[1]),
    ];
    let o = ok(Method::Irv, &n, &b, &[]);
    assert_eq!(o.rounds[0].eliminated, vec![2, 3]);
    assert_eq!(o.rounds[1].counts, vec![(0, 2), (1, 2)]);
    assert_eq!(o.winners, vec![0, 1]);
}

#[test]
fn irv_all_tied_is_a_tie_among_them() {
    let n = labels(&["A", "B"]);
    let b = [ranked("1", &[0, 1]), ranked("2", &[1, 0])];
    let o = ok(Method::Irv, &n, &b, &[]);
    assert_eq!(o.winners, vec![0, 1]);
    assert!(o.tie);
    assert!(o.decided);
}

// ---- schulze ----

#[test]
fn schulze_unranked_rank_below_ranked() {
    let n = labels(&["A", "B", "C"]);
    let o = ok(Method::Schulze, &n, &[ranked("1", &[1])], &[]);
    let pw = o.pairwise.as_ref().unwrap();
    assert_eq!(pw.d, vec![vec![0, 0, 0], vec![1, 0, 1], vec![0, 0, 0]]);
    assert_eq!(o.winners, vec![1]);
    assert_eq!(o.ranking, vec![vec![1], vec![0, 2]]);
}

// ---- score methods ----

#[test]
fn trimmed_mean_needs_five_scores() {
    let n = labels(&["A", "B"]);
    let four = [
        scored("1", &[(0, 10), (1, 6)]),
        scored("2", &[(0, 2), (1, 6)]),
        scored("3", &[(0, 6), (1, 6)]),
        scored("4", &[(0, 6), (1, 6)]),
    ];
    let o = ok(Method::ScoreTrimmed, &n, &four, &[]);
    assert_eq!(o.winners, vec![0, 1]);
    assert!(o.tie);
    let mut five = four.to_vec();
    five.push(scored("5", &[(0, 7), (1, 6)]));
    // A: 2 6 6 7 10 → 6 6 7 → 19/3 > 6.
    let o = ok(Method::ScoreTrimmed, &n, &five, &[]);
    assert_eq!(o.winners, vec![0]);
    assert_eq!((o.scores[0].numerator, o.scores[0].denominator), (19, 3));
}

#[test]
fn unscored_nominees_rank_last() {
    let n = labels(&["A", "B", "C"]);
    let b = [scored("1", &[(0, 1), (1, 0)])];
    for m in [Method::ScoreMean, Method::ScoreTrimmed, Method::ScoreZ] {
        let o = ok(m, &n, &b, &[]);
        assert_eq!(o.winners, vec![0], "{m:?}");
        assert_eq!(o.ranking.last(), Some(&vec![2]));
        let c = o.scores.iter().find(|s| s.nominee == 2).unwrap();
        assert_eq!(c.denominator, 0);
        assert_eq!(c.value(), None);
    }
}

#[test]
fn z_scores_standardise_each_juror() {
    let n = labels(&["A", "B"]);
    // A severe juror (1 vs 0) and a generous one (10 vs 9) weigh the same; a third gives 5 to both.
    let b = [
        scored("1", &[(0, 1), (1, 0)]),
        scored("2", &[(0, 9), (1, 10)]),
        scored("3", &[(0, 5), (1, 5)]),
    ];
    let o = ok(Method::ScoreZ, &n, &b, &[]);
    assert_eq!(o.winners, vec![0, 1]);
    assert!(o.tie);
    assert!(
        o.notes
            .iter()
            .any(|s| s.contains("1 juror gave the same score"))
    );
    // The mean prefers B (15/3 = 5) to A (15/3 = 5)... equal too; give the generous juror one more.
    let o = ok(Method::ScoreMean, &n, &b, &[]);
    assert_eq!(o.winners, vec![0, 1]);
}

// ---- exclusions ----

#[test]
fn exclusions_are_reported_not_counted() {
    let n = labels(&["A", "B"]);
    let b = [ranked("1", &[0])];
    let excluded = [Exclusion {
        voter: "Rita".to_string(),
        reason: "recused: produced B".to_string(),
    }];
    let o = count(
        Method::Plurality,
        &Count {
            nominees: &n,
            ballots: &b,
            excluded: &excluded,
            tie_breaks: &[],
            casting_vote: None,
            electorate: None,
            void_votes: &[],
        },
    )
    .unwrap();
    assert_eq!(o.ballots_used, 1);
    assert_eq!(o.excluded, excluded.to_vec());
    assert!(
        o.notes
            .iter()
            .any(|s| s.contains("Rita (recused: produced B)"))
    );
}

// ---- restriction ----

#[test]
fn without_nominees_renumbers_and_closes_up() {
    let n = labels(&["A", "X", "B"]);
    let b = [
        ranked("1", &[0, 1, 2]),
        scored("2", &[(1, 9), (2, 3)]),
        rounds("3", &[(1, 1), (2, 2)]),
    ];
    let (labels, ballots, old) = without_nominees(&n, &b, &[1]);
    assert_eq!(labels, vec!["A".to_string(), "B".to_string()]);
    assert_eq!(old, vec![0, 2]);
    assert_eq!(ballots[0].content, Content::Ranked(vec![0, 1]));
    assert_eq!(ballots[1].content, Content::Scored(vec![(1, 3)]));
    assert_eq!(ballots[2].content, Content::Rounds(vec![(2, 1)]));
    // Out-of-range stays out of range.
    let (_, ballots, _) = without_nominees(&n, &[ranked("4", &[5])], &[1]);
    assert_eq!(ballots[0].content, Content::Ranked(vec![4]));
}

// ---- report ----

#[test]
#[allow(clippy::many_single_char_names)] // nominees A, B, C and their ballots, as in the papers
fn report_text_and_json_explain_an_irv_count() {
    let n = labels(&["A", "B", "C\u{1b}[2J"]);
    let b = [
        ranked("1", &[0]),
        ranked("2", &[0]),
        ranked("3", &[1, 0]),
        ranked("4", &[2, 1]),
        ranked("5", &[2, 1]),
    ];
    let o = ok(Method::Irv, &n, &b, &[]);
    let t = report::text(&o, &n);
    assert!(!t.contains('\u{1b}'), "{t}");
    assert!(t.contains("Rounds"));
    assert!(t.contains("Result: "));
    let j = report::json(&o, &n);
    assert_eq!(j["method"], "irv");
    assert_eq!(j["ballots"], 5);
    assert!(
        j["rounds"]
            .as_array()
            .is_some_and(|r| r.len() == o.rounds.len())
    );
    assert_eq!(j["decided"], true);
    assert_eq!(j["tie"], false);
}

#[test]
fn report_json_has_every_key_for_every_method() {
    let n = labels(&["A", "B"]);
    for method in ALL {
        let o = ok(method, &n, &[], &[]);
        let j = report::json(&o, &n);
        for key in [
            "method",
            "ballots",
            "winners",
            "tie",
            "ranking",
            "rounds",
            "pairwise",
            "scores",
            "excluded",
            "tie_breaks",
            "decided",
            "notes",
        ] {
            assert!(j.get(key).is_some(), "{method:?} lacks {key}");
        }
        let _ = report::text(&o, &n);
    }
}

#[test]
fn majority_rounds_survives_extreme_round_numbers() {
    let n = labels(&["A", "B"]);
    let m = Method::MajorityRounds {
        absolute_rounds: u32::MAX,
    };
    let b = [rounds("1", &[(u32::MAX, 0)]), rounds("2", &[(u32::MAX, 1)])];
    let o = ok(m, &n, &b, &[]);
    assert!(!o.decided);
    assert!(o.notes.iter().any(|s| s.contains("is counted as recorded")));
    let o = ok(Method::MajorityRounds { absolute_rounds: 0 }, &n, &b, &[]);
    assert_eq!(o.winners, vec![0, 1]);
}

//! Elimination ties (issue 14): the safe batch rule, the chain deciding whom to eliminate, and the
//! count going on after it. Every expected outcome is derived by hand in the test's comment.

use super::super::{Ballot, Content, Count, Method, Outcome, TieBreak, count};

fn labels(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| (*s).to_string()).collect()
}

/// `times` identical ballots ranking `order`.
fn many(ballots: &mut Vec<Ballot>, times: usize, order: &[usize]) {
    for _ in 0..times {
        let voter = format!("J{}", ballots.len() + 1);
        ballots.push(Ballot {
            voter,
            content: Content::Ranked(order.to_vec()),
        });
    }
}

fn irv(
    nominees: &[String],
    ballots: &[Ballot],
    chain: &[TieBreak],
    casting: Option<usize>,
) -> Outcome {
    count(
        Method::Irv,
        &Count {
            nominees,
            ballots,
            excluded: &[],
            tie_breaks: chain,
            casting_vote: casting,
            electorate: None,
            void_votes: &[],
        },
    )
    .expect("counts")
}

const A: usize = 0;
const B: usize = 1;
const C: usize = 2;
const D: usize = 3;

/// Finding 1: A×6, B>D×4, C>B×4, D>C×5 (19 ballots).
fn finding_one() -> (Vec<String>, Vec<Ballot>) {
    let mut b = Vec::new();
    many(&mut b, 6, &[A]);
    many(&mut b, 4, &[B, D]);
    many(&mut b, 4, &[C, B]);
    many(&mut b, 5, &[D, C]);
    (labels(&["A", "B", "C", "D"]), b)
}

/// Finding 2: A×3, B×3, C>A×2, D>C>A×1 (9 ballots).
fn finding_two() -> (Vec<String>, Vec<Ballot>) {
    let mut b = Vec::new();
    many(&mut b, 3, &[A]);
    many(&mut b, 3, &[B]);
    many(&mut b, 2, &[C, A]);
    many(&mut b, 1, &[D, C, A]);
    (labels(&["A", "B", "C", "D"]), b)
}

// Finding 1 by hand. Round 1: A 6, D 5, B 4, C 4 of 19 (10 needed). B and C share the fewest, 4 + 4 = 8
// together, which is not fewer than D's 5: the order matters.
// - B first: B>D ×4 go to D → A 6, D 9, C 4; C out: C>B ×4 exhaust (B is gone) → A 6, D 9 of 15: D.
// - C first: C>B ×4 go to B → A 6, B 8, D 5; D out: D>C ×5 exhaust (C is gone) → A 6, B 8 of 14: B.
// - Both at once: B>D → D, C>B exhaust → A 6, D 9 of 15: D.
// So the outcome hangs on the order: with `none` it is an elimination tie between B and C.
#[test]
fn finding_one_is_an_elimination_tie_with_none() {
    let (n, b) = finding_one();
    for chain in [&[][..], &[TieBreak::None][..], &[TieBreak::CountBack][..]] {
        let o = irv(&n, &b, chain, None);
        assert!(o.tie, "{chain:?}: {o:#?}");
        assert!(o.winners.is_empty() && !o.decided, "{chain:?}");
        assert!(o.ranking.is_empty(), "no first tier while undecided");
        let t = o.elimination_tie.as_ref().expect("elimination tie");
        assert_eq!((t.round, t.among.clone()), (1, vec![B, C]));
        assert_eq!(o.rounds.len(), 1);
        assert_eq!(o.rounds[0].counts, vec![(A, 6), (B, 4), (C, 4), (D, 5)]);
        assert!(o.rounds[0].eliminated.is_empty());
        assert!(
            o.notes
                .iter()
                .any(|s| s.contains("the jury decides whom to eliminate")),
            "{:?}",
            o.notes
        );
        assert!(!o.rested_on_tie);
    }
}

// Borda among {B, C} (m = 2: 1 point for the one ranked higher, ½ each when neither is ranked):
// A×6 rank neither → B 3, C 3; B>D ×4 → B +4; C>B ×4 → C +4; D>C ×5 → C +5 (C ranked, B not).
// B 7, C 12: B has the fewest and is eliminated; then as "B first" above, D wins in round 3.
#[test]
fn finding_one_with_borda_eliminates_b_and_d_wins() {
    let (n, b) = finding_one();
    let o = irv(&n, &b, &[TieBreak::Borda], None);
    assert_eq!(o.winners, vec![D]);
    assert!(!o.tie && o.rested_on_tie);
    assert_eq!(o.rounds[0].eliminated, vec![B]);
    assert_eq!(o.rounds[1].counts, vec![(A, 6), (C, 4), (D, 9)]);
    assert_eq!(o.rounds[2].counts, vec![(A, 6), (D, 9)]);
    assert_eq!((o.rounds[2].active, o.rounds[2].exhausted), (15, 4));
    let step = &o.tie_breaks_applied[0];
    assert_eq!(step.elimination, Some(1));
    assert_eq!(
        (step.among.clone(), step.result.clone()),
        (vec![B, C], vec![B])
    );
    assert!(step.detail.contains("C 12, B 7"), "{}", step.detail);
    assert!(
        o.notes
            .iter()
            .any(|s| s.contains("rests on a tie-break: borda decided to eliminate B in round 1"))
    );
    // B's four ballots all went to D.
    let tr = &o.rounds[0].transfers;
    assert_eq!(tr.len(), 1);
    assert_eq!(
        (tr[0].from, tr[0].to.clone(), tr[0].exhausted),
        (B, vec![(D, 4)], 0)
    );
    // C's four exhaust in round 2 (B already out).
    assert_eq!(o.rounds[1].transfers[0].exhausted, 4);
}

// The president's casting vote keeps their choice in: with C kept, B is eliminated and D wins (as above);
// with B kept, C goes and B wins.
#[test]
fn finding_one_casting_vote_spares_the_presidents_choice() {
    let (n, b) = finding_one();
    let o = irv(&n, &b, &[TieBreak::CastingVote], Some(C));
    assert_eq!(o.winners, vec![D]);
    let o = irv(&n, &b, &[TieBreak::CastingVote], Some(B));
    assert_eq!(o.winners, vec![B]);
    assert_eq!(o.rounds[0].eliminated, vec![C]);
    assert_eq!(o.rounds[1].counts, vec![(A, 6), (B, 8), (D, 5)]);
    // Not among the tied: the tie stands.
    let o = irv(&n, &b, &[TieBreak::CastingVote], Some(A));
    assert!(o.elimination_tie.is_some() && o.winners.is_empty());
}

// A draw eliminates the last of the drawn order, reproducibly.
#[test]
fn finding_one_draw_eliminates_the_last_drawn() {
    let (n, b) = finding_one();
    for seed in 0..8 {
        let order = super::super::draw_order(seed, &[B, C]);
        let o = irv(&n, &b, &[TieBreak::Draw { seed }], None);
        let out = order[1];
        assert_eq!(o.rounds[0].eliminated, vec![out], "seed {seed}");
        assert_eq!(o.winners, vec![if out == B { D } else { B }], "seed {seed}");
        assert!(o.rested_on_tie);
    }
}

// Finding 2 by hand. Round 1: A 3, B 3, C 2, D 1 of 9 (5 needed): D alone has the fewest and goes;
// D>C>A → C. Round 2: A 3, B 3, C 3: everyone left is tied (three of them), an elimination tie.
// Count-back: round 1 had A 3, B 3, C 2, so C (fewest there) is eliminated; C>A ×2 and D>C>A ×1 go to
// A. Round 3: A 6, B 3 of 9 (5 needed): A is elected.
#[test]
fn finding_two_count_back_decides_the_elimination_and_the_count_goes_on() {
    let (n, b) = finding_two();
    let o = irv(&n, &b, &[TieBreak::CountBack], None);
    assert_eq!(o.winners, vec![A]);
    assert!(!o.tie, "the result is no tie for first");
    assert!(o.rested_on_tie, "but it rests on count-back");
    assert_eq!(o.rounds.len(), 3);
    assert_eq!(o.rounds[0].eliminated, vec![D]);
    assert_eq!(o.rounds[1].counts, vec![(A, 3), (B, 3), (C, 3)]);
    assert_eq!(o.rounds[1].eliminated, vec![C]);
    assert_eq!(o.rounds[2].counts, vec![(A, 6), (B, 3)]);
    assert_eq!(o.rounds[1].transfers[0].to, vec![(A, 3)]);
    let step = &o.tie_breaks_applied[0];
    assert_eq!(step.elimination, Some(2));
    assert!(
        step.detail.contains("round 1: A 3, B 3, C 2"),
        "{}",
        step.detail
    );
    assert_eq!(o.ranking, vec![vec![A], vec![B], vec![C], vec![D]]);
}

// With `none`, round 2's three-way tie is reported: eliminating A leaves B 3, C 3; eliminating B
// leaves A 3, C 3; eliminating C elects A: any of the three can win.
#[test]
fn finding_two_with_none_is_a_reported_elimination_tie() {
    let (n, b) = finding_two();
    let o = irv(&n, &b, &[], None);
    assert!(o.tie && o.winners.is_empty());
    let t = o.elimination_tie.expect("tie");
    assert_eq!((t.round, t.among), (2, vec![A, B, C]));
}

// Tied for fewest but safe: A 5, B 4, C 1, D 1 (11 ballots). C and D have 2 together, fewer than B's
// 4, so either order ends with both out: they go together, no tie is reported.
#[test]
fn a_tie_for_fewest_whose_votes_together_are_fewer_than_the_next_goes_out_together() {
    let n = labels(&["A", "B", "C", "D"]);
    let mut b = Vec::new();
    many(&mut b, 5, &[A]);
    many(&mut b, 4, &[B]);
    many(&mut b, 1, &[C, B]);
    many(&mut b, 1, &[D, B]);
    let o = irv(&n, &b, &[], None);
    assert_eq!(o.rounds[0].eliminated, vec![C, D]);
    assert!(!o.tie && !o.rested_on_tie);
    // Round 2: A 5, B 6 of 11: B.
    assert_eq!(o.winners, vec![B]);
    assert!(
        o.rounds[0].note.contains("eliminated together"),
        "{}",
        o.rounds[0].note
    );
    let from: Vec<_> = o.rounds[0]
        .transfers
        .iter()
        .map(|t| (t.from, t.to.clone()))
        .collect();
    assert_eq!(from, vec![(C, vec![(B, 1)]), (D, vec![(B, 1)])]);
}

// Two left, tied: a tie for first (not an elimination), settled by the chain or reported.
#[test]
fn two_left_tied_is_a_tie_for_first() {
    let n = labels(&["A", "B"]);
    let mut b = Vec::new();
    many(&mut b, 2, &[A, B]);
    many(&mut b, 2, &[B, A]);
    let o = irv(&n, &b, &[], None);
    assert_eq!(o.winners, vec![A, B]);
    assert!(o.tie && o.elimination_tie.is_none());
}

//! Complete and provisional counts (docs/counting.md#provisional-counts) and what an award may be
//! recorded from (docs/counting.md#deciding-an-award), through the desk's own functions: for random
//! orders of ballot entry, no award ever follows from a provisional count or an incomplete round
//! (issue 12 finding 1); the command-line face is tested in `provisional_cli.rs`.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

use jurydesk::desk::{
    AwardChoice, BallotEntry, CategoryInput, Desk, DeskError, EditionInput, FestivalInput,
    FilmInput, JurorInput, SubmissionInput,
};
use jurydesk::domain::{CategoryKind, JurorRole, Method};
use proptest::prelude::*;

const E: &str = "pt-1";
const FILMS: [&str; 3] = ["Alpha", "Beta", "Gamma"];

/// An edition with three films, one category counted by `method`, and a jury of `members` members
/// led by a president (juror names `J0` (the president), `J1`, …).
fn desk_with(method: Method, members: usize) -> (tempfile::TempDir, Desk) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let desk = Desk::open(&dir.path().join("store")).expect("open");
    desk.add_festival(&FestivalInput {
        code: "pt".into(),
        name: "Property Test".into(),
        ..FestivalInput::default()
    })
    .expect("festival");
    desk.add_edition(&EditionInput {
        festival: "pt".into(),
        number: 1,
        year: 2025,
        ..EditionInput::default()
    })
    .expect("edition");
    for title in FILMS {
        desk.add_submission(&SubmissionInput {
            edition: E.into(),
            film: FilmInput {
                title: title.into(),
                ..FilmInput::default()
            },
            ..SubmissionInput::default()
        })
        .expect("submission");
    }
    desk.add_category(&CategoryInput {
        edition: E.into(),
        name: "Prize".into(),
        prize: String::new(),
        kind: CategoryKind::Film,
        method,
        tie_breaks: Vec::new(),
        ex_aequo_allowed: false,
        mandatory: false,
        precedence: None,
    })
    .expect("category");
    for title in FILMS {
        desk.nominate(E, "Prize", title, None).expect("nominate");
    }
    for j in 0..=members {
        desk.add_juror(&JurorInput {
            edition: E.into(),
            name: format!("J{j}"),
            original_name: String::new(),
            role: if j == 0 {
                JurorRole::President
            } else {
                JurorRole::Member
            },
            notes: String::new(),
        })
        .expect("juror");
    }
    (dir, desk)
}

fn vote(desk: &Desk, juror: usize, round: u32, nominee: usize) -> Result<(), DeskError> {
    desk.set_ballot(
        E,
        "Prize",
        &format!("J{juror}"),
        &BallotEntry::Rounds(vec![(round, (nominee + 1).to_string())]),
    )
    .map(|_| ())
}

/// The winner of complete rounds by the rule of `majority-rounds:2` (absolute majority of the votes
/// cast in rounds 1 and 2, the most votes after; without a chain a tie settles nothing and the next
/// round breaks it).
fn model_winner(rounds: &[Vec<usize>], jury: usize) -> Option<(u32, usize)> {
    for (i, votes) in rounds.iter().enumerate() {
        let number = i as u32 + 1;
        let mut counts = [0usize; 3];
        for &v in votes {
            counts[v] += 1;
        }
        let best = *counts.iter().max()?;
        let top: Vec<usize> = (0..3).filter(|&c| counts[c] == best).collect();
        if number <= 2 {
            if 2 * best > jury {
                return Some((number, top[0]));
            }
        } else if top.len() == 1 {
            return Some((number, top[0]));
        }
        // A tie in a relative round stands; the next round breaks it.
    }
    None
}

fn award_from_count(desk: &Desk) -> Result<usize, DeskError> {
    let award = desk.record_award(E, "Prize", &AwardChoice::FromCount)?;
    let edition = desk.edition(E).expect("edition");
    let category = desk.category(&edition, "Prize").expect("category");
    let nominees = desk.nominees(&category).expect("nominees");
    Ok(nominees
        .iter()
        .position(|n| award.winners == [n.nomination.id])
        .expect("one winner among the nominees"))
}

fn count(desk: &Desk) -> jurydesk::desk::CategoryCount {
    let edition = desk.edition(E).expect("edition");
    let category = desk.category(&edition, "Prize").expect("category");
    desk.count_category(&edition, &category, None, None)
        .expect("count")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Jurors vote round by round in a random order; after every vote an award from the count is
    /// tried: it succeeds only once the round is complete and decides, and then it names the winner
    /// of the complete rounds. A vote in the next round while this one is incomplete, or after the
    /// deciding round, is refused.
    #[test]
    fn no_award_from_an_incomplete_round(
        members in 2usize..5,
        votes in prop::collection::vec(prop::collection::vec(0usize..3, 5), 4),
        orders in prop::collection::vec(Just((0..5usize).collect::<Vec<_>>()).prop_shuffle(), 4),
    ) {
        let jury = members + 1;
        let (_dir, desk) = desk_with(Method::MajorityRounds { absolute_rounds: 2 }, members);
        let mut complete: Vec<Vec<usize>> = Vec::new();
        for (r, round_votes) in votes.iter().enumerate() {
            let round = r as u32 + 1;
            let order: Vec<usize> = orders[r].iter().copied().filter(|&j| j < jury).collect();
            for (k, &juror) in order.iter().enumerate() {
                vote(&desk, juror, round, round_votes[juror]).expect("a vote in the jury's round");
                let done = k + 1 == jury;
                if !done {
                    // The next round is not open while this one is incomplete.
                    prop_assert!(vote(&desk, juror, round + 1, 0).is_err());
                    prop_assert!(count(&desk).provisional);
                }
                let mut rounds = complete.clone();
                if done {
                    rounds.push(order.iter().map(|&j| round_votes[j]).collect());
                }
                let expected = model_winner(&rounds, jury);
                let awarded = award_from_count(&desk);
                match expected {
                    Some((_, winner)) if done => prop_assert_eq!(awarded.ok(), Some(winner)),
                    _ => prop_assert!(awarded.is_err(), "awarded from round {round}, vote {}", k + 1),
                }
                if done {
                    complete = rounds;
                }
            }
            if model_winner(&complete, jury).is_some() {
                // Decided: no later round is held.
                let refused = vote(&desk, 0, round + 1, 0);
                prop_assert!(refused.is_err());
                return Ok(());
            }
        }
    }

    /// Ranked ballots entered in a random order, with a juror declared absent at a random moment:
    /// an award from the count succeeds exactly when every eligible juror's ballot is in and the
    /// count names one winner.
    #[test]
    fn no_award_from_a_provisional_count(
        members in 2usize..5,
        firsts in prop::collection::vec(0usize..3, 5),
        order in Just((0..5usize).collect::<Vec<_>>()).prop_shuffle(),
        absent in prop::option::of((1usize..5, 0usize..5)),
    ) {
        let jury = members + 1;
        let (_dir, desk) = desk_with(Method::Plurality, members);
        let order: Vec<usize> = order.into_iter().filter(|&j| j < jury).collect();
        let absent = absent.filter(|&(j, _)| j < jury);
        let mut entered: Vec<usize> = Vec::new();
        let mut away = None;
        for (k, &juror) in order.iter().enumerate() {
            if let Some((who, when)) = absent && when == k {
                desk.declare_absent(E, &format!("J{who}"), "ill").expect("absent");
                away = Some(who);
            }
            let ranking: Vec<String> = std::iter::once(firsts[juror])
                .chain((0..3).filter(|&c| c != firsts[juror]))
                .map(|c| (c + 1).to_string())
                .collect();
            desk.set_ballot(E, "Prize", &format!("J{juror}"), &BallotEntry::Ranked(ranking))
                .expect("ballot");
            entered.push(juror);
            let voters: Vec<usize> = (0..jury).filter(|&j| Some(j) != away).collect();
            let complete = voters.iter().all(|j| entered.contains(j));
            let c = count(&desk);
            prop_assert_eq!(c.provisional, !complete);
            let mut counts = [0usize; 3];
            for j in voters.iter().filter(|j| entered.contains(j)) {
                counts[firsts[*j]] += 1;
            }
            let best = *counts.iter().max().unwrap_or(&0);
            let top: Vec<usize> = (0..3).filter(|&c| counts[c] == best).collect();
            let awarded = award_from_count(&desk);
            if complete && top.len() == 1 {
                prop_assert_eq!(awarded.ok(), Some(top[0]));
                // Recorded: the award freezes the category's ballots
                // (docs/counting.md#deciding-an-award), the absent juror's too, until it is
                // withdrawn.
                let late = desk.set_ballot(
                    E,
                    "Prize",
                    "J0",
                    &BallotEntry::Ranked(vec!["1".to_string()]),
                );
                prop_assert!(late.is_err(), "a ballot changed under an award");
                return Ok(());
            } else {
                prop_assert!(awarded.is_err(), "awarded after {} of {} ballots", k + 1, jury);
            }
        }
    }
}

#[test]
fn the_open_round_is_the_round_the_jury_is_on() {
    let (_dir, desk) = desk_with(Method::MajorityRounds { absolute_rounds: 1 }, 2);
    let edition = desk.edition(E).expect("edition");
    let category = desk.category(&edition, "Prize").expect("category");
    let open = |desk: &Desk| desk.open_round(&edition, &category).expect("open round");
    assert_eq!(open(&desk), Some(1));
    vote(&desk, 0, 1, 0).expect("round 1");
    assert_eq!(
        open(&desk),
        Some(1),
        "two jurors have still to vote in round 1"
    );
    vote(&desk, 1, 1, 1).expect("round 1");
    vote(&desk, 2, 1, 2).expect("round 1");
    assert_eq!(open(&desk), Some(2), "1–1–1: no absolute majority");
    for (juror, nominee) in [(0, 0), (1, 0), (2, 1)] {
        vote(&desk, juror, 2, nominee).expect("round 2");
    }
    assert_eq!(open(&desk), None, "round 2 decided");
}

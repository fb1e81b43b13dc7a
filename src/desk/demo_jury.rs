//! The demo's jury work: the 43rd Fajr edition's categories with "North from South West" nominated in
//! 13 of them and holding its three awards, and a sample jury with ballots at the 18th Resistance
//! festival so that the tally has real work to show. Written into the demo's own change.

use chrono::Utc;

use crate::domain::{
    Award, Ballot, BallotContent, Category, CategoryKind, Decision, Edition, EditionRules, Id,
    Juror, JurorRole, Method, Nomination, Recusal, Submission, TieBreak,
};
use crate::store::{Kind, Tx};

use super::Result;

const SAMPLE_JUROR: &str = "sample juror: invented for the jurydesk demo";

/// The 13 categories of the demo's Fajr edition. The seed story says the film was nominated in 13 and
/// won best director, best actor and best cinematography; it does not list the other ten, so these are
/// representative, and only Best Director names its person (the story names no one else).
const FAJR_CATEGORIES: [(&str, bool); 13] = [
    ("Best Film", false),
    ("Best Director", true),
    ("Best Screenplay", false),
    ("Best Actor", false),
    ("Best Supporting Actor", false),
    ("Best Cinematography", false),
    ("Best Editing", false),
    ("Best Original Score", false),
    ("Best Sound", false),
    ("Best Production Design", false),
    ("Best Costume Design", false),
    ("Best Make-up", false),
    ("Best Visual Effects", false),
];

const FAJR_WINS: [&str; 3] = ["Best Director", "Best Actor", "Best Cinematography"];

/// Submissions of an edition staged in `tx`, by film title.
pub(super) struct Entered<'a> {
    pub edition: &'a Edition,
    pub by_title: Vec<(String, Submission)>,
}

impl Entered<'_> {
    fn id(&self, title: &str) -> Option<Id> {
        self.by_title
            .iter()
            .find(|(t, _)| t == title)
            .map(|(_, s)| s.id)
    }
}

fn category(
    tx: &mut Tx<'_>,
    edition: &Edition,
    name: &str,
    kind: CategoryKind,
    method: Method,
    tie_breaks: Vec<TieBreak>,
    precedence: u32,
) -> Result<Category> {
    let category = Category {
        id: tx.new_id(Kind::Category)?,
        edition_id: edition.id,
        name: name.into(),
        prize: String::new(),
        kind,
        method,
        tie_breaks,
        ex_aequo_allowed: false,
        mandatory: false,
        precedence,
    };
    tx.put(&category)?;
    Ok(category)
}

fn nominate(
    tx: &mut Tx<'_>,
    category: &Category,
    submission_id: Id,
    person: Option<&str>,
    number: u32,
) -> Result<Nomination> {
    let nomination = Nomination {
        id: tx.new_id(Kind::Nomination)?,
        category_id: category.id,
        submission_id,
        person: person.map(str::to_string),
        number,
    };
    tx.put(&nomination)?;
    Ok(nomination)
}

/// Fajr: 13 categories, the story's film nominated in each, sample films beside it, three awards.
pub(super) fn fajr(tx: &mut Tx<'_>, entered: &Entered<'_>) -> Result<()> {
    let Some(story) = entered.id("North from South West") else {
        return Ok(());
    };
    let others: Vec<Id> = [
        "Seven Winters",
        "The Mine Clearer",
        "Children of the River",
        "Bridge of Reeds",
    ]
    .iter()
    .filter_map(|t| entered.id(t))
    .collect();
    let directors = [
        "Mariam Sadr",
        "Arash Kamali",
        "Reza Tabesh",
        "Bahram Nikpour",
    ];
    for (i, (name, person)) in FAJR_CATEGORIES.iter().enumerate() {
        let kind = if *person {
            CategoryKind::Person
        } else {
            CategoryKind::Film
        };
        let category = category(
            tx,
            entered.edition,
            name,
            kind,
            Method::MajorityRounds { absolute_rounds: 2 },
            vec![TieBreak::CastingVote],
            i as u32 + 1,
        )?;
        let story_nomination = nominate(
            tx,
            &category,
            story,
            person.then_some("Hamid Zargarnejad"),
            1,
        )?;
        // Three sample films beside it, rotating so each category looks a little different.
        for k in 0..3 {
            let j = (i + k) % others.len().max(1);
            if let Some(&other) = others.get(j) {
                nominate(
                    tx,
                    &category,
                    other,
                    person.then_some(directors[j]),
                    k as u32 + 2,
                )?;
            }
        }
        if FAJR_WINS.contains(name) {
            let award = Award {
                id: tx.new_id(Kind::Award)?,
                category_id: category.id,
                winners: vec![story_nomination.id],
                decision: Decision::Manual {
                    reason: "announced by the festival (seed story)".into(),
                },
                decided_at: Utc::now(),
                note: String::new(),
            };
            tx.put(&award)?;
        }
    }
    Ok(())
}

struct SampleJuror {
    name: &'static str,
    role: JurorRole,
}

const RIFF_JURY: [SampleJuror; 7] = [
    SampleJuror {
        name: "Mina Sadeghi",
        role: JurorRole::President,
    },
    SampleJuror {
        name: "Omar Khalil",
        role: JurorRole::Member,
    },
    SampleJuror {
        name: "Sara Ahmadi",
        role: JurorRole::Member,
    },
    SampleJuror {
        name: "Yannick Morel",
        role: JurorRole::Member,
    },
    SampleJuror {
        name: "Leila Haddad",
        role: JurorRole::Member,
    },
    SampleJuror {
        name: "Javad Karimi",
        role: JurorRole::Member,
    },
    SampleJuror {
        name: "Noor Hassan",
        role: JurorRole::Observer,
    },
];

/// Resistance: a sample jury (president, members, an observer, a recusal), three categories counted
/// three ways, ballots that leave one juror missing and one category needing another round.
pub(super) fn riff(tx: &mut Tx<'_>, entered: &Entered<'_>) -> Result<()> {
    let id = |title: &str| entered.id(title);
    let (Some(salt), Some(basra), Some(letters), Some(palm), Some(drummer), Some(reel)) = (
        id("The Salt Road"),
        id("A House in Basra"),
        id("Letters from the Front Line"),
        id("The Last Date Palm"),
        id("The Drummer Boy"),
        id("🎞 Reel Memories"),
    ) else {
        return Ok(());
    };
    // Sample rules, so the demo shows the cascade: once the Grand Prize is awarded, Best Director is
    // counted without that film's director (the seed story says nothing of the festival's rules).
    let mut edition = entered.edition.clone();
    edition.rules = EditionRules {
        one_prize_per_film: true,
        combinable_categories: Vec::new(),
        max_shared_prizes: Some(1),
        top_prize_never_shared: true,
    };
    tx.put(&edition)?;
    let mut jurors = Vec::new();
    for sample in &RIFF_JURY {
        let recusals = if sample.name == "Omar Khalil" {
            vec![Recusal {
                submission_id: basra,
                reason: "sample: worked with the film's director".into(),
            }]
        } else {
            Vec::new()
        };
        let juror = Juror {
            id: tx.new_id(Kind::Juror)?,
            edition_id: entered.edition.id,
            name: sample.name.into(),
            role: sample.role,
            recusals,
            notes: SAMPLE_JUROR.into(),
            absence: None,
            cleared_conflicts: Vec::new(),
            pin: None,
            original_name: String::new(),
        };
        tx.put(&juror)?;
        jurors.push(juror);
    }
    let juror = |name: &str| {
        jurors
            .iter()
            .find(|j| j.name == name)
            .map(|j| j.id)
            .unwrap_or_default()
    };

    let grand = category(
        tx,
        entered.edition,
        "Grand Prize",
        CategoryKind::Film,
        Method::Schulze,
        vec![TieBreak::CastingVote, TieBreak::Borda],
        1,
    )?;
    let mut g = Vec::new();
    for (n, s) in [salt, basra, letters, palm].into_iter().enumerate() {
        g.push(nominate(tx, &grand, s, None, n as u32 + 1)?.id);
    }
    let ranked = [
        ("Mina Sadeghi", vec![g[1], g[0], g[3], g[2]]),
        ("Omar Khalil", vec![g[0], g[2], g[3], g[1]]),
        ("Sara Ahmadi", vec![g[1], g[3], g[0], g[2]]),
        ("Yannick Morel", vec![g[0], g[1], g[2]]),
        ("Leila Haddad", vec![g[1], g[0], g[2], g[3]]),
    ];
    for (name, order) in ranked {
        ballot(tx, &grand, juror(name), BallotContent::Ranked(order))?;
    }

    let director = category(
        tx,
        entered.edition,
        "Best Director",
        CategoryKind::Person,
        Method::MajorityRounds { absolute_rounds: 2 },
        vec![TieBreak::CastingVote],
        2,
    )?;
    let d: Vec<Id> = [
        (salt, "Nasim Rahbar"),
        (basra, "Yusuf al-Amiri"),
        (letters, "Kaveh Arman"),
    ]
    .into_iter()
    .enumerate()
    .map(|(n, (s, person))| nominate(tx, &director, s, Some(person), n as u32 + 1).map(|x| x.id))
    .collect::<Result<_>>()?;
    let rounds = [
        ("Mina Sadeghi", vec![(1, d[0]), (2, d[0])]),
        ("Sara Ahmadi", vec![(1, d[1]), (2, d[1])]),
        ("Yannick Morel", vec![(1, d[2]), (2, d[1])]),
        ("Leila Haddad", vec![(1, d[0]), (2, d[0])]),
    ];
    for (name, votes) in rounds {
        ballot(tx, &director, juror(name), BallotContent::Rounds(votes))?;
    }

    let short = category(
        tx,
        entered.edition,
        "Best Short Film",
        CategoryKind::Film,
        Method::ScoreTrimmed,
        vec![TieBreak::None],
        3,
    )?;
    let s1 = nominate(tx, &short, drummer, None, 1)?.id;
    let s2 = nominate(tx, &short, reel, None, 2)?.id;
    let scores = [
        ("Mina Sadeghi", 8, 7),
        ("Omar Khalil", 6, 9),
        ("Sara Ahmadi", 9, 6),
        ("Yannick Morel", 7, 7),
        ("Leila Haddad", 8, 5),
    ];
    for (name, a, b) in scores {
        ballot(
            tx,
            &short,
            juror(name),
            BallotContent::Scored(vec![(s1, a), (s2, b)]),
        )?;
    }
    Ok(())
}

fn ballot(
    tx: &mut Tx<'_>,
    category: &Category,
    juror_id: Id,
    content: BallotContent,
) -> Result<()> {
    let ballot = Ballot {
        id: tx.new_id(Kind::Ballot)?,
        category_id: category.id,
        juror_id,
        content,
        updated_at: Utc::now(),
    };
    tx.put(&ballot)?;
    Ok(())
}

//! Each rule of docs/counting.md#palmares-rules with a palmarès that breaks it and one that keeps
//! it, and the cascade.

use super::*;
use crate::domain::{CategoryKind, Method};

fn category(id: Id, name: &str) -> Category {
    Category {
        id,
        edition_id: 1,
        name: name.into(),
        prize: String::new(),
        kind: CategoryKind::Film,
        method: Method::Plurality,
        tie_breaks: Vec::new(),
        ex_aequo_allowed: false,
        mandatory: false,
        precedence: u32::try_from(id).unwrap_or(0),
    }
}

fn winner(film: Id) -> PrizeWinner {
    PrizeWinner {
        submission_id: film,
        label: format!("Film {film}"),
        film: format!("Film {film}"),
    }
}

fn prize<'a>(category: &'a Category, films: &[Id]) -> Prize<'a> {
    Prize {
        category,
        winners: films.iter().map(|&f| winner(f)).collect(),
    }
}

fn rules() -> EditionRules {
    EditionRules::default()
}

#[test]
fn a_mandatory_category_without_an_award_is_a_violation_until_it_is_awarded() {
    let mut top = category(1, "Grand Prize");
    top.mandatory = true;
    assert_eq!(
        check(&rules(), &[prize(&top, &[])]),
        vec![Violation::MandatoryMissing {
            category: "Grand Prize".into()
        }]
    );
    assert!(check(&rules(), &[prize(&top, &[7])]).is_empty());
    // A category that is not mandatory may stay empty.
    assert!(check(&rules(), &[prize(&category(2, "Jury Prize"), &[])]).is_empty());
}

#[test]
fn a_shared_prize_needs_ex_aequo_allowed_in_its_category() {
    let strict = category(2, "Best Director");
    let mut lenient = category(3, "Jury Prize");
    lenient.ex_aequo_allowed = true;
    let found = check(&rules(), &[prize(&strict, &[1, 2])]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].rule(), "shared-not-allowed");
    assert!(found[0].to_string().contains("Film 1 and Film 2"));
    assert!(check(&rules(), &[prize(&lenient, &[1, 2])]).is_empty());
}

#[test]
fn the_top_prize_is_never_shared_when_the_rules_say_so_even_if_its_category_allows_ex_aequo() {
    let mut top = category(1, "Palme d'Or");
    top.ex_aequo_allowed = true;
    let mut second = category(2, "Grand Prix");
    second.ex_aequo_allowed = true;
    let never = EditionRules {
        top_prize_never_shared: true,
        ..rules()
    };
    let found = check(&never, &[prize(&top, &[1, 2]), prize(&second, &[3])]);
    assert_eq!(
        found.iter().map(Violation::rule).collect::<Vec<_>>(),
        ["top-prize-shared"]
    );
    // Sharing the second prize is fine under the same rule.
    assert!(check(&never, &[prize(&top, &[1]), prize(&second, &[2, 3])]).is_empty());
    // Without the rule, the category's own ex-aequo setting decides.
    assert!(check(&rules(), &[prize(&top, &[1, 2])]).is_empty());
}

#[test]
fn the_edition_allows_at_most_n_shared_prizes() {
    let mut a = category(1, "A");
    let mut b = category(2, "B");
    a.ex_aequo_allowed = true;
    b.ex_aequo_allowed = true;
    let one = EditionRules {
        max_shared_prizes: Some(1),
        ..rules()
    };
    let found = check(&one, &[prize(&a, &[1, 2]), prize(&b, &[3, 4])]);
    assert_eq!(
        found,
        vec![Violation::TooManyShared {
            limit: 1,
            categories: vec!["A".into(), "B".into()]
        }]
    );
    assert!(check(&one, &[prize(&a, &[1, 2]), prize(&b, &[3])]).is_empty());
    let none = EditionRules {
        max_shared_prizes: Some(0),
        ..rules()
    };
    assert_eq!(check(&none, &[prize(&a, &[1, 2])]).len(), 1);
}

#[test]
fn one_prize_per_film_except_in_the_combinable_categories() {
    let top = category(1, "Palme d'Or");
    let director = category(2, "Best Director");
    let actor = category(3, "Best Actor");
    let one = EditionRules {
        one_prize_per_film: true,
        combinable_categories: vec![3],
        ..rules()
    };
    let found = check(&one, &[prize(&top, &[9]), prize(&director, &[9])]);
    assert_eq!(
        found,
        vec![Violation::MoreThanOnePrize {
            film: "Film 9".into(),
            categories: vec!["Palme d'Or".into(), "Best Director".into()]
        }]
    );
    assert!(check(&one, &[prize(&top, &[9]), prize(&actor, &[9])]).is_empty());
    assert!(check(&one, &[prize(&top, &[9]), prize(&director, &[8])]).is_empty());
    // Without the rule a film may take every prize.
    assert!(check(&rules(), &[prize(&top, &[9]), prize(&director, &[9])]).is_empty());
}

#[test]
fn the_cascade_passes_over_films_that_took_a_higher_prize_and_only_those() {
    let top = category(1, "Golden Prize");
    let second = category(2, "Silver Prize");
    let actor = category(3, "Best Actor");
    let third = category(4, "Bronze Prize");
    let one = EditionRules {
        one_prize_per_film: true,
        combinable_categories: vec![3],
        ..rules()
    };
    let palmares = [
        prize(&top, &[9]),
        prize(&second, &[8]),
        prize(&actor, &[7]),
        prize(&third, &[]),
    ];
    assert_eq!(passed_over(&one, &palmares, &top), vec![]);
    assert_eq!(
        passed_over(&one, &palmares, &second),
        vec![(9, "Golden Prize".to_string())]
    );
    // The combinable acting prize is counted with every film, and what it gives takes nothing away.
    assert_eq!(passed_over(&one, &palmares, &actor), vec![]);
    assert_eq!(
        passed_over(&one, &palmares, &third),
        vec![
            (9, "Golden Prize".to_string()),
            (8, "Silver Prize".to_string())
        ]
    );
    assert_eq!(passed_over(&rules(), &palmares, &third), vec![]);
}

#[test]
fn categories_sort_top_prize_first_and_equal_precedence_by_age() {
    let mut a = category(5, "A");
    let mut b = category(3, "B");
    let c = category(4, "C");
    a.precedence = 1;
    b.precedence = 1;
    let mut all = vec![c.clone(), a.clone(), b.clone()];
    sort_by_precedence(&mut all);
    assert_eq!(all.iter().map(|c| c.id).collect::<Vec<_>>(), [3, 5, 4]);
    assert!(precedes(&b, &a) && !precedes(&a, &b));
}

#[test]
fn violations_serialise_with_their_rule_name() {
    let v = Violation::MandatoryMissing {
        category: "X".into(),
    };
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["rule"], "mandatory-missing");
    assert_eq!(json["category"], "X");
}

#[test]
fn categories_sharing_a_precedence_break_a_rule_naming_them() {
    let top = category(1, "Top");
    let mut other = category(2, "Other");
    other.precedence = 1;
    let third = category(3, "Third");
    let found = check(
        &rules(),
        &[prize(&top, &[]), prize(&other, &[]), prize(&third, &[])],
    );
    assert_eq!(
        found,
        vec![Violation::DuplicatePrecedence {
            precedence: 1,
            categories: vec!["Top".into(), "Other".into()],
        }]
    );
    assert_eq!(found[0].rule(), "duplicate-precedence");
    assert!(
        found[0]
            .to_string()
            .starts_with("Top and Other share precedence 1")
    );
    assert!(duplicate_precedences(&[&top, &third]).is_empty());
}

#[test]
fn the_prizes_a_film_holds_are_named_in_precedence_order() {
    let top = category(1, "Top");
    let jury = category(2, "Jury");
    let third = category(3, "Third");
    let palmares = [
        prize(&top, &[7]),
        prize(&jury, &[8]),
        prize(&third, &[7, 8]),
    ];
    assert_eq!(prizes_held(&palmares, 7), ["Top", "Third"]);
    assert!(prizes_held(&palmares, 9).is_empty());
}

#[test]
fn each_incomplete_item_has_a_stable_name_and_says_what_to_do() {
    let emptied = Incomplete::CategoryEmptied {
        category: "Second".into(),
        films: vec![HeldPrizes {
            film: "Alpha".into(),
            prizes: vec!["Top".into(), "Second".into()],
        }],
    };
    assert_eq!(emptied.item(), "category-emptied");
    assert_eq!(
        emptied.to_string(),
        "Second has no nominee left to count: Alpha holds Top and Second (one prize per film); change an award, or make Second combinable"
    );
    let json = serde_json::to_value(&emptied).expect("serialisable");
    assert_eq!(json["item"], "category-emptied");
    assert_eq!(json["films"][0]["prizes"][1], "Second");
    let missing = Incomplete::BallotsMissing {
        category: "Top".into(),
        jurors: vec!["Ann".into(), "Bo".into()],
    };
    assert_eq!(missing.to_string(), "Top: 2 ballot(s) missing (Ann, Bo)");
    let withdrawn = Incomplete::WinnerIneligible {
        category: "Top".into(),
        winner: "Alpha".into(),
        status: "withdrawn".into(),
    };
    assert!(withdrawn.to_string().contains("now withdrawn"));
    assert_eq!(
        serde_json::to_value(&withdrawn).expect("serialisable")["item"],
        "winner-ineligible"
    );
}

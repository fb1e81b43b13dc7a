//! The tally budget of BENCHMARKS.md#budgets: 50 nominees and 10,000 ballots counted in ≤ 50 ms by
//! any method (release build). Ranked methods get complete random rankings (the most work for Schulze's
//! matrix and Borda), score methods a random score from each juror for each nominee, majority-rounds
//! three rounds.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jurydesk::tally::{self, Ballot, Content, Count, Method, TieBreak};

const NOMINEES: usize = 50;
const BALLOTS: usize = 10_000;

/// splitmix64, so every run measures the same ballots.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn ranked(rng: &mut Rng) -> Vec<Ballot> {
    (0..BALLOTS)
        .map(|i| {
            let mut order: Vec<usize> = (0..NOMINEES).collect();
            for k in (1..NOMINEES).rev() {
                order.swap(k, rng.below(k + 1));
            }
            Ballot {
                voter: format!("juror {i}"),
                content: Content::Ranked(order),
            }
        })
        .collect()
}

fn scored(rng: &mut Rng) -> Vec<Ballot> {
    (0..BALLOTS)
        .map(|i| Ballot {
            voter: format!("juror {i}"),
            content: Content::Scored((0..NOMINEES).map(|c| (c, rng.below(11) as u8)).collect()),
        })
        .collect()
}

fn rounds(rng: &mut Rng) -> Vec<Ballot> {
    (0..BALLOTS)
        .map(|i| Ballot {
            voter: format!("juror {i}"),
            content: Content::Rounds((1..=3).map(|r| (r, rng.below(NOMINEES))).collect()),
        })
        .collect()
}

fn tally(c: &mut Criterion) {
    let nominees: Vec<String> = (0..NOMINEES).map(|i| format!("Film {i}")).collect();
    let mut rng = Rng(2025);
    let ranked = ranked(&mut rng);
    let scored = scored(&mut rng);
    let rounds = rounds(&mut rng);
    let chain = [TieBreak::Borda, TieBreak::Draw { seed: 1 }];
    let cases: [(&str, Method, &[Ballot]); 8] = [
        ("plurality", Method::Plurality, &ranked),
        (
            "majority-rounds",
            Method::MajorityRounds { absolute_rounds: 2 },
            &rounds,
        ),
        ("borda", Method::Borda, &ranked),
        ("irv", Method::Irv, &ranked),
        ("schulze", Method::Schulze, &ranked),
        ("score-mean", Method::ScoreMean, &scored),
        ("score-trimmed", Method::ScoreTrimmed, &scored),
        ("score-z", Method::ScoreZ, &scored),
    ];
    let mut group = c.benchmark_group("tally 50 nominees x 10000 ballots");
    group.sample_size(20);
    for (name, method, ballots) in cases {
        let input = Count {
            nominees: &nominees,
            ballots,
            excluded: &[],
            tie_breaks: &chain,
            casting_vote: None,
            electorate: None,
            void_votes: &[],
        };
        group.bench_function(name, |b| {
            b.iter(|| tally::count(black_box(method), black_box(&input)).expect("count"))
        });
    }
    group.finish();
}

criterion_group!(benches, tally);
criterion_main!(benches);

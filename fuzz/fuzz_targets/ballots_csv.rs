//! Fuzz target `ballots_csv`: see `jurydesk_fuzz::ballots_csv` for what it feeds and what it checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| jurydesk_fuzz::ballots_csv(data));

//! Fuzz target `award_history`: see `jurydesk_fuzz::award_history` for what it feeds and what it checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| jurydesk_fuzz::award_history(data));

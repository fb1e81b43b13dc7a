//! Fuzz target `ballot_text`: see `jurydesk_fuzz::ballot_text` for what it feeds and what it checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| jurydesk_fuzz::ballot_text(data));

//! Fuzz target `codec`: see `jurydesk_fuzz::codec` for what it feeds and what it checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| jurydesk_fuzz::codec(data));

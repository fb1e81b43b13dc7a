//! Fuzz target `spreadsheet`: see `jurydesk_fuzz::spreadsheet` for what it feeds and what it checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| jurydesk_fuzz::spreadsheet(data));

#!/usr/bin/env bash
# Runs every fuzz target in turn, one process at a time, for SECONDS each (default 600), with the
# options the recorded runs used: a 10 s timeout per input (a hang is a finding), a 64 MB cap on any
# single allocation (an absurd allocation is a finding), and the target's dictionary (fuzz/dicts/).
# Logs go to fuzz/logs/<target>.log, findings to fuzz/artifacts/<target>/.
# Usage: fuzz/run-all.sh [SECONDS] [TARGET…]
set -uo pipefail

cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    targets=(filmfreeway mapped_csv award_history ballots_csv ballot_text codec spreadsheet)
fi
fuzz/seed-corpora.sh
mkdir -p fuzz/logs

# The dictionary of each target: tokens that its parser looks for (libFuzzer takes one file).
dictionary_parts() {
    case "$1" in
        filmfreeway | mapped_csv) echo csv-common submissions ;;
        award_history) echo csv-common oscars ;;
        ballots_csv) echo csv-common ballots ;;
        ballot_text) echo ballots ;;
    esac
}

for target in "${targets[@]}"; do
    echo "== $target: ${seconds}s"
    options=(-max_total_time="$seconds" -timeout=10 -malloc_limit_mb=64 -print_final_stats=1)
    parts=$(dictionary_parts "$target")
    if [[ -n "$parts" ]]; then
        for part in $parts; do cat "fuzz/dicts/$part.dict"; done >"fuzz/logs/$target.dict"
        options+=(-dict="fuzz/logs/$target.dict")
    fi
    cargo +nightly fuzz run "$target" -- "${options[@]}" >"fuzz/logs/$target.log" 2>&1
    echo "   exit $?; $(grep -E '^(stat::number_of_executed_units|Done)' "fuzz/logs/$target.log" | tr '\n' ' ')"
    grep -E 'panicked at|ERROR: libFuzzer|Test unit written' "fuzz/logs/$target.log" | head -5
done

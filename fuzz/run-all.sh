#!/usr/bin/env bash
# Runs every fuzz target in turn, one process at a time, for SECONDS each (default 600), with the
# options the recorded runs used: a 10 s timeout per input (a hang is a finding) and a 64 MB cap on
# any single allocation (an absurd allocation is a finding). Logs go to fuzz/logs/<target>.log,
# findings to fuzz/artifacts/<target>/. Usage: fuzz/run-all.sh [SECONDS] [TARGET…]
set -uo pipefail

cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    targets=(filmfreeway mapped_csv award_history ballots_csv ballot_text codec)
fi
fuzz/seed-corpora.sh
mkdir -p fuzz/logs
for target in "${targets[@]}"; do
    echo "== $target: ${seconds}s"
    cargo +nightly fuzz run "$target" -- \
        -max_total_time="$seconds" -timeout=10 -malloc_limit_mb=64 -print_final_stats=1 \
        >"fuzz/logs/$target.log" 2>&1
    echo "   exit $?; $(grep -E '^(stat::number_of_executed_units|Done)' "fuzz/logs/$target.log" | tr '\n' ' ')"
    grep -E 'panicked at|ERROR: libFuzzer|Test unit written' "fuzz/logs/$target.log" | head -5
done

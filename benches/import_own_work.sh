#!/usr/bin/env bash
# An import's own work beside its commit, two binaries back to back (BENCHMARKS.md, "Third session
# (branch `ownwork`): import's own work").
#
#   benches/import_own_work.sh BASE NEW WORKDIR [RUNS]
#
# BASE and NEW are release jurydesk binaries (copies: a build in between would change them). The data
# is made once under WORKDIR as `benches/peers.sh` makes it: a store from `generate --submissions
# 100000 --seed 7` and its `export csv`. Each binary then, alternating, RUNS times (default 3):
# `import csv --dry-run` (read, map, check and stage every row; write nothing) into an edition created
# empty, and the real import into a new store (the `peers.sh` row). Each line gives the load average,
# wall time, CPU time (user+system: the figure that compares on a shared machine) and peak RSS. The
# outputs of the last run of each are compared with `cmp`: the report, `list submissions --format
# json` and `check` after the import. Needs GNU time.
set -euo pipefail

BASE=$(realpath "$1")
NEW=$(realpath "$2")
WORK=$(mkdir -p "$3" && realpath "$3")
RUNS=${4:-3}
STORE="$WORK/store-100k"
CSV="$WORK/gen-7-1.csv"

[ -d "$STORE" ] || "$NEW" --db "$STORE" generate --submissions 100000 --seed 7 >/dev/null
[ -f "$CSV" ] || "$NEW" --db "$STORE" export csv --edition gen-7-1 --out "$CSV" >/dev/null

# A new store with an edition created empty, as `peers.sh` makes it.
fresh() {
    rm -rf "$2"
    "$1" --db "$2" festival add --code imp --name Import >/dev/null
    "$1" --db "$2" edition add --festival imp --number 1 --year 2025 >/dev/null
}

timed() {
    local label=$1
    shift
    local load
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    /usr/bin/time -f "%e s wall %U+%S cpu %M KB" -o "$WORK/time" "$@" >"$WORK/out" 2>/dev/null
    echo "load $load | $label $(cat "$WORK/time")"
}

fresh "$BASE" "$WORK/dry"
for _ in $(seq "$RUNS"); do
    for bin in "$BASE" "$NEW"; do
        timed "$(basename "$bin") dry run" "$bin" --db "$WORK/dry" import csv "$CSV" --edition imp-1 --dry-run
        cp "$WORK/out" "$WORK/dry-$(basename "$bin").report"
    done
done
for _ in $(seq "$RUNS"); do
    for bin in "$BASE" "$NEW"; do
        name=$(basename "$bin")
        fresh "$bin" "$WORK/new-$name"
        timed "$name import" "$bin" --db "$WORK/new-$name" import csv "$CSV" --edition imp-1
        cp "$WORK/out" "$WORK/import-$name.report"
        "$bin" --db "$WORK/new-$name" list submissions --edition imp-1 --format json >"$WORK/list-$name.json"
        "$bin" --db "$WORK/new-$name" check >"$WORK/check-$name.txt" 2>&1 || true
    done
done
b=$(basename "$BASE")
n=$(basename "$NEW")
for what in "dry-%s.report" "import-%s.report" "list-%s.json" "check-%s.txt"; do
    # shellcheck disable=SC2059
    if cmp -s "$WORK/$(printf "$what" "$b")" "$WORK/$(printf "$what" "$n")"; then
        echo "same: $(printf "$what" '*')"
    else
        echo "DIFFERENT: $(printf "$what" '*')"
    fi
done

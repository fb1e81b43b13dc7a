#!/usr/bin/env bash
# `export backup` / `import backup` at scale (BENCHMARKS.md#budgets: <= 200 / 300 MB resident at
# 100k; issue 17, issue 13 item 8), whole process, measured with `/usr/bin/time -v` (`apt-get
# install time`).
#
#   benches/backups.sh BINARY WORKDIR [SUBMISSIONS]
#
# Makes (once) a store of SUBMISSIONS (default 100000) with `generate --seed 7`, then, each under a
# virtual-memory limit of LIMIT_KB (default 800000, `ulimit -v`, the limit the 1.7 GB export used to
# abort under):
#   - `export backup --out` of it,
#   - `import backup` of that file into a new store,
#   - `export backup` of the restored store, which must be the same file byte for byte.
# Prints one line per command (wall time and peak resident size) and exits non-zero when a command
# fails, a budget is exceeded (EXPORT_MB, default 200; IMPORT_MB, default 300) or the round trip
# differs. Everything is written under WORKDIR; nothing else is touched. Too slow for `cargo test`
# (a minute or two in a release build), so it is a script: run it by hand or in CI's bench step.
set -euo pipefail

BIN=$(realpath "$1")
WORK=$2
SUBMISSIONS=${3:-100000}
LIMIT_KB=${LIMIT_KB:-800000}
EXPORT_MB=${EXPORT_MB:-200}
IMPORT_MB=${IMPORT_MB:-300}
STORE="$WORK/store-$SUBMISSIONS"
mkdir -p "$WORK"

if [ ! -d "$STORE" ]; then
    "$BIN" --db "$STORE" generate --submissions "$SUBMISSIONS" --seed 7 >/dev/null
fi

failed=0
measure() { # measure LABEL BUDGET_MB COMMAND...: one run under the memory limit and /usr/bin/time -v
    local label=$1 budget=$2
    shift 2
    if ! (ulimit -v "$LIMIT_KB" && /usr/bin/time -v "$@" >/dev/null 2>"$WORK/time.txt"); then
        echo "$label: FAILED under ulimit -v $LIMIT_KB"
        cat "$WORK/time.txt"
        failed=1
        return
    fi
    local kb wall
    kb=$(grep 'Maximum resident' "$WORK/time.txt" | awk '{print $NF}')
    wall=$(grep 'Elapsed (wall' "$WORK/time.txt" | awk '{print $NF}')
    local verdict="within $budget MB"
    if [ "$kb" -gt $((budget * 1024)) ]; then
        verdict="OVER the $budget MB budget"
        failed=1
    fi
    printf '%-40s %8s wall %7d MB peak resident  %s\n' "$label" "$wall" $((kb / 1024)) "$verdict"
}

rm -rf "$WORK/restored" "$WORK/backup.json" "$WORK/again.json"
measure "export backup ($SUBMISSIONS)" "$EXPORT_MB" \
    "$BIN" --db "$STORE" export backup --out "$WORK/backup.json"
measure "import backup ($SUBMISSIONS)" "$IMPORT_MB" \
    "$BIN" --db "$WORK/restored" import backup "$WORK/backup.json"
measure "export backup of the restored store" "$EXPORT_MB" \
    "$BIN" --db "$WORK/restored" export backup --out "$WORK/again.json"
if [ -f "$WORK/backup.json" ] && [ -f "$WORK/again.json" ] && cmp -s "$WORK/backup.json" "$WORK/again.json"; then
    echo "round trip: byte-identical ($(stat -c %s "$WORK/backup.json") bytes)"
else
    echo "round trip: the files DIFFER or are missing"
    failed=1
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$failed"

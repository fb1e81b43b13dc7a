#!/usr/bin/env bash
# Whole-process timings for the budgets (BENCHMARKS.md#budgets): the real binary, start to exit,
# repeated.
#
#   benches/whole_process.sh BINARY WORKDIR [SUBMISSIONS] [EDITIONS]
#
# Makes (once) a store of SUBMISSIONS (default 100000) in EDITIONS (default 1) with `generate`, then
# measures with hyperfine (`apt-get install hyperfine`; median, and the slowest of the runs) and
# `/usr/bin/time -v` (peak resident memory):
#   - generate                       (made once; its time and memory are printed)
#   - open: `list editions`          (open the store, read every edition with its count)
#   - `list submissions --query`     (BENCHMARKS.md#budgets: <= 0.5 s for the whole process at 100k)
#   - `export csv` of the largest edition, then `import csv` of it into a new edition of a new store
#   - `import oscars` of tests/fixtures/the_oscar_award.csv into a new store
#   - the desk: resident memory while browsing and searching (BENCHMARKS.md#budgets: <= 200 MB at
#     100k), in tmux
# Everything is written under WORKDIR; nothing else is touched. RUNS (default 10) sets the hyperfine
# runs, IMPORT_RUNS (default 3) the imports.
set -euo pipefail

BIN=$(realpath "$1")
WORK=$2
SUBMISSIONS=${3:-100000}
EDITIONS=${4:-1}
RUNS=${RUNS:-10}
HERE=$(cd "$(dirname "$0")" && pwd)
FIXTURE="$HERE/../tests/fixtures/the_oscar_award.csv"
STORE="$WORK/store-$SUBMISSIONS-$EDITIONS"
mkdir -p "$WORK"

peak() { # peak() LABEL COMMAND...: one run under /usr/bin/time -v
    local label=$1
    shift
    /usr/bin/time -v "$@" >/dev/null 2>"$WORK/time.txt" || { cat "$WORK/time.txt"; return 1; }
    printf '%-44s %s s wall, %s s user, %s s sys, %s KB peak\n' "$label" \
        "$(grep 'Elapsed (wall' "$WORK/time.txt" | awk '{print $NF}')" \
        "$(grep 'User time' "$WORK/time.txt" | awk '{print $NF}')" \
        "$(grep 'System time' "$WORK/time.txt" | awk '{print $NF}')" \
        "$(grep 'Maximum resident' "$WORK/time.txt" | awk '{print $NF}')"
}

timing() { # timing() LABEL COMMAND: hyperfine's median and slowest of $RUNS runs
    local label=$1 command=$2
    hyperfine --warmup 1 --runs "$RUNS" --export-json "$WORK/hf.json" "$command" >/dev/null 2>&1
    python3 - "$label" "$WORK/hf.json" <<'EOF'
import json, statistics, sys
r = json.load(open(sys.argv[2]))["results"][0]
times = sorted(r["times"])
print(f"{sys.argv[1]:<44} median {statistics.median(times):.3f} s, max {times[-1]:.3f} s, "
      f"min {times[0]:.3f} s (n={len(times)}; user {r['user']:.3f} s, sys {r['system']:.3f} s mean)")
EOF
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ ! -d "$STORE" ]; then
    peak "generate $SUBMISSIONS in $EDITIONS edition(s)" \
        "$BIN" --db "$STORE" generate --submissions "$SUBMISSIONS" --editions "$EDITIONS" --seed 7
fi
EDITION=$("$BIN" --db "$STORE" list editions --format json |
    python3 -c 'import json,sys; print(max(json.load(sys.stdin), key=lambda e: e["submissions"])["code"])')

timing "open: list editions" "$BIN --db $STORE list editions"
peak "open: list editions" "$BIN" --db "$STORE" list editions
for query in nightx night 'director:kaveh country:iran'; do
    timing "list submissions --query '$query' (json)" \
        "$BIN --db $STORE list submissions --edition $EDITION --query '$query' --format json"
done
peak "list submissions --query nightx (json)" \
    "$BIN" --db "$STORE" list submissions --edition "$EDITION" --query nightx --format json

CSV="$WORK/$EDITION.csv"
peak "export csv of $EDITION" "$BIN" --db "$STORE" export csv --edition "$EDITION" --out "$CSV"
for run in $(seq 1 "${IMPORT_RUNS:-3}"); do
    rm -rf "$WORK/import"
    "$BIN" --db "$WORK/import" festival add --code imp --name Import >/dev/null 2>&1
    "$BIN" --db "$WORK/import" edition add --festival imp --number 1 --year 2025 >/dev/null 2>&1
    peak "import csv ($(($(wc -l <"$CSV") - 1)) rows), run $run" \
        "$BIN" --db "$WORK/import" import csv "$CSV" --edition imp-1
    rm -rf "$WORK/oscars"
    peak "import oscars (11,110 rows), run $run" "$BIN" --db "$WORK/oscars" import oscars "$FIXTURE"
done
rm -rf "$WORK/import" "$WORK/oscars"


# The same search in VisiData (`pip install visidata`), batch mode, over the same submissions as CSV:
# select the rows where any column matches, keep those, save them as CSV.
if command -v vd >/dev/null; then
    printf '%s\n' 'open-file {csv}' 'select-cols-regex {query}' 'dup-selected' 'save-sheet {out}' \
        >"$WORK/search.vdx"
    timing "visidata -b: rows matching 'night', saved" \
        "vd --overwrite=y -b -p $WORK/search.vdx csv=$CSV query=night out=$WORK/vd-night.csv"
    timing "jurydesk list submissions --query night (csv)" \
        "$BIN --db $STORE list submissions --edition $EDITION --query night --format csv"
    echo "rows found: visidata $(($(wc -l <"$WORK/vd-night.csv") - 1)), jurydesk $(($("$BIN" --db "$STORE" list submissions --edition "$EDITION" --query night --format csv | wc -l) - 1))"
fi

# The desk in a private tmux: browse (move, bottom, page), search "night", clear, quit.
tmux -L jurydesk-bench kill-session -t desk 2>/dev/null || true
tmux -L jurydesk-bench new -d -s desk -x 160 -y 45 \
    "/usr/bin/time -f '%M' -o $WORK/desk-rss.txt $BIN --db $STORE"
sleep 4
for keys in 2 j j j j j G C-d g / n i g h t Escape Escape q; do
    tmux -L jurydesk-bench send-keys -t desk "$keys"
    sleep 0.3
done
sleep 2
echo "desk: browse + search, resident memory         $(cat "$WORK/desk-rss.txt") KB peak"
tmux -L jurydesk-bench kill-session -t desk 2>/dev/null || true

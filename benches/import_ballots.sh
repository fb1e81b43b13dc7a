#!/usr/bin/env bash
# `import ballots` at scale (issue 14, finding 4: it was quadratic), the real binary start to exit.
#
#   benches/import_ballots.sh BINARY WORKDIR [ROWS...]      (default ROWS: 2000 10000)
#
# Makes (once per ROWS) a store: the demo, fajr-43's ten categories that have no award counted by
# `irv`, and ceil(ROWS/10) jurors; and a ranked ballots file of ROWS rows, one per juror and
# category (every row a ballot of its own, the shape that cost most: the old import scanned every
# earlier row and reloaded the jury for each). Then imports the file RUNS times (default 3), each
# time into a fresh copy of the store, and prints each wall time and the best. The binary's own
# timing only: copying the store is outside the timed part. Everything is written under WORKDIR.
set -euo pipefail

BIN=$(realpath "$1")
WORK=$2
shift 2
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(2000 10000)
RUNS=${RUNS:-3}
mkdir -p "$WORK"

CATEGORIES=("Best Film" "Best Screenplay" "Best Supporting Actor" "Best Editing" "Best Original Score"
  "Best Sound" "Best Production Design" "Best Costume Design" "Best Make-up" "Best Visual Effects")

for ROWS in "${SIZES[@]}"; do
  BASE="$WORK/base-$ROWS"
  FILE="$WORK/ballots-$ROWS.csv"
  JURORS=$(((ROWS + 9) / 10))
  if [ ! -d "$BASE" ]; then
    mkdir -p "$BASE"
    "$BIN" --db "$BASE/store" demo >/dev/null
    for c in "${CATEGORIES[@]}"; do
      "$BIN" --db "$BASE/store" category edit --edition fajr-43 --category "$c" --method irv >/dev/null
    done
    for j in $(seq 1 "$JURORS"); do
      "$BIN" --db "$BASE/store" juror add --edition fajr-43 --name "$(printf 'Juror %05d' "$j")" >/dev/null
    done
  fi
  if [ ! -f "$FILE" ]; then
    {
      echo "category,juror,ranking"
      row=0
      for j in $(seq 1 "$JURORS"); do
        for k in "${!CATEGORIES[@]}"; do
          [ "$row" -lt "$ROWS" ] || break 2
          # Nominees by number, rotated so that the rankings differ.
          first=$(((j + k) % 4 + 1))
          second=$(((j + k + 1) % 4 + 1))
          printf '%s,Juror %05d,%d > %d\n' "${CATEGORIES[$k]}" "$j" "$first" "$second"
          row=$((row + 1))
        done
      done
    } >"$FILE"
  fi
  best=""
  for run in $(seq 1 "$RUNS"); do
    rm -rf "$WORK/run"
    cp -r "$BASE" "$WORK/run"
    start=$(date +%s.%N)
    "$BIN" --db "$WORK/run/store" import ballots "$FILE" --edition fajr-43 >/dev/null
    end=$(date +%s.%N)
    took=$(echo "$end - $start" | bc)
    echo "rows=$ROWS run=$run wall=${took}s"
    if [ -z "$best" ] || [ "$(echo "$took < $best" | bc)" = 1 ]; then best=$took; fi
  done
  echo "rows=$ROWS best=${best}s (of $RUNS)"
done
rm -rf "$WORK/run"

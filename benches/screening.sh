#!/usr/bin/env bash
# Screening at scale (issue 15): the real binary, start to exit, on a generated edition of SUBMISSIONS
# films with SCREENERS screeners and a round of coverage 3.
#
#   benches/screening.sh BINARY WORKDIR [SUBMISSIONS] [SCREENERS]     (default 100000 40)
#
# Makes once: `generate --submissions N --seed 7`, SCREENERS screeners, and round 1 (criteria form,
# coverage 3) over all N films; then times, RUNS times (default 3) each on a fresh copy of that store
# (the copy is outside the timed part):
#   assign   `screening assign` (N × 3 assignments, written as one commit)
# and once on a store rated in full by `generate --screening-round` (N × 3 ratings):
#   board    `screening board --format json` (the whole leaderboard) and `--normalise z`
#   progress `screening progress --format json`
#   close    `screening close --top 1000` (N submissions' statuses, one commit)
set -euo pipefail

BIN=$(realpath "$1")
WORK=$2
N=${3:-100000}
S=${4:-40}
RUNS=${RUNS:-3}
mkdir -p "$WORK"
E=gen-7-1

t() { # label, command…: prints the wall time in seconds
  local label=$1
  shift
  /usr/bin/time -f "$(printf '%-28s' "$label") %e s wall, %U s user, %S s system, %M KB" "$@" >/dev/null
}

BASE="$WORK/base-$N-$S"
if [ ! -d "$BASE" ]; then
  "$BIN" --db "$BASE" generate --submissions "$N" --seed 7 >/dev/null
  for i in $(seq 1 "$S"); do
    "$BIN" --db "$BASE" screening screener add --edition $E --name "$(printf 'Screener %02d' "$i")" >/dev/null
  done
  # Every status, so that all N films are in scope (by default withdrawn, disqualified and ineligible
  # films are left out: 11 % of a generated edition).
  "$BIN" --db "$BASE" screening round add --edition $E --coverage 3 \
    --criteria "Story:1-10:2, Craft:1-10:1, Sound:1-10:1:na" \
    $(for s in received eligible ineligible shortlisted selected not-selected withdrawn disqualified; do
      echo --scope-status $s
    done) >/dev/null
fi
for run in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/run"
  cp -r "$BASE" "$WORK/run"
  t "assign (run $run)" "$BIN" --db "$WORK/run" screening assign --edition $E --round 1 --seed "$run"
done

RATED="$WORK/rated-$N-$S"
if [ ! -d "$RATED" ]; then
  t "generate + round + ratings" "$BIN" --db "$RATED" generate --submissions "$N" --seed 7 --screening-round "$S"
fi
t "board" "$BIN" --db "$RATED" screening board --edition $E --round 1 --format json
t "board --normalise z" "$BIN" --db "$RATED" screening board --edition $E --round 1 --normalise z --format json
t "progress" "$BIN" --db "$RATED" screening progress --edition $E --round 1 --format json
rm -rf "$WORK/closing"
cp -r "$RATED" "$WORK/closing"
t "close --top 1000" "$BIN" --db "$WORK/closing" screening close --edition $E --round 1 --top 1000

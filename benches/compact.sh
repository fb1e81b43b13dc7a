#!/usr/bin/env bash
# Open before and after compaction of a store upgraded in place (BENCHMARKS.md, "Compaction"; issue
# 17, review 12 finding 3; SPEC §9: open 1M <= 300 ms), whole process, with `/usr/bin/time`.
#
#   benches/compact.sh OLD_STORE UPGRADER BINARY WORKDIR [OPENS]
#
# OLD_STORE is a store written by an older schema (schema 11: `generate --submissions 1000000
# --editions 10 --seed 7` by a schema-11 jurydesk); it is copied, never touched. UPGRADER is a
# jurydesk of today's schema that upgrades without compacting (main before `compact`), BINARY the one
# measured. Under WORKDIR (emptied first), two copies of OLD_STORE, one after the other (each needs
# the store's size again, and the compaction the copy's size once more):
#   1. upgraded by UPGRADER; OPENS (default 3) timed `list editions` by BINARY (a store upgraded and not
#      compacted), the bytes sled writes in one open (`strace -f -e trace=pwrite64`, when strace is
#      there); then `BINARY compact` (time, peak RSS, the line it prints); OPENS timed opens again and
#      the bytes written in one;
#   2. opened by BINARY, which upgrades and compacts in one open (time, peak RSS, what it says), then
#      OPENS timed opens.
# Prints one line per run: seconds of wall time, peak resident KB, user and system seconds.
set -euo pipefail

OLD=$1
UPGRADER=$(realpath "$2")
BIN=$(realpath "$3")
WORK=$4
OPENS=${5:-3}
TIMED='%e s wall, %M KB peak, user %U s, sys %S s'

rm -rf "$WORK"
mkdir -p "$WORK"

timed() {
    local what=$1
    shift
    /usr/bin/time -o "$WORK/time" -f "$TIMED" "$@" >"$WORK/out" 2>"$WORK/err" || {
        echo "$what failed:" >&2
        cat "$WORK/err" >&2
        exit 1
    }
    printf '%-44s %s\n' "$what" "$(cat "$WORK/time")"
    if [ -s "$WORK/err" ]; then sed 's/^/    stderr: /' "$WORK/err"; fi
}

opens() {
    local store=$1 label=$2
    for i in $(seq "$OPENS"); do
        timed "$label open $i (list editions)" "$BIN" --db "$store" list editions
    done
    if command -v strace >/dev/null; then
        strace -f -e trace=pwrite64 -o "$WORK/strace" "$BIN" --db "$store" list editions >/dev/null
        awk -F'= ' '/pwrite64/ { bytes += $NF; n++ } END { printf "    one open writes %d bytes in %d pwrite64\n", bytes, n }' "$WORK/strace"
    fi
}

size() { du -sb "$1" | cut -f1; }

echo "== 1. upgraded by $UPGRADER, then compacted by $BIN"
cp -r "$OLD" "$WORK/s"
timed "upgrade (UPGRADER, list editions)" "$UPGRADER" --db "$WORK/s" list editions
echo "    store: $(size "$WORK/s") bytes"
opens "$WORK/s" "upgraded"
timed "compact" "$BIN" --db "$WORK/s" compact
sed 's/^/    stdout: /' "$WORK/out"
echo "    store: $(size "$WORK/s") bytes"
opens "$WORK/s" "compacted"
rm -rf "$WORK/s"

echo "== 2. upgraded and compacted by one open of $BIN"
cp -r "$OLD" "$WORK/s"
timed "upgrade + compaction (list editions)" "$BIN" --db "$WORK/s" list editions
echo "    store: $(size "$WORK/s") bytes"
opens "$WORK/s" "after"
rm -rf "$WORK/s"

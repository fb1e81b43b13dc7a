#!/usr/bin/env bash
# jurydesk beside SQLite on the same bulk work (the bulk budgets in BENCHMARKS.md#budgets, issue 17;
# BENCHMARKS.md "Beside SQLite"). One run measures both sides of every row, alternating, so they meet
# the same machine load.
#
#   benches/peers.sh BINARY WORKDIR [REPEATS]
#
# BINARY is a release jurydesk. The data: a store from `generate --submissions 100000 --seed 7` (made
# once under WORKDIR) and its `export csv` (19 MB), which both sides import. Each row runs each side
# REPEATS times (default 3) under /usr/bin/time and prints the median and range of wall time, the
# median CPU time (user + system, which other work on the machine inflates less), the largest peak
# resident size, the ratio of the medians (jurydesk / SQLite), and the load average when
# the row started. Rows:
#   import csv     `import csv` into a new edition of a new store | `.import` + 2 indexes + an FTS5 table
#   list all json  `list submissions --format json`                | `sqlite3 -json 'select * ...'`
#   query night    `list submissions --query night --format json`  | LIKE '%night%' on title, original
#                                                                      title, directors, cast, countries
#   check          `check`                                         | `pragma integrity_check`
#   export backup  `export backup`                                 | `.dump`
#   import backup  `import backup` into a new store                | `.read` of the dump into a new db
#   open           `list editions` (open the store, every edition) | `select count(*) from sqlite_master`
# With OPEN_1M=1 it also makes (once, minutes) a store of 1,000,000 submissions in 10 editions and
# times `list editions` on it. Needs `sqlite3` and GNU time (`apt-get install sqlite3 time`), python3.
set -euo pipefail

BIN=$(realpath "$1")
WORK=$(mkdir -p "$2" && realpath "$2")
REPEATS=${3:-3}
STORE="$WORK/store-100k"
CSV="$WORK/gen-7-1.csv"
SQL_DB="$WORK/peer.sqlite"

for tool in sqlite3 /usr/bin/time python3; do
    command -v "$tool" >/dev/null || { echo "peers.sh needs $tool (apt-get install sqlite3 time python3)" >&2; exit 2; }
done

load() { cut -d' ' -f1 /proc/loadavg; }

# once LABEL SETUP COMMAND...: runs SETUP (a shell string, untimed), then COMMAND under /usr/bin/time;
# appends "wall_ms peak_kb user_s system_s" to $WORK/LABEL.times.
once() {
    local label=$1 setup=$2
    shift 2
    bash -c "$setup"
    local started ended
    started=$(date +%s%N)
    /usr/bin/time -f '%M %U %S' -o "$WORK/one.time" "$@" >/dev/null 2>"$WORK/one.err" ||
        { echo "failed: $*" >&2; cat "$WORK/one.err" >&2; exit 1; }
    ended=$(date +%s%N)
    echo "$(((ended - started) / 1000000)) $(cat "$WORK/one.time")" >>"$WORK/$label.times"
}

# row NAME JD_SETUP JD_COMMAND SQL_SETUP SQL_COMMAND: both sides, alternating, REPEATS times each.
row() {
    local name=$1 jd_setup=$2 jd=$3 sql_setup=$4 sql=$5 started
    started=$(load)
    rm -f "$WORK/jd.times" "$WORK/sql.times"
    for _ in $(seq 1 "$REPEATS"); do
        once jd "$jd_setup" bash -c "$jd"
        once sql "$sql_setup" bash -c "$sql"
    done
    python3 - "$name" "$WORK/jd.times" "$WORK/sql.times" "$started" "$(load)" <<'EOF'
import statistics, sys
name, jd, sql, load0, load1 = sys.argv[1:]
def read(path):
    rows = [line.split() for line in open(path) if line.strip()]
    walls = [int(r[0]) / 1000 for r in rows]
    cpu = statistics.median(float(r[2]) + float(r[3]) for r in rows)
    return walls, max(int(r[1]) for r in rows), cpu
(jt, jk, jc), (st, sk, sc) = read(jd), read(sql)
jm, sm = statistics.median(jt), statistics.median(st)
print(f"| {name} | {jm:.3f} s ({min(jt):.3f}-{max(jt):.3f}), CPU {jc:.2f} s, {jk / 1024:.0f} MB "
      f"| {sm:.3f} s ({min(st):.3f}-{max(st):.3f}), CPU {sc:.2f} s, {sk / 1024:.1f} MB "
      f"| {jm / max(sm, 0.001):.1f}x time, {jk / max(sk, 1):.0f}x memory | {load0}-{load1} |")
EOF
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "jurydesk: $BIN ($("$BIN" --version 2>/dev/null || echo '?')); $(sqlite3 --version | cut -d' ' -f1-2 | sed 's/^/sqlite /'); repeats $REPEATS"
if [ ! -d "$STORE" ]; then
    "$BIN" --db "$STORE" generate --submissions 100000 --seed 7 >/dev/null
fi
[ -f "$CSV" ] || "$BIN" --db "$STORE" export csv --edition gen-7-1 --out "$CSV" >/dev/null

# SQLite's side of the import: the CSV as a table, the two lookups jurydesk keeps (outside id, film
# identity) as indexes, and a full-text table over the searched columns.
cat >"$WORK/import.sql" <<EOF
.import --csv $CSV submissions
CREATE INDEX by_external_id ON submissions(external_id);
CREATE INDEX by_film ON submissions(title, directors, year);
CREATE VIRTUAL TABLE search USING fts5(title, original_title, directors, "cast", countries);
INSERT INTO search(rowid, title, original_title, directors, "cast", countries)
  SELECT rowid, title, original_title, directors, "cast", countries FROM submissions;
EOF
rm -f "$SQL_DB"
sqlite3 "$SQL_DB" <"$WORK/import.sql"

echo
echo "| work at 100k | jurydesk: median (range), CPU, peak RSS | SQLite: median (range), CPU, peak RSS | ratio | load |"
echo "|---|---|---|---|---|"
row "import csv" \
    "rm -rf $WORK/imp; $BIN --db $WORK/imp festival add --code imp --name Import >/dev/null; $BIN --db $WORK/imp edition add --festival imp --number 1 --year 2025 >/dev/null" \
    "$BIN --db $WORK/imp import csv $CSV --edition imp-1" \
    "rm -f $WORK/imp.sqlite" \
    "sqlite3 $WORK/imp.sqlite < $WORK/import.sql"
row "list all, JSON" "" \
    "$BIN --db $STORE list submissions --edition gen-7-1 --format json" "" \
    "sqlite3 -json $SQL_DB 'select * from submissions'"
row "--query night, JSON" "" \
    "$BIN --db $STORE list submissions --edition gen-7-1 --query night --format json" "" \
    "sqlite3 -json $SQL_DB \"select * from submissions where title like '%night%' or original_title like '%night%' or directors like '%night%' or \\\"cast\\\" like '%night%' or countries like '%night%'\""
row "check / integrity_check" "" "$BIN --db $STORE check" "" \
    "sqlite3 $SQL_DB 'pragma integrity_check'"
row "export backup / .dump" "rm -f $WORK/backup.json" \
    "$BIN --db $STORE export backup --out $WORK/backup.json" "rm -f $WORK/dump.sql" \
    "sqlite3 $SQL_DB .dump > $WORK/dump.sql"
row "import backup / .read" "rm -rf $WORK/restored" \
    "$BIN --db $WORK/restored import backup $WORK/backup.json" "rm -f $WORK/restored.sqlite" \
    "sqlite3 $WORK/restored.sqlite '.read $WORK/dump.sql'"
row "open (list editions)" "" "$BIN --db $STORE list editions" "" \
    "sqlite3 $SQL_DB 'select count(*) from sqlite_master'"
if [ "${OPEN_1M:-0}" = 1 ]; then
    [ -d "$WORK/store-1m" ] ||
        "$BIN" --db "$WORK/store-1m" generate --submissions 1000000 --editions 10 --seed 7 >/dev/null
    row "open 1M (list editions)" "" "$BIN --db $WORK/store-1m list editions" "" \
        "sqlite3 $SQL_DB 'select count(*) from sqlite_master'"
fi
echo
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$WORK/imp" "$WORK/imp.sqlite" "$WORK/restored" "$WORK/restored.sqlite" "$WORK/one.time" "$WORK/one.err"

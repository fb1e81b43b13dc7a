#!/usr/bin/env bash
# Reading workbooks (issue 18 item 9), the real binary start to exit: wall time and peak resident
# memory (`/usr/bin/time -v`) of `import filmfreeway --dry-run` of the same FilmFreeway export as CSV,
# .xlsx, .ods and .xls, and of the hostile workbooks of tests/fixtures/sheets (each must be refused
# quickly and in little memory).
#
#   benches/sheets.sh BINARY WORKDIR [ROWS]        (default ROWS: 5000; .xls is capped at 65,535)
#
# Needs Python with openpyxl, odfpy and xlwt to write the exports (tests/fixtures/sheets/make_sheets.py
# says how to install them; PYTHON picks the interpreter, default python3). Everything is written
# under WORKDIR.
set -euo pipefail

BIN=$(realpath "$1")
WORK=$2
ROWS=${3:-5000}
PYTHON=${PYTHON:-python3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$WORK"

"$PYTHON" - "$WORK" "$ROWS" <<'EOF'
import csv, datetime as dt, os, sys
import openpyxl, xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

work, rows = sys.argv[1], int(sys.argv[2])
header = ["Submission ID", "Project Title", "Directors", "Duration", "Completion Date",
          "Submission Date", "Submission Status", "Judging Status", "Synopsis",
          "Submission Custom Field 1", "Submission Custom Answer 1"]
data = [[2_000_000.0 + i, f"Film {i}", f"Director {i % 997}, Co {i % 13}", 60.0 + i % 90,
         2000.0 + i % 25, dt.date(2024, 1, 1) + dt.timedelta(days=i % 300), "In Consideration",
         "Undecided", "A synopsis of a few words " * 8, "How did you hear about us?", "A friend"]
        for i in range(rows)]
text = lambda v: v.isoformat() if isinstance(v, dt.date) else (str(int(v)) if isinstance(v, float) else v)
with open(os.path.join(work, "ff.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(header)
    w.writerows([[text(v) for v in r] for r in data])
book = openpyxl.Workbook(write_only=True)
sheet = book.create_sheet("Submissions")
sheet.append(header)
for r in data:
    sheet.append(r)
book.save(os.path.join(work, "ff.xlsx"))
doc = OpenDocumentSpreadsheet()
table = Table(name="Submissions")
for r in [header] + data:
    tr = TableRow()
    for v in r:
        if isinstance(v, float):
            c = TableCell(valuetype="float", value=repr(v))
        elif isinstance(v, dt.date):
            c = TableCell(valuetype="date", datevalue=v.isoformat())
        else:
            c = TableCell(valuetype="string")
        c.addElement(P(text=text(v)))
        tr.addElement(c)
    table.addElement(tr)
doc.spreadsheet.addElement(table)
doc.save(os.path.join(work, "ff.ods"))
xbook = xlwt.Workbook(encoding="utf-8")
xs = xbook.add_sheet("Submissions")
date = xlwt.easyxf(num_format_str="yyyy-mm-dd")
for i, r in enumerate([header] + data[:65535]):
    for j, v in enumerate(r):
        xs.write(i, j, v, date) if isinstance(v, dt.date) else xs.write(i, j, v)
xbook.save(os.path.join(work, "ff.xls"))
EOF

STORE="$WORK/store"
rm -rf "$STORE"
"$BIN" --db "$STORE" festival add --code b --name B >/dev/null
"$BIN" --db "$STORE" edition add --festival b --number 1 --year 2025 >/dev/null

measure() { # label file
  local report="$WORK/time.txt"
  /usr/bin/time -v -o "$report" "$BIN" --db "$STORE" import filmfreeway "$2" --edition b-1 --dry-run \
    >"$WORK/out.txt" 2>&1 || true
  local wall rss
  wall=$(grep "Elapsed (wall clock)" "$report" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$report" | awk '{print $NF}')
  printf '%-28s %10s bytes  wall %s  peak RSS %d MB  %s\n' "$1" "$(stat -c %s "$2")" "$wall" \
    $((rss / 1024)) "$(head -c 90 "$WORK/out.txt" | head -1)"
}

for f in ff.csv ff.xlsx ff.ods ff.xls; do measure "$f ($ROWS rows)" "$WORK/$f"; done
for f in bomb.xlsx far_apart.xlsx repeated.ods far_apart.xls truncated.xlsx protected.xlsx; do
  measure "$f (refused)" "$ROOT/tests/fixtures/sheets/$f"
done

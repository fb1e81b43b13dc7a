#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs taken from tests/fixtures (the real CSVs, cut to a few
# dozen rows so that each run stays fast; the golden codec bytes), plus the kept regression inputs
# of tests/fixtures/fuzz/<target>/. Run from anywhere; safe to run again (files are overwritten).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
fixtures="$root/tests/fixtures"
corpus="$root/fuzz/corpus"
mkdir -p "$corpus"/{filmfreeway,mapped_csv,award_history,ballots_csv,ballot_text,codec,spreadsheet}

# The first line, then `count` lines starting at line `from`: a small sheet with the real header.
slice() { # file from count
    sed -n "1p; $2,$(($2 + $3 - 1))p" "$1"
}

# filmfreeway: the exports and every bad file.
cp "$fixtures"/filmfreeway/*.csv "$corpus/filmfreeway/"
for f in "$fixtures"/bad/*.csv; do cp "$f" "$corpus/filmfreeway/bad_$(basename "$f")"; done

# mapped_csv: an options line (separator, then tab-separated FIELD=HEADER mappings), then the sheet.
iran_map=$'|\ttitle=title_en\ttitle=title_fa\toriginal_title=title_fa\tdirectors=directors_en\texternal_id=wikidata_id'
cannes_map=$',\tdirectors=director\tcountries=countries_of_origin\truntime=run_time'
{ echo "$iran_map"; slice "$fixtures/iran_films_fa_en.csv" 2 20; } >"$corpus/mapped_csv/iran_head"
{ echo "$iran_map"; slice "$fixtures/iran_films_fa_en.csv" 800 20; } >"$corpus/mapped_csv/iran_middle"
{ echo "$cannes_map"; slice "$fixtures/cannes_competition_films.csv" 2 20; } >"$corpus/mapped_csv/cannes_head"
{ echo "$cannes_map"; slice "$fixtures/cannes_competition_films.csv" 1500 20; } >"$corpus/mapped_csv/cannes_late"
{ echo ","; cat "$fixtures/filmfreeway/export_v2.csv"; } >"$corpus/mapped_csv/filmfreeway_unmapped"
{ echo $',\ttitle=Project Title\truntime=Duration\tsubmitted=Submission Date'; cat "$fixtures/filmfreeway/export_v2.csv"; } >"$corpus/mapped_csv/filmfreeway_mapped"
for f in "$fixtures"/bad/*.csv; do { echo ","; cat "$f"; } >"$corpus/mapped_csv/bad_$(basename "$f")"; done

# award_history: the real file's start, middle and end, and the bad one.
slice "$fixtures/the_oscar_award.csv" 2 25 >"$corpus/award_history/oscars_head"
slice "$fixtures/the_oscar_award.csv" 5000 25 >"$corpus/award_history/oscars_middle"
slice "$fixtures/the_oscar_award.csv" 11086 25 >"$corpus/award_history/oscars_tail"
cp "$fixtures/bad/oscars_bad.csv" "$corpus/award_history/"

# ballots_csv: the three shapes of docs/formats.md#ballots-csv (no ballots fixture exists; these
# follow the spec).
printf 'category,juror,ranking\nBest Film,Ana,North from South West > 2 > 3\nBest Film,Bo,"Night, Again > 1"\n' >"$corpus/ballots_csv/ranked.csv"
printf '\xef\xbb\xbfcategory,juror,nominee,score\nBest Film,Ana,Film A,8\nBest Film,Ana,2,10\nBest Director,Bo,Hamid Zargarnejad (North from South West),0\n' >"$corpus/ballots_csv/scored.csv"
printf 'category,round,juror,vote\nBest Film,1,Ana,Film A\nBest Film,2,Ana,3\nBest Film,1,Bo,Film B\n' >"$corpus/ballots_csv/rounds.csv"

# ballot_text: what is typed after --rank and --score.
printf 'North from South West > 2 >3' >"$corpus/ballot_text/ranking"
printf 'A=8, B = 6, x=y=3' >"$corpus/ballot_text/scores"
printf '\xd8\xa8\xd8\xa7\xd8\xb1\xd8\xa7\xd9\x86 > 1' >"$corpus/ballot_text/persian"

# codec: each golden value behind the selector byte of its kind (Kind::ALL order).
kinds=(festival edition film submission category juror nomination ballot award)
for f in "$fixtures"/golden/*.bin; do
    name="$(basename "$f")"
    for i in "${!kinds[@]}"; do
        if [[ "$name" == "${kinds[$i]}"[.-]* ]]; then
            { printf "\\x$(printf %02x "$i")"; cat "$f"; } >"$corpus/codec/$name"
        fi
    done
done

# spreadsheet: every workbook the tests use (good and hostile), for libFuzzer to mutate.
for f in "$fixtures"/sheets/*.xlsx "$fixtures"/sheets/*.ods "$fixtures"/sheets/*.xls; do
    cp "$f" "$corpus/spreadsheet/"
done

# The kept regression inputs (findings and interesting inputs of earlier runs).
if [[ -d "$fixtures/fuzz" ]]; then
    for dir in "$fixtures"/fuzz/*/; do
        target="$(basename "$dir")"
        mkdir -p "$corpus/$target"
        cp "$dir"* "$corpus/$target/" 2>/dev/null || true
    done
fi
echo "seeded: $(find "$corpus" -type f | wc -l) files under $corpus"

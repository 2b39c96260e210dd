#!/bin/sh
# 1d-listens next to DuckDB doing the same jobs in SQL (bench/duckdb/
# listens-*.sql) on a generated 10,000,000-row log (ROWS to change the
# size), and next to wc -l reading it.  Rows go to the table run.sh prints.
set -eu
. bench/lib.sh
rows=${ROWS:-10000000}
month=2026-10
log=$PWD/bench/data/listens-$rows.csv
cc -O2 -o build/bench/gen-listens bench/gen-listens.c -lm
[ -s "$log" ] || build/bench/gen-listens "$rows" >"$log"
echo "log: $rows rows, $(du -m "$log" | cut -f1) MiB" | tee -a build/bench/sizes.txt

wc=$($m wc -l "$log")
echo "wc -l log|${wc% *}|${wc#* }|-|-|-|-" >>"$results"
s=$($m bin/1d-listens split --by user -n 8 -o bench/data/shard "$log")
rm -f bench/data/shard.*
echo "1d-listens split -n 8 (no aggregation)|${s% *}|${s#* }|-|-|$(echo "${s% *} ${wc% *}" | awk '{ printf "wc x%.2f", $1 / $2 }')|-" >>"$results"

o=build/bench
side "1d-listens --by month,track" \
    "$(sql $o/duck-by-track.csv bench/duckdb/listens-common.sql bench/duckdb/listens-by-track.sql)" \
    $o/1d-by-track.csv $o/duck-by-track.csv \
    bin/1d-listens --month $month --by month,track -o $o/1d-by-track.csv "$log"
side "1d-listens (full usage)" \
    "$(sql $o/duck-usage.csv bench/duckdb/listens-common.sql bench/duckdb/listens-usage.sql)" \
    $o/1d-usage.csv $o/duck-usage.csv \
    bin/1d-listens --month $month -o $o/1d-usage.csv "$log"

#!/bin/sh
# 1d-cct, cct and user models, on 1,000,000 titles, 100,000 holders and
# 10,000,000 usage rows (TRACKS, HOLDERS, ROWS to change them), next to
# DuckDB computing the same payout lines in SQL (bench/duckdb/cct-*.sql).
set -eu
. bench/lib.sh
tracks=${TRACKS:-1000000}
holders=${HOLDERS:-100000}
rows=${ROWS:-10000000}
month=2026-10
novelty=2023-10-31	# 2026-10-31 less novelty_months (36) of examples/policy.conf
dir=$PWD/bench/data/cct-$tracks-$holders-$rows
cc -O2 -o build/bench/gen-cct bench/gen-cct.c -lm
if [ ! -s "$dir/usage.csv" ]; then
	mkdir -p "$dir"
	build/bench/gen-cct "$dir" "$tracks" "$holders" "$rows"
fi
echo "cct inputs: $tracks titles, $holders holders, $rows usage rows ($(du -m "$dir/usage.csv" | cut -f1) MiB)" |
    tee -a build/bench/sizes.txt
o=build/bench
for model in cct user; do
	side "1d-cct --model $model" \
	    "$(sql $o/duck-cct-$model.csv bench/duckdb/cct-common.sql bench/duckdb/cct-$model.sql)" \
	    $o/1d-cct-$model.csv $o/duck-cct-$model.csv \
	    bin/1d-cct --month $month --policy examples/policy.conf --model $model \
	    --ledger "$dir/ledger.csv" --catalog "$dir/catalog.csv" -o $o/1d-cct-$model.csv "$dir/usage.csv"
done

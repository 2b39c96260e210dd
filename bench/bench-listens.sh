#!/bin/sh
# 1d-listens next to wc -l, sqlite3 and, when installed, Miller and
# DuckDB, on a generated 10,000,000-row log (ROWS to change the size).
set -eu
rows=${ROWS:-10000000}
log=bench/data/listens-$rows.csv
cc -O2 -o build/bench/gen-listens bench/gen-listens.c -lm
cc -O2 -o build/bench/measure bench/measure.c
m=build/bench/measure
[ -s "$log" ] || build/bench/gen-listens "$rows" >"$log"
echo "log: $rows rows, $(du -m "$log" | cut -f1) MiB"

printf '%-44s %9s %9s %7s\n' tool seconds MiB ratio
base=$($m wc -l "$log")
row() {	# row NAME SECONDS MIB
	printf '%-44s %9s %9s %7.2f\n' "$1" "$2" "$3" "$(echo "$2 $basetime" | awk '{ print $1 / $2 }')"
}
basetime=${base% *}
row "wc -l" $base
row "1d-listens split -n 8 (read + write)" $($m bin/1d-listens split --by user -n 8 -o bench/data/shard "$log")
rm -f bench/data/shard.*
row "1d-listens --by month,track" $($m bin/1d-listens --month 2026-10 --by month,track "$log")
row "1d-listens (full usage)" $($m bin/1d-listens --month 2026-10 "$log")
if command -v sqlite3 >/dev/null 2>&1; then
	rm -f bench/data/listens.db
	cat >bench/data/listens.sql <<X
.mode csv
.import $log listens
SELECT substr(ts,1,7), track, count(*), sum(ms_played >= 30000), sum(ms_played), count(DISTINCT user)
  FROM listens GROUP BY 1, 2;
X
	row "sqlite3 (.import + GROUP BY)" $($m sh -c "sqlite3 bench/data/listens.db <bench/data/listens.sql")
	rm -f bench/data/listens.db
fi
if command -v mlr >/dev/null 2>&1; then
	row "mlr stats1 (no distinct users)" $($m mlr --icsv --ocsv stats1 -a count,sum -f ms_played -g track "$log")
fi
if command -v duckdb >/dev/null 2>&1; then
	row "duckdb GROUP BY" $($m duckdb -c "SELECT substr(ts,1,7), track, count(*), sum((ms_played >= 30000)::int), sum(ms_played), count(DISTINCT user) FROM read_csv('$log') GROUP BY 1, 2")
fi

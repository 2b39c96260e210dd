#!/bin/sh
# 1d-catalog import of 100,000 catalogue rows (ROWS to change it) next to
# sqlite3 .import of the same rows into a bare table.
set -eu
rows=${ROWS:-100000}
csv=bench/data/catalog-$rows.csv
cc -O2 -o build/bench/measure bench/measure.c
m=build/bench/measure
[ -s "$csv" ] || awk -v n="$rows" 'BEGIN {
	print "track,isrc,upc,title,artists,release_title,label,holder,distributor,release_date,duration_ms,media,genre,territories,available_from,available_until,status,source,sha256"
	for (i = 0; i < n; i++)
		printf "FR%010d,FR%010d,36%011d,Title %d,Artist %d,Release %d,Label %d,Holder %d,Believe,20%02d-%02d-%02d,%d,audio,Pop,FR BE,,,active,bench:%d,\n",
		    i, i, i / 12, i, i % 5000, i / 12, i % 300, i % 3000, 10 + i % 16, 1 + i % 12, 1 + i % 28, 120000 + i % 200000, i / 1000
}' >"$csv"
echo "catalogue rows: $rows"
printf '%-36s %9s %9s %7s\n' tool seconds MiB ratio
rm -f bench/data/bare.db bench/data/cat.db*
base=$($m sqlite3 bench/data/bare.db ".mode csv" ".import $csv catalog")
basetime=${base% *}
row() {
	printf '%-36s %9s %9s %7.2f\n' "$1" "$2" "$3" "$(echo "$2 $basetime" | awk '{ print $1 / $2 }')"
}
row "sqlite3 .import (bare table)" $base
row "1d-catalog import (new)" $($m bin/1d-catalog -d bench/data/cat.db import --date 2026-10-01 "$csv")
row "1d-catalog import --force (unchanged)" $($m bin/1d-catalog -d bench/data/cat.db import --force --date 2026-10-02 "$csv")
row "1d-catalog export --as-of" $($m bin/1d-catalog -d bench/data/cat.db export --as-of 2026-10-31)

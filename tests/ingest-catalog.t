#!/bin/sh
# A drop through 1d-ingest and 1d-catalog: import then export as of that
# day gives the rows back; a later drop that changes a title and a
# takedown show in the history and not in the day before's export.
. "${0%/*}/lib.sh"
plan 7
cd "$T"
mkdir first later
cp "$DATA/ingest/ern43-album.xml" first/
cp "$DATA/ingest/ern43-album-v2.xml" later/

1d-ingest first >rows1.csv
run 1d-catalog -d cat.db import --date 2026-09-01 rows1.csv
check_exit 0 "the first drop imports"
run 1d-catalog -d cat.db export --as-of 2026-09-01
check_same rows1.csv out "ingest | import | export --as-of gives the rows back"

1d-ingest later >rows2.csv
check_true "the later drop changes something" sh -c '! cmp -s rows1.csv rows2.csv'
run 1d-catalog -d cat.db import --date 2026-09-20 rows2.csv
track=$(awk -F, 'NR > 1 { print $1; exit }' rows2.csv)
run 1d-catalog -d cat.db takedown --date 2026-09-25 "$track"
run 1d-catalog -d cat.db export --as-of 2026-09-19
check_same rows1.csv out "the day before the later drop: the first drop's rows"
run 1d-catalog -d cat.db export --as-of 2026-09-20
check_same rows2.csv out "the day of the later drop: its rows"
run 1d-catalog -d cat.db show "$track"
check_true "show lists the three versions of the title" test "$(wc -l <out)" -eq 4
check_out ",takedown," "the takedown is the last version"
done_testing

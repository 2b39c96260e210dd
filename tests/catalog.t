#!/bin/sh
# 1d-catalog: import with history, export as known on a day, takedowns,
# refusals, locking, holders and stats.
. "${0%/*}/lib.sh"
plan 39
top=$(cd "${0%/*}/.." && pwd)
cp "$DATA"/catalog/* "$T"
cd "$T"
H=track,isrc,upc,title,artists,release_title,label,holder,distributor,release_date,duration_ms,media,genre,territories,available_from,available_until,status,source,sha256

run 1d-catalog -d cat.db import -v --date 2026-10-01 rows.csv
check_exit 0 "first import"
check_err "1d-catalog: rows.csv: read 3: new 3, changed 0, unchanged 0, taken down 0, rejected 0"
# Sorted by track; every catalogue column, the missing ones empty; an
# empty status is active.
cat >v1 <<X
$H
T1,,,"Un, premier",,,,A Label,,2020-05-05,,audio,,Worldwide,,,active,,
T2,,,Deux,,,,B Label,,2024-01-01,,audio,,FR,,,active,,
T3,,,Trois,,,,A Label,,,,video,,FR BE,,,active,,
X
run 1d-catalog -d cat.db export
check_same v1 out "export: the catalogue as it stands"

run 1d-catalog -d cat.db import --date 2026-10-02 rows.csv
check_err "1d-catalog: rows.csv: imported before, skipped (--force to import it again)"
run 1d-catalog -d cat.db import --force --date 2026-10-02 rows.csv
check_same /dev/null "$T/err" "without -v a clean import says nothing"
run 1d-catalog -d cat.db import -v --force --date 2026-10-02 rows.csv
check_err "1d-catalog: rows.csv: read 3: new 0, changed 0, unchanged 3, taken down 0, rejected 0"

# On 2026-10-20 T1 changes holder; on 2026-10-25 T2 is taken down.
run 1d-catalog -d cat.db import -v --date 2026-10-20 later.csv
check_err "1d-catalog: later.csv: read 2: new 0, changed 1, unchanged 1, taken down 0, rejected 0"
run 1d-catalog -d cat.db takedown --date 2026-10-25 T2
check_exit 0 "takedown"
run 1d-catalog -d cat.db export --as-of 2026-10-19
check_same v1 out "--as-of the day before the change: as it was"
cat >v2 <<X
$H
T1,,,"Un, premier",,,,C Label,,2020-05-05,,audio,,Worldwide,,,active,,
T2,,,Deux,,,,B Label,,2024-01-01,,audio,,FR,,,active,,
T3,,,Trois,,,,A Label,,,,video,,FR BE,,,active,,
X
run 1d-catalog -d cat.db export --as-of 2026-10-24
check_same v2 out "--as-of the day of the change: the new holder"
cat >v3 <<X
$H
T1,,,"Un, premier",,,,C Label,,2020-05-05,,audio,,Worldwide,,,active,,
T2,,,Deux,,,,B Label,,2024-01-01,,audio,,FR,,,takedown,,
T3,,,Trois,,,,A Label,,,,video,,FR BE,,,active,,
X
run 1d-catalog -d cat.db export --as-of 2026-10-31
check_same v3 out "--as-of after the takedown"
run 1d-catalog -d cat.db export -o now.csv
check_same v3 now.csv "export -o writes the current catalogue"
cat >expected <<X
valid_from,valid_to,$H
2026-10-01,2026-10-20,T1,,,"Un, premier",,,,A Label,,2020-05-05,,audio,,Worldwide,,,active,,
2026-10-20,,T1,,,"Un, premier",,,,C Label,,2020-05-05,,audio,,Worldwide,,,active,,
X
run 1d-catalog -d cat.db show T1
check_same expected out "show: every version with the days it was known"
run 1d-catalog -d cat.db export --status active --holder "A Label"
printf '%s\nT3,,,Trois,,,,A Label,,,,video,,FR BE,,,active,,\n' "$H" >expected
check_same expected out "--holder and --status filter"
run 1d-catalog -d cat.db takedown --date 2026-10-26 T9
check_exit 1 "an unknown title cannot be taken down"
check_err "1d-catalog: T9: not in the catalogue"
run 1d-catalog -d cat.db import --force --date 2026-10-05 later.csv
check_err '1d-catalog: later.csv:2: track: the catalogue knows a version from 2026-10-20, after 2026-10-05'

run 1d-catalog -d cat.db import --date 2026-10-27 --rejects rejects.csv bad.csv
check_exit 1 "rejected rows make the exit status 1"
check_err "1d-catalog: bad.csv: read 6: new 1, changed 0, unchanged 0, taken down 0, rejected 5" \
	"rejected rows are summed up even without -v"
check_err '1d-catalog: bad.csv:2: release_date: not a date: "2026-02-30"'
check_err '1d-catalog: bad.csv:3: status: not active or takedown: "gone"'
check_err '1d-catalog: bad.csv:4: track: empty'
check_err '1d-catalog: bad.csv:5: media: not audio, video, ebook or game: "vinyl"'
check_err '1d-catalog: bad.csv:7: track: appears twice in this file'
check_true "the rejects file has the five rows" test "$(grep -c '^bad.csv' rejects.csv)" -eq 5

# A malformed file leaves the catalogue as it was: one transaction.
cp cat.db before.db
printf 'track,title\nT8,Huit\nT9,"Neuf\n' >broken.csv
run 1d-catalog -d cat.db import --date 2026-10-28 broken.csv
check_exit 2 "a malformed file is not imported"
1d-catalog -d cat.db export >after
1d-catalog -d before.db export >expected
check_same expected after "nothing of it was imported"

flock cat.db.lock sleep 3 &
sleep 1
run 1d-catalog -d cat.db import --date 2026-10-29 rows.csv
check_err "1d-catalog: cat.db: another 1d-catalog is writing (lock cat.db.lock)"
wait

# Round trip of a full catalogue: import, then export as of that day.
1d-catalog -d full.db import --date 2026-10-31 "$top/examples/catalog-2026-10-31.csv" >/dev/null
run 1d-catalog -d full.db export --as-of 2026-10-31
check_same "$top/examples/catalog-2026-10-31.csv" out "import | export --as-of gives the rows back"
run 1d-catalog -d full.db export --as-of 2026-10-30
printf '%s\n' "$H" >expected
check_same expected out "nothing was known the day before"

run 1d-catalog -d full.db holders import "$top/examples/holders.csv"
check_out "holders.csv: 5 holders"
run 1d-catalog -d full.db holders export
check_same "$top/examples/holders.csv" out "holders export gives them back, sorted"
cat >expected <<'X'
by,value,titles
holder,Ardente Records,4
holder,Bruit Blanc,3
holder,Collectif Lucie,2
holder,Les Disques du Forez,1
holder,Mila Koné,3
media,audio,12
media,video,1
status,active,12
status,takedown,1
X
run 1d-catalog -d full.db stats
check_same expected out "stats: titles per holder, media and status"

# Standard input is read once, from a pipe, "-" or a redirection, and its
# digest is taken as it is read: the README's first line works.
run sh -c "cat rows.csv | 1d-catalog -d pipe.db import -v --date 2026-10-01"
check_exit 0 "a pipe into import"
check_err "1d-catalog: <stdin>: read 3: new 3, changed 0, unchanged 0, taken down 0, rejected 0"
run sh -c "1d-catalog -d pipe.db import --date 2026-10-02 - <rows.csv"
check_exit 0 "import - of the same rows"
check_err "1d-catalog: <stdin>: imported before, skipped" "is known by its digest, taken while reading"
run sh -c "1d-catalog -d pipe.db import --date 2026-10-02 rows.csv"
check_err "1d-catalog: rows.csv: imported before, skipped" "the same bytes from a file too"
run sh -c "1d-catalog -d pipe.db export | cut -d, -f1"
printf '%s\n' track T1 T2 T3 >want
check_same want "$T/out" "the piped rows are in the catalogue once"
done_testing

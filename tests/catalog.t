#!/bin/sh
# 1d-catalog: import with history, export as known on a day, takedowns,
# refusals, locking, holders and stats.
. "${0%/*}/lib.sh"
plan 52
top=$(cd "${0%/*}/.." && pwd)
cp "$DATA"/catalog/* "$T"
cd "$T"
H=track,isrc,upc,title,artists,release_title,label,holder,distributor,release_date,duration_ms,media,genre,territories,available_from,available_until,status,source,sha256

run 1d-catalog -d cat.db import --date 2026-10-01 rows.csv
check_exit 0 "first import"
check_true "a good import says nothing without -v" test ! -s err -a ! -s out
1d-catalog -d cat.db import --force --date 2026-10-01 -v rows.csv 2>err >/dev/null
check_true "-v: the summary on stderr, with the prefix" grep -qF \
    "1d-catalog: rows.csv: read 3 = kept 3 + rejected 0: new 0, changed 0, unchanged 3, taken down 0" err
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
run 1d-catalog -d cat.db import -v --force --date 2026-10-02 rows.csv
check_err "rows.csv: read 3 = kept 3 + rejected 0: new 0, changed 0, unchanged 3, taken down 0"

# On 2026-10-20 T1 changes holder; on 2026-10-25 T2 is taken down.
run 1d-catalog -d cat.db import -v --date 2026-10-20 later.csv
check_err "later.csv: read 2 = kept 2 + rejected 0: new 0, changed 1, unchanged 1, taken down 0"
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
check_err "1d-catalog: bad.csv: read 6 = kept 1 + rejected 5: new 1, changed 0, unchanged 0, taken down 0"
check_err '1d-catalog: bad.csv:2: release_date: not a date: "2026-02-30"'
check_err '1d-catalog: bad.csv:3: status: not active or takedown: "gone"'
check_err '1d-catalog: bad.csv:4: track: empty'
check_err '1d-catalog: bad.csv:5: media: not audio, video, ebook or game: "vinyl"'
check_err '1d-catalog: bad.csv:7: track: appears twice in this file'
check_true "the rejects file has the five rows" test "$(grep -c '^bad.csv' rejects.csv)" -eq 5

# A malformed file leaves the catalogue as it was: one transaction.
cp cat.db before.db
printf '%s\nT8,,,Huit,,,,,,,,,,,,,,,\nT9,,,"Neuf\n' "$H" >broken.csv
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

# Standard input is read once: a pipe, "-" and a redirection all import
# (the digest used to be taken by reading the input before parsing it).
1d-ingest --map "$top/examples/maps/cd1d.map" "$top/examples/drops/cd1d-2026-10" 2>/dev/null >drop.csv
test -s drop.csv || echo "drop.csv not made" >&2
run sh -c '1d-ingest --map "$1/examples/maps/cd1d.map" "$1/examples/drops/cd1d-2026-10" | 1d-catalog -d pipe.db import --date 2026-10-31' sh "$top"
check_exit 0 "1d-ingest DROP | 1d-catalog import: the month end's first line"
1d-catalog -d pipe.db export >piped
1d-catalog -d file.db import --date 2026-10-31 drop.csv
1d-catalog -d file.db export >filed
check_same filed piped "the pipe imports what the file does"
run 1d-catalog -d dash.db import --date 2026-10-31 - <drop.csv
check_exit 0 "import - reads standard input"
run 1d-catalog -d dash.db import --date 2026-10-31 <drop.csv
check_exit 0 "import < file reads standard input"
check_err "1d-catalog: <stdin>: imported before, skipped" "the same input again is skipped, by the digest taken while reading"
run 1d-catalog -d dash.db import --date 2026-10-31 drop.csv
check_err "drop.csv: imported before, skipped" "a file and standard input have the same digest"
1d-catalog -d dash.db export >dashed
check_same filed dashed "a skipped import changed nothing"

# Every catalogue column must be there: one left out would blank a field.
cut -d, -f1-10,12- drop.csv >nodur.csv
run 1d-catalog -d file.db import --date 2026-10-31 nodur.csv
check_exit 2 "a missing column is a usage error"
check_err "1d-catalog: nodur.csv:1: duration_ms: no such column"

# A day in the future is refused: it would hide every later import.
run 1d-catalog -d cat.db import --date 2999-01-01 rows.csv
check_exit 2 "import --date in the future is refused"
check_err "--date: 2999-01-01 is in the future"

# revert undoes one import: its versions go, the ones they closed come back.
1d-catalog -d rev.db import --date 2026-10-01 rows.csv
1d-catalog -d rev.db export >rev1
1d-catalog -d rev.db import --date 2026-10-20 later.csv
run 1d-catalog -d rev.db revert later.csv
check_exit 0 "revert SOURCE"
1d-catalog -d rev.db export >rev2
check_same rev1 rev2 "revert: the catalogue as before the import"
run 1d-catalog -d rev.db import --date 2026-10-05 later.csv
check_exit 0 "a reverted import no longer blocks an earlier day"
sha=$(sha256sum later.csv | cut -c1-64)
run 1d-catalog -d rev.db revert "$sha"
check_exit 0 "revert SHA256"
1d-catalog -d rev.db export >rev3
check_same rev1 rev3 "revert by digest"
# A same-day change replaced a version: revert brings that one back.
1d-catalog -d rev.db import --date 2026-10-01 later.csv
1d-catalog -d rev.db revert later.csv
1d-catalog -d rev.db export >rev4
check_same rev1 rev4 "revert restores the version replaced on the same day"
run 1d-catalog -d rev.db revert nothing.csv
check_exit 1 "revert of an unknown import"
check_err "1d-catalog: nothing.csv: no such import"
done_testing

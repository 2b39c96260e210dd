#!/bin/sh
# 1d-capsule check: every problem of a capsule on its own line, and the
# exit status 1 when there is one.
. "${0%/*}/lib.sh"
plan 11
cp "$DATA/capsule/caps.csv" "$DATA/capsule/catalog.csv" "$T"
cd "$T"

# c-bad: latitude 95 and no longitude, ends before it starts, a second
# row with another title, a gap in the positions and an unknown media.
# c-broken: a takedown, a title not in FR, a video said to be audio, a
# game available from 2026-10-15 and a title until 2026-10-20 in a
# capsule running all October, an item the catalogue does not have.
cat >expected <<'X'
capsule,item,reason
c-bad,,"lat: not a latitude: ""95"""
c-bad,,lat and lon go together
c-bad,,ends before it starts
c-bad,ebook:9782070360024,title differs from the capsule's first row (caps.csv:11)
c-bad,ebook:9782070360024,position 3: positions must run 1 to 2 without gaps or repeats
c-bad,ebook:9782070360024,"media: not audio, video, ebook or game: ""vinyl"""
c-bad,ebook:9782070360024,"media: ""vinyl"" in the capsule, ""ebook"" in the catalogue"
c-broken,FRZ012200302,taken down
c-broken,FRX451900500,not available in FR
c-broken,FRX452500900,"media: ""audio"" in the capsule, ""video"" in the catalogue"
c-broken,game:GAME-0042,not available for the whole run 2026-10-01 to 2026-10-31
c-broken,nope:1,not in the catalogue
c-broken,audio-late,not available for the whole run 2026-10-01 to 2026-10-31
X
run 1d-capsule check -v --catalog catalog.csv caps.csv
check_exit 1 "problems make the exit status 1"
check_same expected out "one line per problem"
check_err "1d-capsule: 3 capsules checked, 13 problems"

# On 2026-10-16 the game and the late title are both available.
grep -v 'whole run' expected >expected.on
run 1d-capsule check --catalog catalog.csv --on 2026-10-16 caps.csv
check_same expected.on out "--on checks one day instead of the whole run"

# In BE, the Manufrance title is fine but the FR-only video and e-book are not.
run 1d-capsule check --catalog catalog.csv --territory BE caps.csv
check_out 'c-broken,FRX452500900,not available in BE' "--territory changes the platform's territory"

grep -v '^c-b' caps.csv >good.csv
run 1d-capsule check --catalog catalog.csv good.csv
check_exit 0 "a good capsule passes"
printf 'capsule,item,reason\n' >expected
check_same expected out "no problem, no line"

run 1d-capsule check caps.csv
check_exit 2 "--catalog is required"
printf 'capsule,title\n' >short.csv
run 1d-capsule check --catalog catalog.csv short.csv
check_err '1d-capsule: short.csv:1: curator: no such column'

# A coordinate with a leading zero would be written to JSON as such, and
# no JSON parser reads 045.77: it is refused like any bad latitude.
cat >zero.csv <<'X'
capsule,title,curator,structure,place,lat,lon,starts,ends,position,item,media,note
c-zero,Festival,Médiathèque,bib-st-etienne,Tarentaize,045.77,4.3872,2026-10-01,2026-10-31,1,FRZ012200301,audio,
X
run 1d-capsule check --catalog catalog.csv zero.csv
check_exit 1 "a latitude with a leading zero is a problem"
check_out 'lat: not a latitude: ""045.77""'
done_testing

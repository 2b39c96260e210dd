#!/bin/sh
# 1d-capsule export, near and stats on hand-written capsules.
. "${0%/*}/lib.sh"
plan 29
cp "$DATA/capsule/caps.csv" "$DATA/capsule/catalog.csv" "$DATA/capsule/paris.csv" "$T"
cd "$T"

cat >expected <<'X'
#EXTM3U
#PLAYLIST:Festival
#EXTINF:198,Les Loups du Furan - Rue Bergson
FRZ012200301
#EXTINF:-1,Albert Camus - L'Étranger
ebook:9782070360024
#EXTINF:1260,Bruit Blanc - Pilat (live)
FRX452500900
X
run 1d-capsule export --format m3u8 --capsule c-ok --catalog catalog.csv caps.csv
check_same expected out "M3U8 with #EXTINF seconds (-1 when unknown)"
check_true "M3U8 is UTF-8" iconv -f UTF-8 -t UTF-8 out

cat >expected <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<playlist version="1" xmlns="http://xspf.org/ns/0/">
  <title>Festival</title>
  <creator>Médiathèque</creator>
  <trackList>
    <track>
      <identifier>FRZ012200301</identifier>
      <title>Rue Bergson</title>
      <creator>Les Loups du Furan</creator>
      <annotation>Ouverture &amp; &lt;rappel&gt;</annotation>
      <duration>198000</duration>
    </track>
    <track>
      <identifier>ebook:9782070360024</identifier>
      <title>L&apos;Étranger</title>
      <creator>Albert Camus</creator>
      <annotation>Lire &quot;L&apos;Étranger&quot;</annotation>
    </track>
    <track>
      <identifier>FRX452500900</identifier>
      <title>Pilat (live)</title>
      <creator>Bruit Blanc</creator>
      <duration>1260000</duration>
    </track>
  </trackList>
</playlist>
X
run 1d-capsule export --format xspf --capsule c-ok --catalog catalog.csv caps.csv
check_same expected out "XSPF with escaped text"
check_true "XSPF is well-formed XML" xmllint --noout out

cat >expected <<'X'
[
  {"capsule": "c-ok", "title": "Festival", "curator": "Médiathèque", "structure": "bib-st-etienne", "place": "Tarentaize, Saint-Étienne", "lat": 45.4397, "lon": 4.3872, "starts": "2026-10-01", "ends": "2026-10-31", "items": [
    {"position": 1, "item": "FRZ012200301", "media": "audio", "title": "Rue Bergson", "artists": "Les Loups du Furan", "duration_ms": 198000, "note": "Ouverture & <rappel>"},
    {"position": 2, "item": "ebook:9782070360024", "media": "ebook", "title": "L'Étranger", "artists": "Albert Camus", "duration_ms": null, "note": "Lire \"L'Étranger\""},
    {"position": 3, "item": "FRX452500900", "media": "video", "title": "Pilat (live)", "artists": "Bruit Blanc", "duration_ms": 1260000, "note": ""}
  ]}
]
X
run 1d-capsule export --format json --capsule c-ok --catalog catalog.csv caps.csv
check_same expected out "JSON: one object per capsule"
check_true "JSON parses" jq -e . out
run 1d-capsule export --format json caps.csv paris.csv
check_true "JSON of every capsule parses" jq -e 'length == 4 and .[0].lon == null and .[3].lat == 48.8566' out

run 1d-capsule export --format xspf caps.csv
check_exit 2 "XSPF needs one capsule"
check_err "1d-capsule: xspf holds one capsule: choose one with --capsule"
run 1d-capsule export --format wav caps.csv
check_err '1d-capsule: --format: not m3u8, xspf or json: "wav"'

# Lyon (45.7640, 4.8357): Saint-Étienne is about 50 km away, Paris about
# 392 km; c-bad has no coordinates.
cat >expected <<'X'
capsule,title,place,km
c-broken,Broken,Lyon,0.0
c-ok,Festival,"Tarentaize, Saint-Étienne",50.2
c-paris,Paris,Paris,391.5
X
run 1d-capsule near --km 500 45.7640 4.8357 caps.csv paris.csv
check_same expected out "near: great-circle distances, nearest first"
run 1d-capsule near 45.7640 4.8357 caps.csv paris.csv
check_true "the default radius is 25 km" test "$(wc -l <out)" -eq 2
run 1d-capsule near --km 500 --on 2026-10-15 45.7640 4.8357 caps.csv paris.csv
check_true "--on keeps capsules running that day" sh -c "! grep -q c-paris out && grep -q c-ok out"
run 1d-capsule near 95 4.8 caps.csv
check_err '1d-capsule: not a latitude: "95"'

# West of Greenwich: Brest at (48.0, -4.5) and a capsule half a degree of
# latitude north of it, 0.5 * 111.195 = 55.6 km; the same latitude at
# +4.5 is some 670 km east and left out.
cat >west.csv <<'X'
capsule,title,curator,structure,place,lat,lon,starts,ends,position,item,media,note
w-brest,Brest,Ed,bib,Brest,48.0,-4.5,,,1,FRZ012200301,audio,
w-north,North,Ed,bib,North,48.5,-4.5,,,1,FRZ012200301,audio,
w-east,East,Ed,bib,East,48.0,4.5,,,1,FRZ012200301,audio,
X
cat >expected <<'X'
capsule,title,place,km
w-brest,Brest,Brest,0.0
w-north,North,North,55.6
X
run 1d-capsule near --km 100 -- 48.0 -4.5 west.csv
check_same expected out "near west of Greenwich: a negative longitude after --"
run 1d-capsule near --km 100 48.0 -4.5 west.csv
check_same expected out "and without --, as a user types it"

# stats: plays and qualified listens (30 s), distinct users and titles,
# per capsule and per structure.
cat >listens.csv <<'X'
ts,user,structure,track,ms_played,source
2026-10-02T10:00:00Z,u1,bib-st-etienne,FRZ012200301,200000,capsule:c-ok
2026-10-02T10:05:00Z,u1,bib-st-etienne,FRX452500900,20000,capsule:c-ok
2026-10-03T10:00:00Z,u2,mjc-lyon8,FRZ012200301,31000,capsule:c-ok
2026-10-03T11:00:00Z,u2,mjc-lyon8,FRZ012200301,90000,
2026-10-04T11:00:00Z,u3,mjc-lyon8,FRZ012200301,90000,capsule:elsewhere
2026-10-04T12:00:00Z,u3,mjc-lyon8,FRZ012200301,oops,capsule:c-ok
X
cat >expected <<'X'
capsule,structure,plays,listens,users,titles
c-bad,,0,0,0,0
c-broken,,0,0,0,0
c-ok,,3,2,2,2
c-ok,bib-st-etienne,2,1,1,2
c-ok,mjc-lyon8,1,1,1,1
X
run 1d-capsule stats -v --listens listens.csv caps.csv
check_same expected out "stats per capsule and structure"
check_exit 1 "a malformed listen makes the exit status 1"
check_err '1d-capsule: listens.csv:7: ms_played: not a non-negative integer: "oops"'
check_err '1d-capsule: capsule:elsewhere: 1 kept listens name a capsule in none of these files'
check_err '1d-capsule: read 6 = from these capsules 3 + from unknown capsules 1 + elsewhere 1 + rejected 1 + duplicates 0 + other months 0'

# stats --month counts as 1d-listens does: the month kept, exact duplicates
# (same ts, user, track, whatever the source) counted once and the first
# one kept, the daily cap.  By row:
#  2 September: another month.
#  3 u1 T1 200 s: kept, qualified.       4 the same again: a duplicate.
#  5 u1 T2 20 s: kept, not qualified.    6 u2 T1 not from a capsule: kept.
#  7 the same listen from c-ok: a duplicate of 6, so not a capsule listen.
#  8 capsule "gone": held by no file.    9 "oops": rejected.
# 10 u2 T1 40 s on the 5th: qualified.  11 again that day: over the cap of 1.
# c-ok: plays 3,5,10,11 = 4; listens 3,10 = 2; users u1 u2; titles T1 T2.
# bib: 3,5: plays 2, listens 1, users 1, titles 2.  mjc: 10,11: 2, 1, 1, 1.
cat >month.csv <<'X'
ts,user,structure,track,ms_played,source
2026-09-30T23:59:59Z,u1,bib,T1,200000,capsule:c-ok
2026-10-02T10:00:00Z,u1,bib,T1,200000,capsule:c-ok
2026-10-02T10:00:00Z,u1,bib,T1,200000,capsule:c-ok
2026-10-02T10:05:00Z,u1,bib,T2,20000,capsule:c-ok
2026-10-03T10:00:00Z,u2,mjc,T1,31000,
2026-10-03T10:00:00Z,u2,mjc,T1,31000,capsule:c-ok
2026-10-04T11:00:00Z,u3,mjc,T1,90000,capsule:gone
2026-10-04T12:00:00Z,u3,mjc,T1,oops,capsule:c-ok
2026-10-05T09:00:00Z,u2,mjc,T1,40000,capsule:c-ok
2026-10-05T10:00:00Z,u2,mjc,T1,40000,capsule:c-ok
X
cat >expected <<'X'
capsule,structure,plays,listens,users,titles
c-bad,,0,0,0,0
c-broken,,0,0,0,0
c-ok,,4,2,2,2
c-ok,bib,2,1,1,2
c-ok,mjc,2,1,1,1
X
run 1d-capsule stats -v --month 2026-10 --max-per-day 1 --listens month.csv caps.csv
check_same expected out "stats --month: duplicates, other months and the daily cap as in 1d-listens"
check_exit 1 "the malformed row still makes it 1"
check_err '1d-capsule: month.csv:9: ms_played: not a non-negative integer: "oops"'
check_err '1d-capsule: capsule:gone: 1 kept listens name a capsule in none of these files'
check_err '1d-capsule: read 10 = from these capsules 4 + from unknown capsules 1 + elsewhere 1 + rejected 1 + duplicates 2 + other months 1'

# The same listens through 1d-listens: its plays and qualified listens of
# the month are the capsule's 4 and 2, plus row 6 (qualified) and row 8;
# ms 200000 + 20000 + 31000 + 90000 + 40000 + 40000.
cat >expected <<'X'
month,plays,listens,ms,users
2026-10,6,4,421000,3
X
run 1d-listens --month 2026-10 --max-per-day 1 --by month month.csv
check_same expected out "1d-listens keeps the same rows"
run 1d-capsule stats --month 2026-13 --listens month.csv caps.csv
check_exit 2 "a bad month is a usage error"
check_err '1d-capsule: --month: not a month (YYYY-MM): "2026-13"'
done_testing

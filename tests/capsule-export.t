#!/bin/sh
# 1d-capsule export, near and stats on hand-written capsules.
. "${0%/*}/lib.sh"
plan 20
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
check_err '1d-capsule: read 6 = from these capsules 3 + elsewhere 2 + rejected 1'
done_testing

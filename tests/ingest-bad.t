#!/bin/sh
# Bad messages in a drop: each is named with drop:entry:line and a reason,
# goes to --rejects, and the good titles of the same drop still come out.
. "${0%/*}/lib.sh"
plan 10

mkdir "$T/d"
for m in ern38-single invalid unknown-version missing-isrc no-deal; do
	cp "$DATA/ingest/$m.xml" "$T/d/"
done
(cd "$T/d" && bsdtar -a -cf ../drop.zip *.xml)
run 1d-ingest --rejects "$T/rej.csv" "$T/drop.zip"
check_exit 1 "exit 1 when anything was rejected"
check_err "1d-ingest: drop.zip:invalid.xml:4: mismatched tag"
check_err "1d-ingest: drop.zip:unknown-version.xml:2: unknown ERN version: http://ddex.net/xml/ern/99"
check_err "1d-ingest: drop.zip:missing-isrc.xml:27: Two: missing ISRC"
check_err "1d-ingest: drop.zip:no-deal.xml:9: XXD012600001: release has no streaming deal"
cat >"$T/expected" <<'X'
_file,_line,_reason
drop.zip:invalid.xml,4,mismatched tag
drop.zip:missing-isrc.xml,27,Two: missing ISRC
drop.zip:no-deal.xml,9,XXD012600001: release has no streaming deal
drop.zip:no-deal.xml,20,XXD012600002: release has no streaming deal
drop.zip:unknown-version.xml,2,unknown ERN version: http://ddex.net/xml/ern/99
X
sort "$T/rej.csv" >"$T/rej.sorted"; sort -o "$T/expected" "$T/expected"
check_same "$T/expected" "$T/rej.sorted" "every rejected title is in --rejects"
# The good ones: both titles of ern38-single, and A1 of missing-isrc.
cut -d, -f1,4 "$T/out" >"$T/got"
cat >"$T/expected" <<'X'
track,title
XXA012600001,One
XXB012600001,Three
XXB012600002,Three (clip)
X
check_same "$T/expected" "$T/got" "good titles of the same drop still come out"

# A sheet row without title or id is rejected with its line.
printf 'Ref,Name\nX-1,Song\n,Nameless\nX-3,\n' >"$T/sheet.csv"
printf 'Ref = id\nName = title\n' >"$T/s.map"
run 1d-ingest --map "$T/s.map" --distributor lab "$T/sheet.csv"
check_exit 1 "bad sheet rows"
check_err "1d-ingest: sheet.csv:3: track: no isrc and no id"
check_err "1d-ingest: sheet.csv:4: Name: missing" "a column is named by the sheet's header"

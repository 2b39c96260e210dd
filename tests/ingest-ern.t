#!/bin/sh
# 1d-ingest on ERN 4.3 and 3.8 messages delivered as a directory, a zip,
# a tar.gz and a tar on standard input: the same catalogue rows each time.
. "${0%/*}/lib.sh"
plan 14

mkdir -p "$T/good/resources"
cp "$DATA/ingest/a1.flac" "$T/good/resources/"
for m in ern43-album ern43-album-v2 ern38-single ern38-takedown ern38-purge; do
	cp "$DATA/ingest/$m.xml" "$T/good/"
done
sha() { sha256sum "$DATA/ingest/$1.xml" | cut -d' ' -f1; }
expected() {	# expected DROPNAME
	sed -e "s/DROP:/$1:/" -e "s/SHA_V2/$(sha ern43-album-v2)/" \
	    -e "s/SHA_PURGE/$(sha ern38-purge)/" -e "s/SHA_TD/$(sha ern38-takedown)/" \
	    "$DATA/ingest/good.expected" >"$T/expected"
}

run 1d-ingest -v "$T/good"
check_exit 0 "directory drop"
expected good
check_same "$T/expected" "$T/out" "directory drop gives the expected rows"
check_err "XXA012600002: good:ern43-album.xml:27 (2026-09-01T10:00:00Z) replaced by good:ern43-album-v2.xml:27 (2026-09-20T10:00:00Z)"
check_err "read 8 = kept 6 + rejected 0 + duplicates 2"

(cd "$T/good" && bsdtar -a -cf ../good.zip *.xml resources)
run 1d-ingest "$T/good.zip"
check_exit 0 "zip drop"
expected good.zip
check_same "$T/expected" "$T/out" "zip drop gives the expected rows"

(cd "$T" && tar -czf good.tar.gz good)
run 1d-ingest -o "$T/rows.csv" "$T/good.tar.gz"
check_exit 0 "tar.gz drop"
expected good.tar.gz
check_same "$T/expected" "$T/rows.csv" "tar.gz drop gives the expected rows"

(cd "$T" && tar -cf good.tar good)
rc=0
1d-ingest --distributor good <"$T/good.tar" >"$T/out" 2>"$T/err" || rc=$?
check_exit 0 "tar on standard input"
expected '<stdin>'
check_same "$T/expected" "$T/out" "tar on standard input gives the expected rows"

# A resource whose bytes do not match the message's hash rejects that title only.
printf 'tampered\n' >"$T/good/resources/a1.flac"
run 1d-ingest --rejects "$T/rej.csv" "$T/good"
check_exit 1 "hash mismatch"
check_err "1d-ingest: good:ern43-album-v2.xml:13: XXA012600001: resource a1.flac: hash mismatch"

# A deal that ended before the message was created is a takedown.
mkdir "$T/expired"
sed -e 's#<StartDate>2020-05-01</StartDate>#<StartDate>2020-05-01</StartDate><EndDate>2026-01-31</EndDate>#' \
    "$DATA/ingest/ern38-single.xml" >"$T/expired/m.xml"
run 1d-ingest "$T/expired"
check_exit 0 "expired deal"
cut -d, -f1,15-17 "$T/out" >"$T/got"
cat >"$T/expected" <<'X'
track,available_from,available_until,status
XXB012600001,2020-05-01,2026-01-31,takedown
XXB012600002,2020-05-01,2026-01-31,takedown
X
check_same "$T/expected" "$T/got" "expired deal gives status takedown"

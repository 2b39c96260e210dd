#!/bin/sh
# What distributors really send: an ERN header with an empty MessageId,
# a release whose only deal names no use and has expired; CSV sheets with
# a renamed header, Latin-1 text, a malformed row and a title listed twice.
. "${0%/*}/lib.sh"
plan 5
cd "$T"

mkdir drop
cp "$DATA/ern/no-message-id.xml" "$DATA/ern/expired-no-use.xml" drop/
sha() { sha256sum "$DATA/ern/$1.xml" | cut -d' ' -f1; }
sed -e "s/SHA_EXP/$(sha expired-no-use)/" -e "s/SHA_NOID/$(sha no-message-id)/" \
    "$DATA/ern/lenient.expected" >expected
cat >expected.err <<'EOF2'
1d-ingest: drop:expired-no-use.xml:39: Deal: no UseType or CommercialModelType: read as its territory and period say
1d-ingest: drop:no-message-id.xml:4: MessageHeader: no MessageId: the file name is the source
EOF2
run 1d-ingest --distributor nd drop
check_exit 0 "an empty MessageId and a deal naming no use are warnings, not rejects"
check_same expected out "the expired deal gives a takedown row, the file name is the source"
sort err >err.sorted
check_same expected.err err.sorted "each leniency is said once, with its place"

# A message without MessageCreatedDateTime cannot be ordered: still refused.
sed '/MessageCreatedDateTime/d' "$DATA/ern/no-message-id.xml" >drop/no-date.xml
run 1d-ingest --distributor nd drop
check_exit 1 "a header without its date is refused"
check_err "1d-ingest: drop:no-date.xml:4: MessageHeader without MessageCreatedDateTime"

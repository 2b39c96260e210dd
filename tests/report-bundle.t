#!/bin/sh
# 1d-report keygen, bundle and verify: a clean bundle verifies and replays
# byte for byte; a changed byte, a missing file, a wrong key and a month
# whose outputs do not follow from its inputs all fail, naming what differs.
. "${0%/*}/lib.sh"
plan 35
d=$DATA/cct
cd "$T"
mkdir month
cp "$d/policy.conf" "$d/ledger.csv" "$d/catalog.csv" "$d/holders.csv" month/
cat >month/log.csv <<'X'
ts,user,structure,track,ms_played,source
2026-10-01T10:00:00Z,u1,s1,FRZ012600101,200000,
2026-10-02T10:00:00Z,u2,s1,FRZ012000001,100000,
2026-10-03T10:00:00Z,u2,s1,FRZ012311002,31000,
X
cd month
1d-listens --month 2026-10 --catalog catalog.csv log.csv >usage.csv
1d-cct --month 2026-10 --policy policy.conf --ledger ledger.csv --catalog catalog.csv \
	--holders holders.csv usage.csv >payouts.csv
1d-report statements --month 2026-10 --catalog catalog.csv --holders holders.csv \
	--policy policy.conf -o statements payouts.csv
cd ..

run 1d-report keygen -o key
check_exit 0 "keygen"
check_true "the private key is for its owner only" sh -c 'test "$(stat -c %a key.pem)" = 600'
run 1d-report bundle --month 2026-10 --sign key.pem -o month.tar.gz month/log.csv \
	month/catalog.csv month/usage.csv month/ledger.csv month/policy.conf month/holders.csv \
	month/payouts.csv month/statements/
check_exit 0 "bundle"
run 1d-report bundle --month 2026-10 --sign key.pem -o again.tar.gz month/log.csv \
	month/catalog.csv month/usage.csv month/ledger.csv month/policy.conf month/holders.csv \
	month/payouts.csv month/statements/
check_true "the same month gives the same bytes" cmp month.tar.gz again.tar.gz
run 1d-report verify --pub key.pub month.tar.gz
check_exit 0 "a clean bundle verifies"
cat >want <<'X'
month.tar.gz: 15 files match the MANIFEST
  signature: good
  usage: replayed byte for byte, from 1 raw log
  payouts: replayed byte for byte, from the ledger, policy, catalogue and usage
  statements: replayed byte for byte, from the payouts
month.tar.gz: verified: every check done
X
check_same want "$T/out" "verify says what it checked, step by step"
run 1d-report verify --strict --pub key.pub month.tar.gz
check_exit 0 "--strict passes a bundle where nothing was skipped"

# What is not bundled is skipped, and said; --strict refuses it.
run 1d-report bundle --month 2026-10 -o nologs.tar.gz month/catalog.csv month/usage.csv \
	month/ledger.csv month/policy.conf month/holders.csv month/payouts.csv
run 1d-report verify nologs.tar.gz
check_exit 0 "a bundle without logs and statements verifies what it can"
cat >want <<'X'
nologs.tar.gz: 6 files match the MANIFEST
  signature: not checked (no --pub)
  usage: skipped: the raw logs are not in the bundle
  payouts: replayed byte for byte, from the ledger, policy, catalogue and usage
  statements: skipped: no statements in the bundle
nologs.tar.gz: verified, with 3 checks not done
X
check_same want "$T/out" "and says what it skipped"
run 1d-report verify --strict nologs.tar.gz
check_exit 1 "--strict fails when a step was skipped"
check_err "1d-report: verify --strict: nologs.tar.gz: 3 checks not done"
run 1d-report verify --strict month.tar.gz
check_exit 1 "--strict fails when no signature was checked"

# A changed byte in usage.csv: its digest no longer matches.
mkdir x && (cd x && tar xzf ../month.tar.gz) && sed -i 's/,1,1,/,1,2,/' x/usage.csv
(cd x && tar czf ../tampered.tar.gz MANIFEST MANIFEST.sig *.csv policy.conf statements)
run 1d-report verify --pub key.pub tampered.tar.gz
check_exit 1 "a changed byte fails"
check_err "1d-report: verify: usage.csv: its SHA-256 is not the one in MANIFEST"

(cd x && tar czf ../missing.tar.gz MANIFEST MANIFEST.sig catalog.csv ledger.csv policy.conf)
run 1d-report verify missing.tar.gz
check_err "1d-report: verify: payouts.csv: in MANIFEST, not in the bundle"

run 1d-report keygen -o other
run 1d-report verify --pub other.pub month.tar.gz
check_exit 1 "a wrong key fails"
check_err "1d-report: verify: MANIFEST.sig: the signature does not match other.pub"

# A month bundled with a changed usage file and its own MANIFEST: the
# digests match, but the usage does not follow from the logs.
sed -i 's/,1,1,/,1,2,/' month/usage.csv
1d-report bundle --month 2026-10 -o forged.tar.gz month/log.csv month/catalog.csv \
	month/usage.csv month/ledger.csv month/policy.conf month/holders.csv month/payouts.csv
run 1d-report verify forged.tar.gz
check_exit 1 "outputs that do not follow from the inputs fail"
check_err "1d-report: verify: usage.csv:2: differs from the replay"

# Usage made with --min-ms 100000 replays only when the bundle says so:
# line 4, u2's 31-second listen, is no longer a qualified listen.
mkdir opts
cp month/log.csv month/catalog.csv opts/
1d-listens --month 2026-10 --min-ms 100000 --catalog opts/catalog.csv opts/log.csv >opts/usage.csv
1d-report bundle --month 2026-10 -o plain.tar.gz opts/log.csv opts/catalog.csv opts/usage.csv
run 1d-report verify plain.tar.gz
check_err "1d-report: verify: usage.csv:4: differs from the replay"
run 1d-report bundle --month 2026-10 --listens-options "--min-ms 100000" -o opts.tar.gz \
	opts/log.csv opts/catalog.csv opts/usage.csv
run 1d-report verify opts.tar.gz
check_exit 0 "the recorded --min-ms is replayed"
run 1d-report bundle --month 2026-10 --listens-options "-o /tmp/x" -o bad.tar.gz opts/log.csv
check_exit 2 "an option that would write a file is not recorded"
check_err "1d-report: 1d-listens: option -o cannot be replayed"
mkdir m && (cd m && tar xzf ../opts.tar.gz) && sed -i 's/^options 1d-listens .*/options 1d-listens --output \/tmp\/x/' m/MANIFEST
(cd m && tar czf ../evil-options.tar.gz MANIFEST *.csv)
run 1d-report verify evil-options.tar.gz
check_err "1d-report: verify: MANIFEST: 1d-listens: option --output cannot be replayed"

printf 'x' >evil.txt
tar czf dots.tar.gz --transform 's,^,../,' evil.txt
run 1d-report verify dots.tar.gz
check_err "1d-report: verify: dots.tar.gz: ../evil.txt: a path outside the bundle"
run 1d-report bundle --month 2026-10 -o bad.tar.gz month/nothing.csv
check_exit 2 "a missing file cannot be bundled"

# A MANIFEST is not trusted: a path out of the bundle is not read, even
# with that file's true digest (the bundle holds only its MANIFEST).
mkdir -p deep
printf '1d-bundle 1\nmonth 2026-10\nfile %s %s ../../etc/passwd\n' \
	"$(sha256sum /etc/passwd | cut -d' ' -f1)" "$(wc -c </etc/passwd)" >deep/MANIFEST
(cd deep && tar czf ../outside.tar.gz MANIFEST)
run 1d-report verify outside.tar.gz
check_exit 1 "a MANIFEST naming a file outside the bundle fails"
check_err "1d-report: verify: MANIFEST: ../../etc/passwd: a path outside the bundle"
# A small bundle of large zero files is refused before anything is written.
mkdir bomb && truncate -s 100M bomb/a.csv && truncate -s 100M bomb/b.csv
(cd bomb && tar czf ../bomb.tar.gz a.csv b.csv)
run 1d-report verify bomb.tar.gz
check_exit 1 "a bundle unpacking past a hundred times its size fails"
check_err "would unpack to more than 100 times the bundle's size"
check_true "and the first file was not written out" sh -c '! ls /tmp/1d-verify.* >/dev/null 2>&1 || ! find /tmp/1d-verify.* -size +10M | grep -q .'

# Without --month, the month is that of the payouts among the files.
run 1d-report bundle -o nomonth.tar.gz month/ledger.csv month/payouts.csv
check_exit 0 "bundle without --month"
tar xzf nomonth.tar.gz MANIFEST -O | grep '^month ' >"$T/got"
echo 'month 2026-10' >"$T/want"
check_same "$T/want" "$T/got" "takes the month from the payouts"
run 1d-report bundle -o none.tar.gz month/ledger.csv
check_exit 2 "without --month and without payouts it is a usage error"
check_err "1d-report: bundle: no --month, and no payouts among the files to take it from"
done_testing

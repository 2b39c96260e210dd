#!/bin/sh
# 1d-report dsr: DDEX DSR reports (BasicAudioProfile 1.2) on a hand-made
# month, then transparency.
. "${0%/*}/lib.sh"
plan 38
cp "$DATA"/report/payouts-10.csv "$DATA"/dsr/* "$T"
cp "${0%/*}/dsr-check.awk" "$T"
cd "$T"

# rec CELL...: one DSR record, its cells joined by tabs.
rec() { (IFS='	'; printf '%s\n' "$*"); }
# Cells 12 to 22 of AS02.02: the musical work, unknown.
W='' ; NOWORK="$W	$W	$W	$W	$W	$W	$W	$W	$W	$W	"

# The month: 50.00 shared, 10 qualified listens (T1 4, T2 2, T3 3, T4 0,
# T5 1).  Believe's titles (catalogue "believe", "Believe", "BELIEVE")
# are T1, T2, T4 and T5: 4 + 2 + 0 + 1 = 7 listens and 1.50 + 8.00 +
# 1.50 + 4.00 + 1.50 + 1.50 + 2.00 = 20.00.  T4 has only fixed-part money
# and no listen: no usage, so no block for its release.  Blocks: release
# 3610000000001 (T1, T2), then T5 alone (no UPC, so no RE01).  Records in
# the file: HEAD, SY02.02, 1 + 2 + 2, 1 + 1, FOOT = 10.  T2's title has a
# tab (sent as \<tab>), T5's a pipe (\\|) and its artists a backslash (\\\).
B=DSR_PADPIDA2009000001B_PADPIDA2026000001X_1Dtouch_2026-10_FR_1of1_20261031T235959.tsv
{
rec HEAD dsrf/1.3/1.2/1.3 BasicAudioProfile 1.2 1d-2026-10-PADPIDA2009000001B 2026-10-31T23:59:59Z 1 1 \
    2026-10-01 2026-10-31 PADPIDA2026000001X 1Dtouch 1Dtouch PADPIDA2009000001B 'Believe Digital' \
    'A Label|C & D Records'
rec SY02.02 1 '' '' SubscriptionModel OnDemandStream FR 1Dtouch 10 '' EUR 50.00 'Believe Digital' \
    '' 7 20.00 20.00 '' Music '' '' ''
rec RE01 1 R1 3610000000001 '' '' 3610000000001 'A & B' '' Album '' '' 'A Label' '' 'Believe Digital'
rec AS02.02 1 A1 T1 FRZ010000001 'Un, deux' '' 'A & B' '' PT3M35S SoundRecording "$NOWORK"
rec AS02.02 1 A2 T2 FRZ010000002 'Deux\	bis' '' 'A & B' '' PT4M0S SoundRecording "$NOWORK"
rec SU02 1 1 1-A1 '' A1 true 4 '' ''
rec SU02 1 1 1-A2 '' A2 true 2 '' ''
rec AS02.02 2 A1 T5 '' 'Cinq\\|5' '' 'C\\\D' '' '' SoundRecording "$NOWORK"
rec SU02 2 1 2-A1 '' A1 true 1 '' ''
rec FOOT 10 10 1 2 2
} >expected
run 1d-report dsr --distributor BELIEVE --distributors distributors.csv --catalog catalog.csv \
    --policy policy.conf -o dsr payouts.csv
check_exit 0 "dsr, the distributor named in any case"
check_true "one file, named as DSR Part 1 says" test "$(ls dsr)" = "$B"
check_same expected "dsr/$B" "Believe's report, whole"
check_true "its structure checks" awk -f dsr-check.awk "dsr/$B"

# Without --distributor, one report per distributor.  IDOL: T3, 3
# listens, 1.50 + 6.00 = 7.50, no UPC; 2 + 2 + 1 = 5 records.
I=DSR_PADPIDA2010000002I_PADPIDA2026000001X_1Dtouch_2026-10_FR_1of1_20261031T235959.tsv
{
rec HEAD dsrf/1.3/1.2/1.3 BasicAudioProfile 1.2 1d-2026-10-PADPIDA2010000002I 2026-10-31T23:59:59Z 1 1 \
    2026-10-01 2026-10-31 PADPIDA2026000001X 1Dtouch 1Dtouch PADPIDA2010000002I IDOL 'Small Label'
rec SY02.02 1 '' '' SubscriptionModel OnDemandStream FR 1Dtouch 10 '' EUR 50.00 IDOL \
    '' 3 7.50 7.50 '' Music '' '' ''
rec AS02.02 1 A1 T3 '' Trois '' Petit '' '' SoundRecording "$NOWORK"
rec SU02 1 1 1-A1 '' A1 true 3 '' ''
rec FOOT 5 5 1 1 1
} >expected
run 1d-report dsr --distributors distributors.csv --catalog catalog.csv --policy policy.conf -o all payouts.csv
check_exit 0 "dsr for every distributor"
check_true "two reports" test "$(ls all | wc -l)" -eq 2
check_same "dsr/$B" "all/$B" "Believe's is the same"
check_same expected "all/$I" "IDOL's report, whole"
check_true "its structure checks" awk -f dsr-check.awk "all/$I"

# Split at 700 bytes (HEAD 213 + SY02.02 111 + block 1 294 + block 2 88 +
# FOOT 17 = 723 bytes in one file): block 1 in file 1 (HEAD, SY02.02, 5, FOOT = 8 records), block
# 2 in file 2 (HEAD, SY02.02, 2, FOOT = 5): 13 records in the report.
run 1d-report dsr --distributor believe --distributors distributors.csv --catalog catalog.csv \
    --policy policy.conf --max-bytes 700 -o split payouts.csv
check_exit 0 "a report split by --max-bytes"
S1=split/DSR_PADPIDA2009000001B_PADPIDA2026000001X_1Dtouch_2026-10_FR_1of2_20261031T235959.tsv
S2=split/DSR_PADPIDA2009000001B_PADPIDA2026000001X_1Dtouch_2026-10_FR_2of2_20261031T235959.tsv
sed -n '1s/\t1\t1\t2026/\t1\t2\t2026/p;2,7p' "dsr/$B" >expected
rec FOOT 8 13 1 1 2 >>expected
check_same expected "$S1" "file 1 of 2: HEAD 1 of 2, the summary, block 1"
sed -n '1s/\t1\t1\t2026/\t2\t2\t2026/p;2p;8,9p' "dsr/$B" >expected
rec FOOT 5 13 1 1 2 >>expected
check_same expected "$S2" "file 2 of 2: HEAD 2 of 2, the same summary, block 2"
check_true "their structure checks" awk -f dsr-check.awk "$S1" "$S2"
check_true "no file above the limit" test "$(cat split/* | wc -c)" -gt 700 -a "$(wc -c <"$S1")" -le 700 -a "$(wc -c <"$S2")" -le 700
run 1d-report dsr --distributor believe --distributors distributors.csv --catalog catalog.csv \
    --policy policy.conf --max-bytes 300 -o small payouts.csv
check_exit 2 "a block larger than --max-bytes"
check_err "block 1 takes "
check_true "nothing written" test ! -e small

# The checker finds what it is for.
sed 's/^FOOT\t10/FOOT\t9/; s/^SU02\t2\t1/SU02\t2\t7/' "dsr/$B" >bad_1of1_x.tsv
run awk -f dsr-check.awk bad_1of1_x.tsv
check_out "SU02 points at no summary record: 7" "the checker sees a usage record without its summary"
check_out "FOOT NumberOfLinesInFile 9, the file has 10" "and a wrong FOOT count"

# Errors.
run 1d-report dsr --distributor Nobody --distributors distributors.csv --catalog catalog.csv \
    --policy policy.conf -o x payouts.csv
check_exit 2 "a distributor not in the distributors file is a usage error"
check_err '--distributor: "Nobody" is not in distributors.csv'
grep -v dpid policy.conf >nodpid.conf
run 1d-report dsr --distributors distributors.csv --catalog catalog.csv --policy nodpid.conf -o x payouts.csv
check_exit 2 "no dpid in the policy"
check_err "nodpid.conf: dpid: not given"
printf 'distributor,name,dpid\nBelieve,Believe Digital,PADPIDA2009000001B\nIDOL,IDOL,PA-DPID-1\n' >bad.csv
run 1d-report dsr --distributors bad.csv --catalog catalog.csv --policy policy.conf -o x payouts.csv
check_exit 2 "a malformed distributors file"
check_err 'bad.csv:3: dpid: not a DDEX party id'
printf 'dpid = PADPIDB2026000001X\n' >baddpid.conf
run 1d-report dsr --distributors distributors.csv --catalog catalog.csv --policy baddpid.conf -o x payouts.csv
check_exit 2 "a policy dpid that is not a DDEX party id"
check_err 'baddpid.conf:1: dpid: not a DDEX party id (PADPIDA and 11 letters or digits): "PADPIDB2026000001X"'
printf 'dpid = PADPIDA2026000001X\nservice = 1D touch\n' >space.conf
run 1d-report dsr --distributors distributors.csv --catalog catalog.csv --policy space.conf -o x payouts.csv
check_exit 2 "a service name that cannot be in a file name"
check_err 'space.conf:2: service: '
check_true "nothing written on errors" test ! -e x
run 1d-report dsr --catalog catalog.csv --policy policy.conf -o x payouts.csv
check_exit 2 "--distributors is required"

# Holders get 19.55 + 7.95 = 27.50 of 50.00; with two holders the top
# 1 % and the top 10 % are both one holder, A Label: 19.55/27.50 = 71.1 %.
cat >expected <<'X'
The month 2026-10 (model cct), amounts in EUR

Money shared: 50.00
  operations                 10.00
  research, develop.          7.50
  solidarity fund             5.00
  fixed part                  7.50
  variable part              20.00
  unallocated                 0.00

Rights holders: 2, paid 27.50 in all
  the top  1 % (1 holder) received 71.1 %
  the top 10 % (1 holder) received 71.1 %
X
run 1d-report transparency payouts-10.csv
check_same expected out "transparency: the month on one page"
printf 'holder,cct,prorata\nA Label,19.55,18.00\nSmall,7.95,9.50\n' >compare.csv
run 1d-report transparency --compare compare.csv payouts-10.csv
check_out "  prorata                 27.50" "transparency sums each model"
run 1d-report --excel statements --month 2026-10 -o x payouts-10.csv
check_exit 2 "options come after the subcommand"
run 1d-report keygen --excel --month 2026-10 -o k
check_exit 2 "each subcommand takes only its own options"
check_err "1d-report: keygen: --excel: unknown option"
check_true "nothing written on a usage error" test ! -e k.pem
run 1d-report nonsense
check_exit 2 "an unknown subcommand is a usage error"
done_testing

#!/bin/sh
# 1d-cct: unmatched = hold and --suspense (1d-cct(1) SUSPENSE), months
# computed by hand.  One grant of 100.00 from s1, no VAT, no society
# share: base 10000 = fund 1000, operations 2000, rnd 1500, fixed 1500,
# variable 4000.
. "${0%/*}/lib.sh"
plan 15
cd "$T"

printf 'sacem_rate = 0\nunmatched = hold\n' >policy.conf
cat >ledger.csv <<'X'
date,structure,kind,gross,currency,vat_rate,period_start,period_end,ref
2026-10-01,s1,grant,100.00,EUR,0,2026-10-01,2026-10-31,g10
2026-11-01,s1,grant,100.00,EUR,0,2026-11-01,2026-11-30,g11
X
cat >catalog-10.csv <<'X'
track,holder,release_date,territories,status
A,HA,2001-01-01,Worldwide,active
B,HB,2001-01-01,Worldwide,active
N,,2001-01-01,Worldwide,active
X
cat >usage-10.csv <<'X'
month,track,plays,listens,ms
2026-10,A,2,2,120000
2026-10,N,1,1,60000
2026-10,Z,1,1,60000
X

# October.  N (no holder) and Z (unknown) weigh as back catalogue, 1000
# each; A 2*1000.  The fixed part has only titles with a holder: A, B,
# 750 each.  Variable 4000: HA 2000 : held titles (one holder "") 2000
# -> 2000 each; the held 2000 over N 1000 : Z 1000 -> 1000 each.
# Lines: 1000 + 2000 + 1500 + 1000 + 1000 + 750 + 2000 + 750 = 10000.
cat >expected <<'X'
month,model,holder,part,track,listens,weight,amount
2026-10,cct,,fund,,0,1000,10.00
2026-10,cct,,operations,,0,2000,20.00
2026-10,cct,,rnd,,0,1500,15.00
2026-10,cct,,suspense,N,1,1000,10.00
2026-10,cct,,suspense,Z,1,1000,10.00
2026-10,cct,HA,fixed,A,2,1,7.50
2026-10,cct,HA,variable,A,2,2000,20.00
2026-10,cct,HB,fixed,B,0,1,7.50
X
run 1d-cct --month 2026-10 --policy policy.conf --ledger ledger.csv --catalog catalog-10.csv \
	--summary summary.csv usage-10.csv
check_exit 0 "unmatched = hold"
check_same expected out "held titles weigh in the variable part; their money goes to suspense lines"
check_err "1d-cct: suspense: 2 qualified listens on 2 titles without a known holder; held 20.00, released 0.00, returned 0.00"
grep -E '^(base|held|released|returned),' summary.csv >got
printf 'base,100.00\nreleased,0.00\nheld,20.00\nreturned,0.00\n' >expected
check_same expected got "--summary: held, released, returned"

# November.  The catalogue now knows N's holder HN; Z is still unknown.
# Open suspense: N and Z of October, Y of 2026-04 (7 months old: >= 6,
# returns), W of 2026-06 (5 months: stays open).
#   released: N 10.00 to HN.  returned: 5.00 to November's variable part.
#   fixed 1500 over A, B, N (one title each): 500 each.
#   variable 4000 + 500 returned, all to A (the only title played).
# Lines: 1000 + 2000 + 1500 + 500 + 4500 + 500 + 500 + 1000 = 11500
#   = base 10000 + released 1000 + returned 500 - held 0.
sed 's/^N,,/N,HN,/' catalog-10.csv >catalog-11.csv
printf 'month,track,plays,listens,ms\n2026-11,A,1,1,60000\n' >usage-11.csv
cat >suspense.csv <<'X'
month,track,amount
2026-10,N,10.00
2026-10,Z,10.00
2026-04,Y,5.00
2026-06,W,3.00
X
cat >expected <<'X'
month,model,holder,part,track,listens,weight,amount
2026-11,cct,,fund,,0,1000,10.00
2026-11,cct,,operations,,0,2000,20.00
2026-11,cct,,rnd,,0,1500,15.00
2026-11,cct,HA,fixed,A,1,1,5.00
2026-11,cct,HA,variable,A,1,1000,45.00
2026-11,cct,HB,fixed,B,0,1,5.00
2026-11,cct,HN,fixed,N,0,1,5.00
2026-11,cct,HN,released,N,0,0,10.00
X
run 1d-cct --month 2026-11 --policy policy.conf --ledger ledger.csv --catalog catalog-11.csv \
	--suspense suspense.csv --summary summary.csv --open-suspense open.csv usage-11.csv
check_same expected out "a title held then released; one that expires and returns"
# Still open after November: W (5 months old) and Z (still unknown);
# nothing held in November.
printf 'month,track,amount\n2026-06,W,3.00\n2026-10,Z,10.00\n' >expected
check_same expected open.csv "--open-suspense: the rows neither released nor returned"
grep -E '^(base|held|released|returned),' summary.csv >got
printf 'base,100.00\nreleased,10.00\nheld,0.00\nreturned,5.00\n' >expected
check_same expected got "--summary: released and returned"

# The payout lines of part suspense are a suspense stream themselves.
run 1d-cct --month 2026-10 --policy policy.conf --ledger ledger.csv --catalog catalog-10.csv \
	--open-suspense open.csv usage-10.csv
printf 'month,track,amount\n2026-10,N,10.00\n2026-10,Z,10.00\n' >expected
check_same expected open.csv "--open-suspense: the month's suspense lines"
grep -e '^month,' -e ',suspense,' out >held.csv
run 1d-cct --month 2026-11 --policy policy.conf --ledger ledger.csv --catalog catalog-11.csv \
	--suspense held.csv usage-11.csv
check_err "held 0.00, released 10.00, returned 0.00" "October's suspense lines read back as a suspense stream"

# Errors.
printf 'month,track,amount\n2026-11,N,1.00\n2026-10,N,1.005\n' >bad.csv
run 1d-cct --month 2026-11 --policy policy.conf --ledger ledger.csv --catalog catalog-11.csv \
	--suspense bad.csv usage-11.csv
check_exit 1 "a bad suspense row is a data error"
check_err '1d-cct: bad.csv:2: month: not before 2026-11: "2026-11"'
check_err '1d-cct: bad.csv:3: amount:'
run 1d-cct --month 2026-11 --policy policy.conf --ledger ledger.csv --catalog catalog-11.csv \
	--model user usage-11.csv
check_exit 2 "unmatched = hold with the user model is a usage error"
printf 'sacem_rate = 0\nsuspense_months = 3\n' >share.conf
run 1d-cct --month 2026-11 --policy share.conf --ledger ledger.csv --catalog catalog-11.csv \
	--suspense suspense.csv usage-11.csv
check_err "1d-cct: --suspense needs unmatched = hold in the policy" "--suspense without unmatched = hold is refused"
run 1d-cct --month 2026-11 --policy share.conf --ledger ledger.csv --catalog catalog-11.csv usage-11.csv
check_err "1d-cct: share.conf: suspense_months (line 2) is ignored without unmatched = hold"
done_testing

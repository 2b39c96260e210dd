#!/bin/sh
# 1d-cct: bad policies and ledgers are refused, naming the line, before
# anything is written; malformed usage rows are reported and make the exit
# status 1.
. "${0%/*}/lib.sh"
plan 33
d=$DATA/cct
cd "$T"
cp "$d/ledger.csv" "$d/catalog.csv" "$d/usage.csv" "$d/policy.conf" .
cct() { run 1d-cct --month 2026-10 --catalog catalog.csv "$@"; }

printf 'model = cct\ncolour = blue\n' >p1.conf
cct --policy p1.conf --ledger ledger.csv -o out.csv usage.csv
check_exit 2 "an unknown policy key is refused"
check_err '1d-cct: p1.conf:2: unknown key "colour"'
check_true "nothing written" test ! -e out.csv
printf 'keys = operations:2000 rnd:1500 fund:1000 fixed:1500 variable:3500\n' >p2.conf
cct --policy p2.conf --ledger ledger.csv usage.csv
check_err '1d-cct: p2.conf:1: keys sum to 9500 basis points, not 10000 (100 %)'
printf '# rates\nsacem_rate = -2\n' >p3.conf
cct --policy p3.conf --ledger ledger.csv usage.csv
check_err '1d-cct: p3.conf:2: sacem_rate: not a rate from 0 to 100: "-2"'
printf 'tier.emerging = lots\n' >p4.conf
cct --policy p4.conf --ledger ledger.csv usage.csv
check_err '1d-cct: p4.conf:1: tier.emerging: not a multiplier in thousandths from 0 to 1000000: "lots"'

cat >bad-ledger.csv <<'X'
date,structure,kind,gross,currency,vat_rate,period_start,period_end,ref
2026-10-01,s1,subscription,1200.00,EUR,20,2026-10-01,2026-10-31,ok
2026-10-02,s1,subscription,10.00,USD,20,2026-10-01,2026-10-31,usd
2026-10-03,s1,subscription,12.345,EUR,20,2026-10-01,2026-10-31,mills
2026-10-04,s1,subscription,1e3,EUR,20,2026-10-01,2026-10-31,exp
2026-10-05,s1,donation,10.00,EUR,20,2026-10-01,2026-10-31,kind
2026-10-06,s1,subscription,10.00,EUR,-5,2026-10-01,2026-10-31,rate
2026-10-07,s1,subscription,10.00,EUR,20,2026-10-31,2026-10-01,period
2026-10-08,,subscription,10.00,EUR,20,2026-10-01,2026-10-31,nostructure
2026-10-32,s1,subscription,10.00,EUR,20,2026-10-01,2026-10-31,date
X
cct --policy policy.conf --ledger bad-ledger.csv -o out.csv usage.csv
check_exit 1 "a bad ledger is a data problem"
check_err '1d-cct: bad-ledger.csv:3: currency: "USD" is not the policy'"'"'s currency EUR'
check_err '1d-cct: bad-ledger.csv:4: gross: too many decimals: "12.345"'
check_err '1d-cct: bad-ledger.csv:5: gross: not a decimal number: "1e3"'
check_err '1d-cct: bad-ledger.csv:6: kind: not subscription, refund, grant or adjustment: "donation"'
check_err '1d-cct: bad-ledger.csv:7: vat_rate: not a rate from 0 to 100: "-5"'
check_err '1d-cct: bad-ledger.csv:8: period_end: before period_start'
check_err '1d-cct: bad-ledger.csv:9: structure: empty'
check_err '1d-cct: bad-ledger.csv:10: date: not a date: "2026-10-32"'
check_err '1d-cct: bad-ledger.csv: bad rows, nothing computed'
check_true "nothing written for a bad ledger" test ! -e out.csv

# A rejected row is reported once, for its first bad field, and nothing
# of it is computed (it used to go on from uninitialised amounts and dates).
cat >bad-once.csv <<'X'
date,structure,kind,gross,currency,vat_rate,period_start,period_end,ref
2026-10-01,s1,subscription,12.3.4,EUR,20,2026-10-01,2026-10-31,gross
2026-10-02,s1,subscription,10.00,EUR,20,2026-10-01,someday,period
2026-10-03,s1,subscription,lots,EUR,20,soon,never,both
X
cct --policy policy.conf --ledger bad-once.csv -o out.csv usage.csv
check_exit 1 "a ledger with a malformed gross or period is a data problem"
cat >want-once <<'X'
1d-cct: bad-once.csv:2: gross: not a decimal number: "12.3.4"
1d-cct: bad-once.csv:3: period_end: not a date: "someday"
1d-cct: bad-once.csv:4: gross: not a decimal number: "lots"
1d-cct: bad-once.csv: bad rows, nothing computed
X
grep -v 'model ignores' "$T/err" >err-once
check_same want-once err-once "exactly one message per bad row"
check_true "nothing written for a malformed gross or period" test ! -e out.csv
check_true "no sanitizer report" sh -c "! grep -q 'runtime error' '$T/err'"

printf 'date,structure\n' >short-ledger.csv
cct --policy policy.conf --ledger short-ledger.csv usage.csv
check_exit 2 "a ledger without its columns is an input error"
check_err '1d-cct: short-ledger.csv:1: kind: no such column'

printf 'month,structure,user,track,plays,listens,ms\n2026-10,s1,u1,FRZ012600101,1,1,1000\n2026-10,s1,u1,FRZ012000001,1,x,1000\n13-2026,s1,u1,FRZ012000001,1,1,1000\n' >bad-usage.csv
cct --policy policy.conf --ledger ledger.csv bad-usage.csv
check_exit 1 "malformed usage rows make the exit status 1"
check_err '1d-cct: bad-usage.csv:3: listens: not a non-negative integer: "x"'
check_err '1d-cct: bad-usage.csv:4: month: not a month: "13-2026"'

printf 'holder,tier\nMila Kone,superstar\n' >holders.csv
cct --policy policy.conf --ledger ledger.csv --holders holders.csv usage.csv
check_exit 1 "a tier the policy does not define is refused"
check_err '1d-cct: holders.csv:2: tier: "superstar" is not a tier of the policy'

run 1d-cct --policy policy.conf --ledger ledger.csv --catalog catalog.csv usage.csv
check_exit 2 "--month is required"
cct --policy policy.conf --ledger ledger.csv --model fair usage.csv
check_err '1d-cct: --model: not one of cct, prorata, user, tiers, artist-centric: "fair"'
run 1d-cct --month 2026-10 --policy policy.conf --ledger ledger.csv --catalog nowhere.csv usage.csv
check_exit 2 "an unreadable catalogue is an I/O error"
check_err '1d-cct: nowhere.csv: No such file or directory'
run 1d-cct compare --model cct --month 2026-10 --policy policy.conf --ledger ledger.csv --catalog catalog.csv
check_exit 2 "compare takes no --model"
done_testing

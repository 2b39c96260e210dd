#!/bin/sh
# 1d-report restate: a closed month computed again from its signed bundle
# with corrected inputs, only the differences written, the original
# bundle left as it was and the restatement its own signed bundle.
. "${0%/*}/lib.sh"
plan 24
cd "$T"

# A small month.  VAT 0 and no collecting society, so the base is the
# gross, 100.00 = 10000 cents, split by the keys: operations 2000,
# rnd 1500, fund 1000, fixed 1500, variable 4000 cents.
cat >policy.conf <<'X'
model = cct
territory = FR
currency = EUR
sacem_rate = 0
keys = operations:2000 rnd:1500 fund:1000 fixed:1500 variable:4000
min_payout = 10.00
X
cat >ledger.csv <<'X'
date,structure,kind,gross,currency,vat_rate,period_start,period_end,ref
2026-10-01,s1,subscription,100.00,EUR,0,2026-10-01,2026-10-31,INV-1
X
cat >catalog.csv <<'X'
track,title,holder,release_date,territories,available_from,available_until,status
T1,Un,Aline,2020-01-01,Worldwide,,,active
T2,Deux,Basile,2020-01-01,Worldwide,,,active
X
cat >usage.csv <<'X'
month,structure,user,track,plays,listens,ms
2026-10,s1,u1,T1,3,3,600000
2026-10,s1,u2,T2,1,1,200000
2026-10,s1,u3,T3,4,4,800000
X
1d-cct --month 2026-10 --policy policy.conf --ledger ledger.csv --catalog catalog.csv \
	usage.csv >payouts.csv 2>/dev/null
1d-report keygen -o key
1d-report bundle --sign key.pem -o 2026-10.tar.gz catalog.csv usage.csv ledger.csv policy.conf \
	payouts.csv
cp 2026-10.tar.gz closed.tar.gz

# The closed month: T3 is not in the catalogue, its 4 listens are set
# aside.  Fixed 1500 over Aline and Basile (one title each): 750 each.
# Variable 4000 by weight, all back catalogue: Aline 3 x 1000, Basile
# 1 x 1000, W = 4000: Aline 3000, Basile 1000.
#
# A late catalogue gives T3 to Cora (back catalogue too).  Fixed 1500 over
# three holders: 500 each.  Variable weights 3000, 1000, 4000, W = 8000:
# Aline 4000*3000/8000 = 1500, Basile 500, Cora 2000.  The collective
# lines do not change and are not written; the deltas sum to
# -250 - 1500 - 250 - 500 + 500 + 2000 = 0.
cp catalog.csv late.csv
echo 'T3,Trois,Cora,2020-01-01,Worldwide,,,active' >>late.csv
cat >want <<'X'
month,holder,part,track,old,new,delta
2026-10,Aline,fixed,T1,7.50,5.00,-2.50
2026-10,Aline,variable,T1,30.00,15.00,-15.00
2026-10,Basile,fixed,T2,7.50,5.00,-2.50
2026-10,Basile,variable,T2,10.00,5.00,-5.00
2026-10,Cora,fixed,T3,0.00,5.00,5.00
2026-10,Cora,variable,T3,0.00,20.00,20.00
X
run 1d-report restate --pub key.pub --catalog late.csv 2026-10.tar.gz
check_exit 0 "restate with a late catalogue"
check_same want "$T/out" "a late title that gets a holder: only the differences, by key"
check_true "the pot did not change: nothing said about the base" sh -c "! grep -q base '$T/err'"

# A corrected ledger row: 120.00 instead of 100.00.  Base 12000 cents:
# operations 2400, rnd 1800, fund 1200, fixed 1800 (900 each), variable
# 4800 (Aline 4800*3000/4000 = 3600, Basile 1200).  The deltas sum to
# 200 + 400 + 300 + 150 + 600 + 150 + 200 = 2000 cents, the change of base.
sed 's/100\.00/120.00/' ledger.csv >ledger-fixed.csv
cat >want <<'X'
month,holder,part,track,old,new,delta
2026-10,,fund,,10.00,12.00,2.00
2026-10,,operations,,20.00,24.00,4.00
2026-10,,rnd,,15.00,18.00,3.00
2026-10,Aline,fixed,T1,7.50,9.00,1.50
2026-10,Aline,variable,T1,30.00,36.00,6.00
2026-10,Basile,fixed,T2,7.50,9.00,1.50
2026-10,Basile,variable,T2,10.00,12.00,2.00
X
run 1d-report restate --pub key.pub --ledger ledger-fixed.csv -o fixed 2026-10.tar.gz
check_exit 0 "restate with a corrected ledger"
check_same want fixed/adjustments.csv "a changed pot: the collective lines change too"
check_err "1d-report: restate: the lines of 2026-10 summed to 100.00 and now sum to 120.00 (the base or the suspense released and returned changed): the adjustments sum to 20.00"
check_true "the change of base is said in one line" test "$(grep -c base "$T/err")" = 1

# Nothing corrected: nothing to adjust.
run 1d-report restate 2026-10.tar.gz
check_exit 0 "restate with nothing replaced"
echo 'month,holder,part,track,old,new,delta' >want
check_same want "$T/out" "no difference, no line"

# The restatement bundle: signed, naming the original by its digest,
# holding the corrected inputs and the new payouts, and verifiable.
run 1d-report restate --pub key.pub --catalog late.csv --sign key.pem -o late 2026-10.tar.gz
check_exit 0 "restate -o DIR --sign"
check_true "the closed bundle is not changed" cmp 2026-10.tar.gz closed.tar.gz
check_true "DIR holds the adjustments and the restatement bundle" \
	test "$(ls late | tr '\n' ' ')" = "adjustments.csv restatement.tar.gz "
mkdir x && (cd x && tar xzf ../late/restatement.tar.gz)
check_true "its MANIFEST names the original's digest" \
	grep -qx "restates $(sha256sum 2026-10.tar.gz | cut -d' ' -f1) 2026-10.tar.gz" x/MANIFEST
check_true "it holds the late catalogue as catalog.csv" cmp x/catalog.csv late.csv
check_true "and the adjustments" cmp x/adjustments.csv late/adjustments.csv
1d-cct --month 2026-10 --policy policy.conf --ledger ledger.csv --catalog late.csv \
	usage.csv >payouts-late.csv 2>/dev/null
check_true "and the payouts of the corrected month" cmp x/payouts.csv payouts-late.csv
run 1d-report verify --pub key.pub late/restatement.tar.gz
check_exit 0 "the restatement bundle verifies: its payouts replay"
check_out "payouts: replayed byte for byte"

# Errors: a bundle that does not verify restates nothing.
1d-report keygen -o other
run 1d-report restate --pub other.pub --catalog late.csv -o bad 2026-10.tar.gz
check_exit 1 "a wrong key: nothing restated"
check_err "1d-report: restate: "
check_true "and nothing written" test ! -e bad
run 1d-report restate --sign key.pem 2026-10.tar.gz
check_exit 2 "--sign without -o is a usage error"
run 1d-report restate --ledger missing.csv 2026-10.tar.gz
check_exit 2 "a corrected input that cannot be read"
check_err "1d-cct: missing.csv"
done_testing

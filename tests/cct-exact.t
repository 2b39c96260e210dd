#!/bin/sh
# 1d-cct follows DESIGN.md section 5 to the letter: small months computed
# by hand, one rule each.  Every month here has one grant of 100.00 from
# s1, no VAT and no society share, so the base is 10000 cents:
#   fund 1000, operations 2000, rnd 1500, fixed 1500, variable 4000.
. "${0%/*}/lib.sh"
plan 19
cd "$T"

cat >policy.conf <<'X'
sacem_rate = 0
ac_min_listens = 1000
ac_min_listeners = 1000
ac_user_cap = 1
X
cat >ledger.csv <<'X'
date,structure,kind,gross,currency,vat_rate,period_start,period_end,ref
2026-10-01,s1,grant,100.00,EUR,0,2026-10-01,2026-10-31,g1
X
cat >catalog.csv <<'X'
track,holder,release_date,territories,status
A,HA,2001-01-01,Worldwide,active
B,HB,2001-01-01,Worldwide,active
X
cct() { run 1d-cct --month 2026-10 --policy policy.conf --ledger ledger.csv --catalog catalog.csv "$@"; }
head3() { printf 'month,model,holder,part,track,listens,weight,amount\n'
	printf '2026-10,%s,,fund,,0,1000,%s\n2026-10,%s,,operations,,0,2000,%s\n2026-10,%s,,rnd,,0,1500,%s\n' \
		"$1" "$2" "$1" "$3" "$1" "$4"; }

# Artist-centric, a user id under two structures.  u1 plays A once in s1
# and B once in s2, u2 plays B once in s1; the cap is 1 listen per user.
# u1 has 2 listens over the month: the cap 1 is shared A 1 : B 1, each
# 0 remainder 1, the tie to the smaller key: A 1, B 0.  u2 weighs 1 on B.
# Weights A 1000, B 1000 (back catalogue): variable 4000 -> 2000 each;
# fixed 1500 by one title each -> 750 each.  No boost (thresholds 1000).
cat >usage.csv <<'X'
month,structure,user,track,plays,listens,ms
2026-10,s1,u1,A,1,1,60000
2026-10,s2,u1,B,1,1,60000
2026-10,s1,u2,B,1,1,60000
X
head3 artist-centric 10.00 20.00 15.00 >expected
cat >>expected <<'X'
2026-10,artist-centric,HA,fixed,A,1,1,7.50
2026-10,artist-centric,HA,variable,A,1,1000,20.00
2026-10,artist-centric,HB,fixed,B,2,1,7.50
2026-10,artist-centric,HB,variable,B,2,1000,20.00
X
cct --model artist-centric usage.csv
check_same expected out "artist-centric: a user capped over both of its structures"
# Renaming s1 and s2 (swapped) or merging them into one changes nothing.
sed 's/,s1,/,tmp,/; s/,s2,/,s1,/; s/,tmp,/,s2,/' usage.csv >swapped.csv
cct --model artist-centric swapped.csv
check_same expected out "artist-centric: structures swapped, same lines"
sed 's/,s2,/,s1,/' usage.csv >merged.csv
cct --model artist-centric merged.csv
check_same expected out "artist-centric: structures merged, same lines"

# Distinct listeners are user ids over the month.  Boost 2000 from 3
# listens and 3 listeners, no cap.  A is played by u1 in s1, u2 in s1 and
# u1 again in s2: 3 listens but 2 listeners, no boost.  B is played by
# u3, u4 and u5: boosted.  A 3*1000*1000 : B 3*1000*2000 -> 4000 by 1:2
# = 1333 r1 and 2666 r2: the cent to B, 2667.
cat >boost.conf <<'X'
sacem_rate = 0
ac_min_listens = 3
ac_min_listeners = 3
ac_user_cap = 0
X
cat >usage2.csv <<'X'
month,structure,user,track,plays,listens,ms
2026-10,s1,u1,A,1,1,60000
2026-10,s1,u2,A,1,1,60000
2026-10,s2,u1,A,1,1,60000
2026-10,s1,u3,B,1,1,60000
2026-10,s1,u4,B,1,1,60000
2026-10,s2,u5,B,1,1,60000
X
head3 artist-centric 10.00 20.00 15.00 >expected
cat >>expected <<'X'
2026-10,artist-centric,HA,fixed,A,3,1,7.50
2026-10,artist-centric,HA,variable,A,3,3000,13.33
2026-10,artist-centric,HB,fixed,B,3,1,7.50
2026-10,artist-centric,HB,variable,B,3,3000,26.67
X
run 1d-cct --month 2026-10 --policy boost.conf --ledger ledger.csv --catalog catalog.csv \
	--model artist-centric usage2.csv
check_same expected out "artist-centric: one listener is one user id, whatever its structures"
sed 's/,s1,/,tmp,/; s/,s2,/,s1,/; s/,tmp,/,s2,/' usage2.csv >swapped.csv
run 1d-cct --month 2026-10 --policy boost.conf --ledger ledger.csv --catalog catalog.csv \
	--model artist-centric swapped.csv
check_same expected out "artist-centric: the boost does not depend on structure names"

# User-centric by time: u1 played A (1 qualified listen, 60 s) and only
# skipped B (0 listens, 20 s).  B earns nothing from u1: the whole 5500
# of fixed + variable goes to A, weight 60000 ms.
cat >usage3.csv <<'X'
month,structure,user,track,plays,listens,ms
2026-10,s1,u1,A,1,1,60000
2026-10,s1,u1,B,1,0,20000
X
head3 user 10.00 20.00 15.00 >expected
echo '2026-10,user,HA,variable,A,1,60000,55.00' >>expected
cct --model user --weight ms usage3.csv
check_same expected out "user-centric by time: a title only skipped earns nothing"

# --pool structure with prorata: s1 alone has money; in s1, A and B have
# one listen each: 5500 by 1:1 -> 2750 each.  u1's listen on B in s2 (no
# money) weighs nothing and is not in B's listens column; it is said.
head3 prorata 10.00 20.00 15.00 >expected
cat >>expected <<'X'
2026-10,prorata,HA,variable,A,1,1,27.50
2026-10,prorata,HB,variable,B,1,1,27.50
X
cct --model prorata --pool structure usage.csv
check_same expected out "--pool structure applies to prorata"
check_err "1d-cct: usage: 1 qualified listens of 1 structure without money in 2026-10 (s2) weigh nothing"

# With no money in the month, every model and pool still writes the
# fund, operations and rnd lines, at 0.00.
cat >empty-ledger.csv <<'X'
date,structure,kind,gross,currency,vat_rate,period_start,period_end,ref
2026-09-01,s1,grant,100.00,EUR,0,2026-09-01,2026-09-30,g1
X
head3 user 0.00 0.00 0.00 >expected
run 1d-cct --month 2026-10 --policy policy.conf --ledger empty-ledger.csv --catalog catalog.csv \
	--model user usage.csv
check_same expected out "user model without money: the collective lines at 0.00"
head3 cct 0.00 0.00 0.00 >expected
run 1d-cct --month 2026-10 --policy policy.conf --ledger empty-ledger.csv --catalog catalog.csv \
	--pool structure usage.csv
check_same expected out "--pool structure without money: the collective lines at 0.00"

# Artist-centric counts a user over the whole month: no structure pool.
cct --model artist-centric --pool structure usage.csv
check_exit 2 "artist-centric with --pool structure is a usage error"
check_err "1d-cct: --pool: the artist-centric model counts a user over the whole month: refused with pool structure"
# --weight only changes the user model: elsewhere it is refused.
cct --model prorata --weight ms usage.csv
check_exit 2 "--weight with prorata is a usage error"
check_err "1d-cct: --weight applies to the user model only, not prorata"
# Territory codes match without regard to case: A is sold in "fr be",
# B in "Fr", and the policy says "fr"; both are active.  usage.csv has A
# 1 listen, B 2: fixed 750 each; variable 4000 by 1000:2000 = 1333 r1000
# and 2666 r2000, the cent to B: 2667.
cat >case-catalog.csv <<'X'
track,holder,release_date,territories,status
A,HA,2001-01-01,fr be,active
B,HB,2001-01-01,Fr,active
X
sed 's/^sacem_rate = 0$/sacem_rate = 0\nterritory = fr/' policy.conf >case.conf
head3 cct 10.00 20.00 15.00 >expected
cat >>expected <<'X'
2026-10,cct,HA,fixed,A,1,1,7.50
2026-10,cct,HA,variable,A,1,1000,13.33
2026-10,cct,HB,fixed,B,2,1,7.50
2026-10,cct,HB,variable,B,2,2000,26.67
X
run 1d-cct --month 2026-10 --policy case.conf --ledger ledger.csv --catalog case-catalog.csv usage.csv
check_same expected out "territory codes match without regard to case"

# The ledger: a subscription or a grant is never negative, a refund never
# positive, and a ref names one payment (both lines are named).
cat >bad-ledger.csv <<'X'
date,structure,kind,gross,currency,vat_rate,period_start,period_end,ref
2026-10-01,s1,grant,100.00,EUR,0,2026-10-01,2026-10-31,g1
2026-10-02,s1,subscription,-5.00,EUR,0,2026-10-01,2026-10-31,g2
2026-10-03,s1,refund,5.00,EUR,0,2026-10-01,2026-10-31,g3
2026-10-04,s1,grant,100.00,EUR,0,2026-10-01,2026-10-31,g1
X
run 1d-cct --month 2026-10 --policy policy.conf --ledger bad-ledger.csv --catalog catalog.csv usage.csv
check_exit 1 "a ledger with sign or ref faults is refused"
check_err '1d-cct: bad-ledger.csv:3: gross: a subscription is never negative: "-5.00"'
check_err '1d-cct: bad-ledger.csv:4: gross: a refund is never positive: "5.00"'
check_err '1d-cct: bad-ledger.csv:5: ref: "g1" is also the ref of line 2: a payment booked twice'
done_testing

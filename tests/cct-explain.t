#!/bin/sh
# 1d-cct --explain: the derivation of one track's or holder's amounts.  The
# hand-worked month of tests/cct-models.t explained by hand, then seeded
# random months under every model where tests/explain-check.awk redoes
# every quotient, remainder, rank and leftover of the explanations and
# finds the amounts of the payout lines.
. "${0%/*}/lib.sh"
cases=${CCT_EXPLAIN_CASES:-30}
plan $((10 + cases))
d=$DATA/cct
cct() { run 1d-cct --month 2026-10 --policy "$d/policy.conf" --ledger "$d/ledger.csv" \
	--catalog "$d/catalog.csv" --holders "$d/holders.csv" "$@"; }

# Track E (FRZ012311002, Ardente Records) under cct, worked from the rules:
#   keys: 91500 x 1500 = 13725 x 10000 + 0, 91500 x 4000 = 36600 x 10000 + 0;
#     every remainder 0, so ranks in byte order: fixed 1 ... variable 5.
#   fixed over holders 3:2 (W 5): Ardente 13725 x 2 = 27450 = 5490 x 5 + 0,
#     rank 1 of 2 (remainders tie, "Ardente Records" < "Mila Kone").
#   Ardente's fixed 5490 over D, E 1:1: 5490 = 2745 x 2 + 0, E ranks 2.
#   variable over holders 20000:7000 (W 27000): Ardente 36600 x 7000 =
#     256200000 = 9488 x 27000 + 24000; Mila 27111 r 3000; 36600 - 36599
#     = 1 leftover, Ardente's remainder ranks 1: 9489.
#   Ardente's 9489 over D 4 x 1000, E 2 x 1500 (W 7000): 9489 x 3000 =
#     28467000 = 4066 x 7000 + 5000; D 5422 r 2000; 1 leftover to E: 4067.
#   E: 2745 + 4067 = 6812 cents, as in cct.expected.
# Steps are numbered in the order the computation runs them: holders in
# the order of their first title in the catalogue, and Ardente's taken-down
# FRX452400011 sorts first, so Ardente's titles are steps 3 and 6, Mila's
# (not shown) 4 and 7.
cat >"$T/expected" <<'X'
Track FRZ012311002 (holder Ardente Records), model cct, 2026-10, pool month.
Amounts are in cents.  Each step shares a total T over weights w that sum to W:
an item gets the quotient floor(|T| x w / W), and the |T| - (sum of the quotients)
leftover cents go one each to the largest remainders |T| x w mod W, ties to the
first item in byte order: a rank within the leftover is +1.  A negative T is
shared as |T| and the amounts negated.

step 1: the base of the month over the keys
  total 91500 cents, 5 items, W = 10000, 0 leftover
  fixed: w = 1500 (the key, in basis points)
    91500 x 1500 = 137250000 = 13725 x 10000 + 0
    quotient 13725, remainder rank 1 of 5, beyond 0 leftover: +0
    amount 13725 (137.25)
  variable: w = 4000 (the key, in basis points)
    91500 x 4000 = 366000000 = 36600 x 10000 + 0
    quotient 36600, remainder rank 5 of 5, beyond 0 leftover: +0
    amount 36600 (366.00)

step 2: the fixed part of the month over the holders
  total 13725 cents, 2 items, W = 5, 0 leftover
  Ardente Records: w = 2 (the sum of its titles' weights)
    13725 x 2 = 27450 = 5490 x 5 + 0
    quotient 5490, remainder rank 1 of 2, beyond 0 leftover: +0
    amount 5490 (54.90)

step 3: holder Ardente Records's fixed part of the month over its titles
  total 5490 cents, 2 items, W = 2, 0 leftover
  FRZ012311002: w = 1 (an active title)
    5490 x 1 = 5490 = 2745 x 2 + 0
    quotient 2745, remainder rank 2 of 2, beyond 0 leftover: +0
    amount 2745 (27.45)

step 5: the variable part of the month over the holders
  total 36600 cents, 2 items, W = 27000, 1 leftover
  Ardente Records: w = 7000 (the sum of its titles' weights)
    36600 x 7000 = 256200000 = 9488 x 27000 + 24000
    quotient 9488, remainder rank 1 of 2, within 1 leftover: +1
    amount 9489 (94.89)

step 6: holder Ardente Records's variable part of the month over its titles
  total 9489 cents, 2 items, W = 7000, 1 leftover
  FRZ012311002: w = 2 x 1500 = 3000 (qualified listens x novelty coefficient)
    9489 x 3000 = 28467000 = 4066 x 7000 + 5000
    quotient 4066, remainder rank 1 of 2, within 1 leftover: +1
    amount 4067 (40.67)

Track FRZ012311002: fixed 2745 + variable 4067 = 6812 cents = 68.12, the sum of its title rows above.
X
cct --model cct --explain FRZ012311002 "$d/usage.csv"
check_exit 0 "--explain a track"
check_same "$T/expected" "$T/out" "--explain: track E under cct, worked by hand"

# Track A (FRZ012600101) user-centric, as a table: the keys as above; 50325
#   = fixed 13725 + variable 36600 over u1, u2, u3 (W 3): 16775 r 0 each,
#   ranks in byte order.  u1: 16775 over A 6, B 5 (W 11): A 16775 x 6 =
#   100650 = 9150 x 11 + 0, B (FRZ012000001) first in byte order: A ranks 2.
#   u2: 16775 over A 4, D 4 (W 8): 67100 = 8387 x 8 + 4 for both, 1
#   leftover to D (first in byte order): A 8387.  A: 9150 + 8387 = 17537.
cat >"$T/expected" <<'X'
step,kind,structure,user,part,holder,item,units,factor,weight,items,weight_sum,total,quotient,remainder,rank,leftover,plus,amount
1,keys,s1,,,,fixed,1500,1,1500,5,10000,91500,13725,0,1,0,0,13725
1,keys,s1,,,,variable,4000,1,4000,5,10000,91500,36600,0,5,0,0,36600
2,users,s1,,,,u1,1,1,1,3,3,50325,16775,0,1,0,0,16775
2,users,s1,,,,u2,1,1,1,3,3,50325,16775,0,2,0,0,16775
3,user-titles,s1,u1,,Mila Kone,FRZ012600101,6,1,6,2,11,16775,9150,0,2,0,0,9150
4,user-titles,s1,u2,,Mila Kone,FRZ012600101,4,1,4,2,8,16775,8387,4,2,1,0,8387
X
cct --model user --explain track:FRZ012600101 --csv "$d/usage.csv"
check_same "$T/expected" "$T/out" "--explain --csv: track A under user-centric, worked by hand"

cct --explain NOBODY "$d/usage.csv"
check_exit 1 "--explain an unknown name"
check_err "1d-cct: --explain: no track or holder \"NOBODY\" in the catalogue; nothing written"
cct --explain holder:FRZ012600101 "$d/usage.csv"
check_err "1d-cct: --explain: no holder \"FRZ012600101\" in the catalogue; nothing written"
# A track whose id is also a holder's name must be said which.
printf 'track,holder,release_date,territories,status\nX1,X1,2001-01-01,Worldwide,active\n' >"$T/same.csv"
run 1d-cct --month 2026-10 --policy "$d/policy.conf" --ledger "$d/ledger.csv" --catalog "$T/same.csv" \
	--explain X1 "$d/usage.csv"
check_err "1d-cct: --explain: \"X1\" is both a track and a holder: say track:X1 or holder:X1"
cct --csv "$d/usage.csv"
check_exit 2 "--csv without --explain is a usage error"
printf 'month,track,amount\n2026-09,X9,1.00\n' >"$T/open.csv"
cct --explain track:FRZ012600101 --suspense "$T/open.csv" "$d/usage.csv"
check_exit 2 "--explain with --suspense is a usage error"
check_err "1d-cct: --explain: not with --suspense"

cd "$T"
i=0
while [ $i -lt $cases ]; do
	i=$((i + 1))
	awk -v seed=$((i + 1000)) -v refunds=$((i % 3 == 0)) -f "$DATA/random-month.awk"
	# Every model in turn, whatever the policy drew; artist-centric is
	# refused with --pool structure.
	model=$(echo cct prorata user tiers artist-centric | cut -d' ' -f$((i % 5 + 1)))
	[ "$model" = artist-centric ] && sed -i 's/^pool = .*/pool = month/' policy.conf
	set -- --month 2026-10 --policy policy.conf --ledger ledger.csv --catalog catalog.csv \
		--holders holders.csv --model "$model"
	1d-cct "$@" usage.csv >payouts.csv 2>/dev/null
	: >explained.csv
	for who in $(awk -F, 'NR > 1 && $3 != "" { print "holder:" $3; print "track:" $5 }' payouts.csv | sort -u); do
		1d-cct "$@" --explain "$who" --csv usage.csv 2>/dev/null |
			awk -v who="$who" 'NR > 1 { print who "," $0 }' >>explained.csv
	done
	pool=$(sed -n 's/^pool = //p' policy.conf)
	# A month where no holder is paid explains nothing: then nothing is checked.
	if awk -F, -v model="$model" -f "$DATA/../explain-check.awk" payouts.csv explained.csv >check.out &&
	    { [ -s explained.csv ] || ! awk -F, 'NR > 1 && $3 != "" { f = 1 } END { exit !f }' payouts.csv; }; then
		ok 0 "case $i ($model, pool $pool): explanations redone by hand give the payout lines ($(cat check.out))"
	else
		ok 1 "case $i ($model, pool $pool): explanations redone by hand give the payout lines"
		diag "$(head -20 check.out)"
	fi
done
done_testing

#!/bin/sh
# 1d-cct: one hand-computed month under every model, and a leap-year month
# of ledger arithmetic.  The expected files in tests/data/cct were worked
# out by hand from the rules of 1d-cct(1); the arithmetic is in the
# comments below.
. "${0%/*}/lib.sh"
plan 22
d=$DATA/cct
cct() { run 1d-cct --month 2026-10 --policy "$d/policy.conf" --ledger "$d/ledger.csv" \
	--catalog "$d/catalog.csv" --holders "$d/holders.csv" "$@"; }

# October 2026, one structure paying 1200.00 with 20 % VAT:
#   vat = 120000*20/120 = 20000, net 100000, society 8.5 % = 8500,
#   base 91500 = fixed 13725 + fund 9150 + operations 18300 + rnd 13725
#   + variable 36600.
# Active: A, B, C (Mila Kone) and D, E (Ardente); F is taken down, X is
# not in FR.  D was released 2023-10-31, exactly 36 months before
# 2026-10-31: back catalogue (1000); E on 2023-11-01 and A in 2026: new
# (1500).
# cct: fixed 13725 by titles 3:2 -> 8235 and 5490, 2745 per title.
#   variable weights A 10*1500, B 5*1000, D 4*1000, E 2*1500:
#   Mila 20000, Ardente 7000 -> 27111 r3000 and 9488 r24000, the cent
#   left to Ardente: 9489; Mila: A 20333 r5000, B 6777 r15000 -> B 6778;
#   Ardente: D 5422 r2000, E 4066 r5000 -> E 4067.
cct -v --model cct "$d/usage.csv"
check_exit 0 "cct model"
check_same "$d/cct.expected" "$T/out" "cct: payout lines computed by hand"
check_err "1d-cct: usage: read 9 = used 5 + set aside 3 + malformed 0 + other months 1; 21 qualified listens counted, 5 set aside"
# prorata: fixed + variable = 50325 by listens 15:6 -> 35946 r9 and
#   14378 r12 -> Ardente 14379; Mila A 23964 B 11982; Ardente D 9586 E 4793.
cct --model prorata "$d/usage.csv"
check_same "$d/prorata.expected" "$T/out" "prorata: payout lines computed by hand"
# user: 50325 to u1, u2, u3 (16775 each); u1 A 6:B 5 -> 9150, 7625;
#   u2 A 4:D 4 -> 8387.5 each, the tie to the smaller key D: 8388, 8387;
#   u3 E 16775.  A gets 9150 + 8387.
cct --model user "$d/usage.csv"
check_same "$d/user.expected" "$T/out" "user-centric: payout lines computed by hand"
# tiers: Mila emerging 1500, Ardente independent 1000.  fixed 4500:2000
#   -> 9501 r6000 (gets the cent: 9502), 4223 r500; 9502 over three titles
#   3168 (smallest key), 3167, 3167; 4223 -> D 2112, E 2111.  variable
#   30000000:7000000 -> 29675 r25e6 (gets the cent), 6924;
#   Mila A 22257 B 7419; Ardente D 3956 r4 (gets the cent) E 2967.
cct --model tiers "$d/usage.csv"
check_same "$d/tiers.expected" "$T/out" "tiers: payout lines computed by hand"
# artist-centric: cap 5 listens per user: u1 A 6 B 5 -> A 3 B 2;
#   u2 A 4 D 4 -> D 3 A 2 (tie to D); u3 E 2.  Mila has 15 listens and 2
#   listeners (boost 2000), Ardente 6 listens (no boost).  weights
#   A 5*1500, B 2*1000, D 3*1000, E 2*1500; holders 9500*2000 :
#   6000*1000 -> 27816 and 8784; A 21960 B 5856; D 4392 E 4392.
cct --model artist-centric "$d/usage.csv"
check_same "$d/artist-centric.expected" "$T/out" "artist-centric: payout lines computed by hand"

# --pool structure, with a second structure s2 paying 120.00 (base 9150:
#   fixed 1372.5 and rnd 1372.5 tie, the cent to "fixed": 1373, fund 915,
#   operations 1830, rnd 1372, variable 3660) whose only listener u9
#   played E three times: E takes all of s2's fixed and variable parts.
#   s1's fixed part now goes to the titles s1 played (A, B, D, E: not C):
#   13725 by 2:2, the tie to Ardente (6863: D 3432, E 3431), Mila 6862
#   (A 3431, B 3431); s1's variable part is as above.
sed '$a2026-10,s2,u9,FRZ012311002,3,3,600000' "$d/usage.csv" >"$T/usage-two.csv"
run 1d-cct --month 2026-10 --policy "$d/policy.conf" --ledger "$d/ledger-two.csv" \
	--catalog "$d/catalog.csv" --pool structure "$T/usage-two.csv"
check_same "$d/pool-structure.expected" "$T/out" "--pool structure: payout lines computed by hand"

# The smallest month: one structure paying 100.00 without VAT or society
# share, one holder with one back-catalogue title played 3 times.  Base
# 10000 cents: fund 1000, operations 2000, rnd 1500, fixed 1500 and
# variable 4000 all to the one title.
printf 'sacem_rate = 0\n' >"$T/zero.conf"
printf 'date,structure,kind,gross,currency,vat_rate,period_start,period_end,ref\n2026-10-01,s1,grant,100.00,EUR,0,2026-10-01,2026-10-31,g\n' >"$T/one-ledger.csv"
printf 'track,holder,release_date,territories,status\nT1,H,2001-01-01,Worldwide,active\n' >"$T/one-catalog.csv"
printf 'month,track,plays,listens,ms\n2026-10,T1,4,3,600000\n' >"$T/one-usage.csv"
cat >"$T/expected" <<'X'
month,model,holder,part,track,listens,weight,amount
2026-10,cct,,fund,,0,1000,10.00
2026-10,cct,,operations,,0,2000,20.00
2026-10,cct,,rnd,,0,1500,15.00
2026-10,cct,H,fixed,T1,3,1,15.00
2026-10,cct,H,variable,T1,3,3000,40.00
X
run 1d-cct --month 2026-10 --policy "$T/zero.conf" --ledger "$T/one-ledger.csv" \
	--catalog "$T/one-catalog.csv" "$T/one-usage.csv"
check_same "$T/expected" "$T/out" "one structure, one holder, one title"

# The model can come from the policy.
sed 's/^model = cct/model = prorata/' "$d/policy.conf" >"$T/prorata.conf"
run 1d-cct --month 2026-10 --policy "$T/prorata.conf" --ledger "$d/ledger.csv" \
	--catalog "$d/catalog.csv" "$d/usage.csv"
check_same "$d/prorata.expected" "$T/out" "model = prorata in the policy"

# Set-aside rows go to --rejects with their reason.
cct --rejects "$T/rejects.csv" "$d/usage.csv"
cat >"$T/expected" <<X
_file,_line,_reason,month,structure,user,track,plays,listens,ms
$d/usage.csv,7,"taken down: ""FRX452400011""",2026-10,s1,u3,FRX452400011,3,3,500000
$d/usage.csv,8,"not available in FR: ""FRX451900500""",2026-10,s1,u3,FRX451900500,1,1,200000
$d/usage.csv,9,"not in the catalogue: ""ZZ0000000000""",2026-10,s1,u1,ZZ0000000000,1,1,100000
X
check_same "$T/expected" "$T/rejects.csv" "listens on inactive or unknown titles are set aside with a reason"

# The same usage as a rollup per track gives the same cct lines.
printf 'month,track,plays,listens,ms,users\n2026-10,FRZ012600101,12,10,2000000,2\n2026-10,FRZ012000001,5,5,1000000,1\n2026-10,FRZ012311001,4,4,700000,1\n2026-10,FRZ012311002,2,2,400000,1\n' >"$T/rollup.csv"
cct "$T/rollup.csv"
check_same "$d/cct.expected" "$T/out" "usage rolled up by track gives the same cct lines"
cct --model user "$T/rollup.csv"
check_exit 1 "the user model needs users"
check_err "1d-cct: the user model needs usage with structure and user columns"

cct --summary "$T/summary.csv" "$d/usage.csv"
cat >"$T/expected" <<'X'
key,value
month,2026-10
model,cct
gross,1200.00
vat,200.00
net,1000.00
society,85.00
base,915.00
fixed,137.25
fund,91.50
operations,183.00
released,0.00
rnd,137.25
suspense,0.00
unallocated,0.00
variable,366.00
held,0.00
returned,0.00
qualified_listens,21
listens_set_aside,5
value_per_listen,17.428571
holders_paid,2
X
check_same "$T/expected" "$T/summary.csv" "--summary: the month's totals"

# compare: every model's total per holder (sums of the lines above).
cat >"$T/expected" <<'X'
holder,cct,prorata,user,tiers,artist-centric
Ardente Records,149.79,143.79,251.63,111.47,142.74
Les Disques du Forez,0.00,0.00,0.00,0.00,0.00
Mila Kone,353.46,359.46,251.62,391.78,360.51
X
run 1d-cct compare --month 2026-10 --policy "$d/policy.conf" --ledger "$d/ledger.csv" \
	--catalog "$d/catalog.csv" --holders "$d/holders.csv" "$d/usage.csv"
check_same "$T/expected" "$T/out" "compare: one row per holder and model"

# February 2024 (29 days).  The annual 1200.00 of s1 over 366 days: the
# seven 31-day months take the 7 cents left, February 9508 of gross; its
# VAT 20000 spreads as 1693/1639/1584 with 9 cents left: the 31-day
# months, February (remainder 256) and 2024-04 (first of the 30-day
# months by key): 1585.  The grant of 29.00 over 02-15..03-14 gives
# February 15/29: 1500.  s2: 5000 with VAT round(5000*5.5/105.5) = 261,
# refund -1000 with VAT -52.  The advance for March and the late payment
# for December count nothing.  s1 net 11008-1585 = 9423, society 801;
# s2 net 4000-209 = 3791, society 322; base 8622 + 3469 = 12091, keys
# 1813.65/1209.1/2418.2/1813.65/4836.4 -> fixed and rnd take the two
# cents left.  No listens: the variable part is unallocated.
printf 'month,structure,user,track,plays,listens,ms\n' >"$T/empty.csv"
run 1d-cct --month 2024-02 --policy "$d/policy.conf" --ledger "$d/ledger-2024.csv" \
	--catalog "$d/catalog-2024.csv" --summary "$T/summary.csv" "$T/empty.csv"
check_exit 0 "a month with no listens"
check_same "$d/payouts-2024.expected" "$T/out" "leap-year accrual, refund, grant: payout lines"
check_same "$d/summary-2024.expected" "$T/summary.csv" "leap-year accrual, refund, grant: totals"

run 1d-cct -t --month 2026-10 --policy "$d/policy.conf" --ledger "$d/ledger.csv" \
	--catalog "$d/catalog.csv" "$d/usage.csv"
check_exit 2 "-t reads TSV, so CSV files are not understood"
tr ',' '\t' <"$d/ledger.csv" >"$T/ledger.tsv"
tr ',' '\t' <"$d/catalog.csv" >"$T/catalog.tsv"
tr ',' '\t' <"$d/usage.csv" >"$T/usage.tsv"
run 1d-cct -t --month 2026-10 --policy "$d/policy.conf" --ledger "$T/ledger.tsv" \
	--catalog "$T/catalog.tsv" "$T/usage.tsv"
tr ',' '\t' <"$d/cct.expected" >"$T/expected"
check_same "$T/expected" "$T/out" "TSV in and out"
run 1d-cct --month 2026-10 --policy "$d/policy.conf" --ledger "$d/ledger.csv" \
	--catalog "$d/catalog.csv" - <"$d/usage.csv"
check_same "$d/cct.expected" "$T/out" "usage on standard input"
done_testing

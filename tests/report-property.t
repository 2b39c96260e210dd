#!/bin/sh
# 1d-report statements on seeded random months: whatever the payouts,
# balances and minimum payout, what is paid plus what is carried forward
# equals the holders' payouts plus the balances brought in, to the cent;
# a holder is either paid or carries, and the new balances are exactly
# what is carried.
. "${0%/*}/lib.sh"
cases=${REPORT_CASES:-100}
plan $((cases * 3))
cd "$T"

i=0
while [ $i -lt $cases ]; do
	i=$((i + 1))
	awk -v seed=$i 'BEGIN {
		srand(seed)
		printf "min_payout = %d.%02d\n", int(rand() * 30), int(rand() * 100) > "policy.conf"
		print "month,model,holder,part,track,listens,weight,amount" > "payouts.csv"
		printf "2026-10,cct,,fund,,0,1000,%d.%02d\n", int(rand() * 100), int(rand() * 100) > "payouts.csv"
		nh = 1 + int(rand() * 12)
		for (h = 1; h <= nh; h++)
			for (t = 1; t <= 1 + int(rand() * 4); t++) {
				printf "2026-10,cct,H%02d,fixed,T%02d%d,%d,1,%d.%02d\n", h, h, t, int(rand() * 9),
				    int(rand() * 20), int(rand() * 100) > "payouts.csv"
				if (rand() < 0.7)
					printf "2026-10,cct,H%02d,variable,T%02d%d,%d,%d,%d.%02d\n", h, h, t,
					    1 + int(rand() * 9), 1000 + int(rand() * 9000), int(rand() * 40),
					    int(rand() * 100) > "payouts.csv"
			}
		print "holder,balance" > "balances.csv"
		for (h = 1; h <= nh + 3; h++)
			if (rand() < 0.5)
				printf "H%02d,%s%d.%02d\n", h, rand() < 0.2 ? "-" : "", int(rand() * 15),
				    int(rand() * 100) > "balances.csv"
	}'
	rm -rf st
	run 1d-report statements --month 2026-10 --policy policy.conf --balances balances.csv \
		-o st payouts.csv
	check_exit 0 "case $i: statements written"
	# In cents: holders' payouts + balances in, paid + carried out.
	in=$(awk -F, 'FNR == 1 { next } FILENAME == "payouts.csv" && $3 != "" { v = $8 }
		FILENAME == "balances.csv" { v = $2 }
		{ neg = v ~ /^-/; gsub(/[-.]/, "", v); s += neg ? -v : v; v = "" } END { print s + 0 }' \
		payouts.csv balances.csv)
	out=$(awk -F, 'NR > 1 { for (k = 6; k <= 7; k++) { v = $k; neg = v ~ /^-/; gsub(/[-.]/, "", v)
		s += neg ? -v : v } } END { print s + 0 }' st/index.csv)
	check_true "case $i: paid + carried ($out) = payouts + balances ($in)" test "$in" = "$out"
	carried=$(awk -F, 'NR > 1 && $7 != "0.00" { print $1 "," $7 }' st/index.csv)
	both=$(awk -F, 'NR > 1 && $6 != "0.00" && $7 != "0.00"' st/index.csv)
	check_true "case $i: nobody both paid and carrying; balances are what is carried" \
		test -z "$both" -a "$carried" = "$(tail -n +2 st/balances.csv)"
done
done_testing

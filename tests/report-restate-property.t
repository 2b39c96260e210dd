#!/bin/sh
# 1d-report restate on seeded random months with random corrections
# (ledger amounts changed, titles given to another holder, or both):
# line by line, old + delta = new against a fresh 1d-cct run on the
# corrected inputs, every changed line written and no other, and the
# deltas sum to zero when the pot did not change, to the change of the
# base otherwise (and stderr says so exactly then).
. "${0%/*}/lib.sh"
cases=${RESTATE_CASES:-25}
plan $((cases * 4))
cd "$T"
cat >policy.conf <<'X'
model = cct
territory = FR
sacem_rate = 8.5
X

i=0
while [ $i -lt $cases ]; do
	i=$((i + 1))
	awk -v seed=$i 'BEGIN {
		srand(seed)
		print "track,title,holder,release_date,territories,available_from,available_until,status" > "catalog.csv"
		print "track,title,holder,release_date,territories,available_from,available_until,status" > "fixed-catalog.csv"
		nh = 1 + int(rand() * 5); nt = 1 + int(rand() * 12)
		moved = rand() < 0.6
		for (t = 1; t <= nt; t++) {
			h = 1 + int(rand() * nh)
			date = rand() < 0.5 ? "2025-06-01" : "2019-01-01"
			line = sprintf("T%02d,t%d,%s,%s,Worldwide,,,active", t, t, "H" h, date)
			print line > "catalog.csv"
			# The correction: some titles change holder, some get one they lacked.
			if (moved && rand() < 0.4)
				line = sprintf("T%02d,t%d,%s,%s,Worldwide,,,active", t, t, "H" (1 + int(rand() * (nh + 1))), date)
			print line > "fixed-catalog.csv"
		}
		if (moved && rand() < 0.5)
			printf "T%02d,late,H%d,2026-01-01,Worldwide,,,active\n", nt + 1, 1 + int(rand() * nh) > "fixed-catalog.csv"
		print "month,structure,user,track,plays,listens,ms" > "usage.csv"
		for (u = 1; u <= 1 + int(rand() * 6); u++)
			for (t = 1; t <= nt + 1; t++)
				if (rand() < 0.4) {
					l = 1 + int(rand() * 9)
					printf "2026-10,s%d,u%d,T%02d,%d,%d,%d\n", 1 + int(rand() * 2), u, t, l, l, l * 40000 > "usage.csv"
				}
		hdr = "date,structure,kind,gross,currency,vat_rate,period_start,period_end,ref"
		print hdr > "ledger.csv"; print hdr > "fixed-ledger.csv"
		money = !moved || rand() < 0.5
		for (r = 1; r <= 1 + int(rand() * 3); r++) {
			g = int(rand() * 200000) + 100
			line = sprintf("2026-10-01,s%d,subscription,%d.%02d,EUR,20,2026-10-01,2026-10-31,R%d", 1 + int(rand() * 2), g / 100, g % 100, r)
			print line > "ledger.csv"
			if (money && rand() < 0.7) {
				g += int(rand() * 5000) - 2500
				if (g < 0) g = 0
				line = sprintf("2026-10-01,s%d,subscription,%d.%02d,EUR,20,2026-10-01,2026-10-31,R%d", 1 + int(rand() * 2), g / 100, g % 100, r)
			}
			print line > "fixed-ledger.csv"
		}
	}'
	1d-cct --month 2026-10 --policy policy.conf --ledger ledger.csv --catalog catalog.csv \
		usage.csv >payouts.csv 2>/dev/null
	rm -f month.tar.gz
	1d-report bundle -o month.tar.gz catalog.csv usage.csv ledger.csv policy.conf payouts.csv
	run 1d-report restate --catalog fixed-catalog.csv --ledger fixed-ledger.csv month.tar.gz
	check_exit 0 "case $i: restated"
	cp "$T/out" adjustments.csv
	cp "$T/err" restate.err
	1d-cct --month 2026-10 --policy policy.conf --ledger fixed-ledger.csv \
		--catalog fixed-catalog.csv usage.csv >fresh.csv 2>/dev/null
	# Every key of either side: old + delta = new, a zero delta never written.
	bad=$(awk -F, 'function c(v,  n) { n = v ~ /^-/; gsub(/[-.]/, "", v); return n ? -v : v + 0 }
		FNR == 1 { next }
		FILENAME == "payouts.csv" { k = $3 "|" $4 "|" $5; old[k] = c($8); keys[k] = 1 }
		FILENAME == "fresh.csv" { k = $3 "|" $4 "|" $5; new[k] = c($8); keys[k] = 1 }
		FILENAME == "adjustments.csv" { k = $2 "|" $3 "|" $4; d[k] = c($7); seen[k]++
			if (c($5) != old[k] + 0 || c($6) != new[k] + 0 || d[k] == 0 || seen[k] > 1) print "line " k }
		END { for (k in keys) if (old[k] + d[k] != new[k]) print k; for (k in d) if (!(k in keys)) print k }' \
		payouts.csv fresh.csv adjustments.csv)
	check_true "case $i: old + delta = new on every line" test -z "$bad"
	sums=$(awk -F, 'function c(v,  n) { n = v ~ /^-/; gsub(/[-.]/, "", v); return n ? -v : v + 0 }
		FNR == 1 { next }
		FILENAME == "payouts.csv" { o += c($8) } FILENAME == "fresh.csv" { n += c($8) }
		FILENAME == "adjustments.csv" { d += c($7) } END { print d + 0, n - o }' \
		payouts.csv fresh.csv adjustments.csv)
	if cmp -s ledger.csv fixed-ledger.csv; then
		check_true "case $i: the pot is the same: the deltas sum to 0 ($sums)" test "$sums" = "0 0"
	else
		check_true "case $i: the deltas sum to the change of base ($sums)" \
			test "${sums% *}" = "${sums#* }"
	fi
	if [ "${sums% *}" = 0 ]; then
		check_true "case $i: nothing said of the base" sh -c '! grep -q "the base" restate.err'
	else
		check_true "case $i: the change of base said in one line" \
			test "$(grep -c 'restate: the lines of 2026-10 summed to' restate.err)" = 1
	fi
done
done_testing

#!/bin/sh
# 1d-cct on seeded random months: whatever the ledger, catalogue, usage,
# policy and model, the payout lines sum exactly to the month's base, no
# line is negative when no money was refunded, and the result does not
# change when input rows are shuffled or the usage is split in two files.
. "${0%/*}/lib.sh"
cases=${CCT_CASES:-200}
plan $((cases * 4))
cd "$T"

# cents FILE: the sum of the amount column, in cents, and the most negative line.
cents() {
	awk -F, 'NR > 1 { v = $8; neg = v ~ /^-/; gsub(/[-.]/, "", v); c = v + 0
		if (neg) c = -c; s += c; if (c < min) min = c }
		END { printf "%d %d\n", s, min }' "$1"
}
# shuffle SEED FILE: the header, then the rows in a seeded random order.
shuffle() {
	awk -v seed="$1" 'BEGIN { srand(seed) } NR == 1 { print; next }
		{ printf "%.12f\t%s\n", rand(), $0 | "sort -n | cut -f2-" }' "$2"
}

i=0
while [ $i -lt $cases ]; do
	i=$((i + 1))
	awk -v seed=$i -v refunds=$((i % 3 == 0)) -f "$DATA/random-month.awk"
	# The same (structure, user, track) may have been drawn twice: keep
	# the generated rows as they are, the tool adds them up.
	model=$(sed -n 's/^model = //p' policy.conf)
	run 1d-cct --month 2026-10 --policy policy.conf --ledger ledger.csv --catalog catalog.csv \
		--holders holders.csv --summary summary.csv usage.csv
	cp out payouts.csv
	base=$(awk -F, '$1 == "base" { v = $2; neg = v ~ /^-/; gsub(/[-.]/, "", v); print (neg ? -v : v + 0) }' summary.csv)
	set -- $(cents payouts.csv)
	if [ "$rc" -eq 0 ] && [ "$1" = "$base" ]; then
		ok 0 "case $i ($model): lines sum to the base ($base cents)"
	else
		ok 1 "case $i ($model): lines sum to the base ($base cents)"
		diag "exit $rc, sum $1" "$(cat "$T/err")"
	fi
	if [ $((i % 3)) -ne 0 ]; then
		check_true "case $i: no negative line without refunds" test "$2" -ge 0
	else
		ok 0 "case $i: has refunds, lines may be negative"
	fi
	shuffle $i ledger.csv >l2.csv
	shuffle $i catalog.csv >c2.csv
	shuffle $i usage.csv >u2.csv
	shuffle $i holders.csv >h2.csv
	run 1d-cct --month 2026-10 --policy policy.conf --ledger l2.csv --catalog c2.csv \
		--holders h2.csv u2.csv
	check_same payouts.csv out "case $i: shuffled rows give the same lines"
	awk 'NR == 1 || NR % 2 == 0' usage.csv >odd.csv
	awk 'NR == 1 || NR % 2 == 1' usage.csv >even.csv
	run 1d-cct --month 2026-10 --policy policy.conf --ledger ledger.csv --catalog catalog.csv \
		--holders holders.csv odd.csv even.csv
	check_same payouts.csv out "case $i: usage split in two files gives the same lines"
done
done_testing

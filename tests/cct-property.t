#!/bin/sh
# 1d-cct on seeded random months: whatever the ledger, catalogue, usage,
# policy and model, the payout lines sum exactly to the month's base (with
# unmatched = hold and an open suspense: the lines but the suspense ones
# sum to base + released + returned - held, the suspense lines to held), no
# line is negative when no money was refunded, and the result does not
# change when input rows are shuffled, the usage is split in two files or
# the structures are renamed; artist-centric amounts do not change either
# when every structure is merged into one (a user is a user id).
. "${0%/*}/lib.sh"
cases=${CCT_CASES:-200}
plan $((cases * 7))
cd "$T"

# cents FILE: the sum of the amount column but suspense lines, in cents,
# the most negative line, and the sum of the suspense lines.
cents() {
	awk -F, 'NR > 1 { v = $8; neg = v ~ /^-/; gsub(/[-.]/, "", v); c = v + 0
		if (neg) c = -c; if ($4 == "suspense") h += c; else s += c; if (c < min) min = c }
		END { printf "%d %d %d\n", s, min, h }' "$1"
}
# summary KEY: a value of summary.csv, in cents.
summary() {
	awk -F, -v k="$1" '$1 == k { v = $2; neg = v ~ /^-/; gsub(/[-.]/, "", v); print (neg ? -v : v + 0) }' summary.csv
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
	susp=
	grep -q '^unmatched = hold' policy.conf && susp="--suspense suspense.csv"
	printf 'month,track,amount\n' >open.csv
	run 1d-cct --month 2026-10 --policy policy.conf --ledger ledger.csv --catalog catalog.csv \
		--holders holders.csv --summary summary.csv $susp ${susp:+--open-suspense open.csv} usage.csv
	cp out payouts.csv
	base=$(summary base) held=$(summary held)
	want=$((base + $(summary released) + $(summary returned) - held))
	set -- $(cents payouts.csv)
	if [ "$rc" -eq 0 ] && [ "$1" = "$want" ] && [ "$3" = "$held" ]; then
		ok 0 "case $i ($model${susp:+, suspense}): lines sum to the base + released + returned - held ($want cents)"
	else
		ok 1 "case $i ($model${susp:+, suspense}): lines sum to the base + released + returned - held ($want cents)"
		diag "exit $rc, sum $1, suspense lines $3, held $held" "$(cat "$T/err")"
	fi
	# Suspense is conserved too: read + held = released + returned + open.
	set -- $(awk -F, 'NR > 1 { v = $3; neg = v ~ /^-/; gsub(/[-.]/, "", v); s += neg ? -v : v }
		END { printf "%d\n", s }' suspense.csv) \
		$(awk -F, 'NR > 1 { v = $3; neg = v ~ /^-/; gsub(/[-.]/, "", v); s += neg ? -v : v }
		END { printf "%d\n", s }' open.csv)
	[ -n "$susp" ] || set -- 0 0
	check_true "case $i: suspense read + held = released + returned + still open" \
		test $(($1 + held)) -eq $(($(summary released) + $(summary returned) + $2))
	set -- $(cents payouts.csv)
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
		--holders h2.csv $susp u2.csv
	check_same payouts.csv out "case $i: shuffled rows give the same lines"
	awk 'NR == 1 || NR % 2 == 0' usage.csv >odd.csv
	awk 'NR == 1 || NR % 2 == 1' usage.csv >even.csv
	run 1d-cct --month 2026-10 --policy policy.conf --ledger ledger.csv --catalog catalog.csv \
		--holders holders.csv $susp odd.csv even.csv
	check_same payouts.csv out "case $i: usage split in two files gives the same lines"
	# sK becomes r(6-K): new names, in the opposite byte order.
	rename='BEGIN { FS = OFS = "," } NR > 1 { $2 = "r" (6 - substr($2, 2)) } 1'
	awk "$rename" ledger.csv >l3.csv
	awk "$rename" usage.csv >u3.csv
	run 1d-cct --month 2026-10 --policy policy.conf --ledger l3.csv --catalog catalog.csv \
		--holders holders.csv $susp u3.csv
	check_same payouts.csv out "case $i: structures renamed give the same lines"
	sed 's/^unmatched = hold/unmatched = share/' policy.conf >ac.conf
	run 1d-cct --month 2026-10 --policy ac.conf --ledger ledger.csv --catalog catalog.csv \
		--model artist-centric --pool month usage.csv
	cp out ac.csv
	awk 'BEGIN { FS = OFS = "," } NR > 1 { $2 = "s1" } 1' usage.csv >u4.csv
	run 1d-cct --month 2026-10 --policy ac.conf --ledger ledger.csv --catalog catalog.csv \
		--model artist-centric --pool month u4.csv
	check_same ac.csv out "case $i: artist-centric with every structure merged gives the same lines"
done
done_testing

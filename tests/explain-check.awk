# Redo the arithmetic of 1d-cct --explain --csv (tests/cct-explain.t).
#
# awk -F, -v model=NAME -f explain-check.awk payouts.csv explained.csv
#
# explained.csv holds the rows of several explanations (no header), each prefixed by
# its target (track:ID or holder:NAME).  For every row: weight = units x
# factor, |total| x weight = quotient x weight_sum + remainder with
# 0 <= remainder < weight_sum, plus = (rank <= leftover) and amount =
# sign(total) x (quotient + plus).  Each step's total is the amount of the
# row above it (keys -> holders or users -> titles or user-titles).  A
# step whose every item was seen across the explanations also has its
# leftover (|total| - the sum of the quotients) and its ranks (remainders
# descending, then items in byte order) redone.  The title rows of a
# target sum to its payout lines.  Prints "rows N steps K" and each fault.

function cents(v,    neg) {
	neg = v ~ /^-/
	gsub(/[-.]/, "", v)
	return neg ? -v : v + 0
}
function fault(msg) {
	print "FAULT: " msg
	bad++
}
FNR == 1 && ++file == 1 { next }
file == 1 {
	if ($3 != "") {
		paid["holder:" $3] += cents($8)
		paid["track:" $5] += cents($8)
	}
	next
}
{
	target = $1; step = $2; kind = $3; s = $4; user = $5; part = $6; holder = $7; item = $8
	units = $9; factor = $10; weight = $11; n = $12; W = $13; total = $14
	q = $15; r = $16; rank = $17; left = $18; plus = $19; amount = $20
	rows++
	t = total < 0 ? -total : total
	if (t * weight >= 2 ^ 53)
		fault(target " step " step ": " t "*" weight " is too large for awk's doubles")
	if (units != "" && units * factor != weight)
		fault(target " step " step " " item ": weight " weight " is not " units "*" factor)
	if (q * W + r != t * weight || r < 0 || r >= W)
		fault(target " step " step " " item ": " t "*" weight " is not " q "*" W "+" r)
	if (rank < 1 || rank > n || plus != (rank <= left ? 1 : 0))
		fault(target " step " step " " item ": rank " rank " of " n " with " left " leftover, plus " plus)
	if (amount != (total < 0 ? -1 : 1) * (q + plus))
		fault(target " step " step " " item ": amount " amount " is not the quotient plus " plus)
	# Where the step's total comes from, in this target's explanation.
	if (kind == "keys")
		key[target, s, item] = amount
	else if (kind == "holders") {
		pot = model == "prorata" ? key[target, s, "fixed"] + key[target, s, "variable"] : key[target, s, part]
		if (total != pot)
			fault(target " step " step ": total " total " is not the keys' " pot)
		share[target, s, part, item] = amount
	} else if (kind == "titles") {
		if (total != share[target, s, part, holder])
			fault(target " step " step ": total " total " is not holder " holder "'s share " share[target, s, part, holder])
	} else if (kind == "users") {
		if (total != key[target, s, "fixed"] + key[target, s, "variable"])
			fault(target " step " step ": total " total " is not fixed + variable")
		listener[target, s, item] = amount
	} else if (kind == "user-titles") {
		if (total != listener[target, s, user])
			fault(target " step " step ": total " total " is not listener " user "'s share")
	} else
		fault(target ": unknown kind " kind)
	if (kind == "titles" || kind == "user-titles") {
		got[target] += amount
		targets[target] = 1
	} else if (!(target in targets))
		targets[target] = 1
	# The same step seen from two targets is the same row.
	line = $0
	sub(/^[^,]*,/, "", line)
	if ((step, item) in seen) {
		if (seen[step, item] != line)
			fault("step " step " " item " differs between explanations")
	} else {
		seen[step, item] = line
		nitems[step]++
		member[step, nitems[step]] = item
		rem[step, item] = r
		quot[step, item] = q
		rk[step, item] = rank
		size[step] = n; tot[step] = t; lo[step] = left
	}
}
END {
	for (x in targets)
		if (got[x] != paid[x] + 0)
			fault(x ": title rows sum to " got[x] + 0 ", payout lines to " paid[x] + 0)
	for (st in size) {
		if (nitems[st] != size[st])
			continue
		full++
		sumq = 0
		for (i = 1; i <= size[st]; i++)
			sumq += quot[st, member[st, i]]
		if (tot[st] - sumq != lo[st])
			fault("step " st ": leftover " lo[st] " is not " tot[st] " - " sumq)
		for (i = 1; i <= size[st]; i++) {
			a = member[st, i]; want = 1
			for (j = 1; j <= size[st]; j++) {
				b = member[st, j]
				if (rem[st, b] > rem[st, a] || (rem[st, b] == rem[st, a] && b < a))
					want++
			}
			if (rk[st, a] != want)
				fault("step " st " " a ": rank " rk[st, a] ", by its remainder " want)
		}
	}
	printf "rows %d steps %d\n", rows, full
	exit bad > 0
}

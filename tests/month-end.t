#!/bin/sh
# 1d-month-end on the sample month: a success publishes one verifiable
# directory; a second run is refused, or waits; each failure publishes
# nothing and leaves the previous month untouched; --force gives the same
# bytes; the preflight names what is missing.
. "${0%/*}/lib.sh"
top=$(cd "${0%/*}/.." && pwd)
ex=$top/examples
plan 57

# A cooperative's directory as DESIGN.md section 8 lays it out.
setup() {	# setup DIR
	mkdir -p "$1/drops/2026-10" "$1/logs" "$1/keys" "$1/maps" "$1/months/2026-09/statements"
	(cd "$ex/drops/believe-2026-10" && bsdtar -a -cf "$1/drops/2026-10/believe-2026-10.zip" ./*.xml)
	tar -C "$ex/drops" -czf "$1/drops/2026-10/idol-2026-10.tar.gz" idol-2026-10
	cp -r "$ex/drops/cd1d-2026-10" "$1/drops/2026-10/"
	cp "$ex/maps/cd1d.map" "$1/maps/"
	gzip -c "$ex/logs/2026-10-a.csv" >"$1/logs/2026-10-a.csv.gz"
	cp "$ex/logs/2026-10-b.csv.gz" "$1/logs/"
	cp "$ex/ledger.csv" "$ex/policy.conf" "$ex/holders.csv" "$ex/distributors.csv" "$1/"
	cp "$ex/balances-2026-09.csv" "$1/months/2026-09/statements/balances.csv"
	1d-report keygen -o "$1/keys/coop" >/dev/null
	cat >"$1/month-end.conf" <<'EOF'
# The sample cooperative's month end.
drops    = drops/%M        # the month's drops
maps     = maps
logs     = logs/%M-*.csv.gz
ledger   = ledger.csv
policy   = policy.conf
holders  = holders.csv
distributors = distributors.csv
catalog  = catalog.db
key      = keys/coop.pem
out      = months
EOF
}
C=$T/coop
setup "$C"
cd / || exit 2

run 1d-month-end -c "$C/month-end.conf" check 2026-10
check_exit 0 "check: the sample month is ready to close"
check_out "2026-10: ready to close"

run 1d-month-end -c "$C/month-end.conf" 2026-10
check_exit 0 "the month end runs from any directory"
check_out "2026-10 closed: 278.01 in (gross), 222.59 to share" "its summary gives the money in and the base"
check_out "5 statements, balances brought forward from $C/months/2026-09/statements/balances.csv" \
	"the previous month's balances are found"
check_true "OUT/MONTH/ is published" test -d "$C/months/2026-10/statements"
check_true "with its log" test -s "$C/months/2026-10/month-end.log"
# The sample month's catalogue has titles of believe, cd1d and idol, all
# played: one DSR each, with usage records.
check_true "one DSR per distributor" test "$(ls "$C/months/2026-10/dsr" | grep -c '^DSR_PADPIDAEXAMPLE.*_PADPIDAEXAMPLE1DT1_1Dtouch_2026-10_FR_1of1_20261031T235959\.tsv$')" -eq 3
check_true "each with usage records" test "$(cat "$C/months/2026-10/dsr/"*.tsv | grep -c '^SU02')" -ge 3 -a \
	"$(grep -l '^SU02' "$C/months/2026-10/dsr/"*.tsv | wc -l)" -eq 3
check_true "each well formed" awk -f "$top/tests/dsr-check.awk" "$C/months/2026-10/dsr/"*BLV1*.tsv
check_true "no staging directory is left" sh -c "! ls -a '$C/months' | grep -q staging"
run 1d-report verify --pub "$C/keys/coop.pub" "$C/months/2026-10/2026-10.tar.gz"
check_exit 0 "the published bundle verifies with the public key"
# The payouts are those of the hand-checked sample month (examples/README.md).
printf '%s\n' 'month,model,holder,part,track,listens,weight,amount' >"$T/want"
head -1 "$C/months/2026-10/payouts.csv" >"$T/got"
check_same "$T/want" "$T/got" "payouts.csv is the payouts stream"
awk -F, 'NR > 1 { s += $8 * 100 } END { printf "%d\n", s + 0.5 }' "$C/months/2026-10/payouts.csv" >"$T/got"
echo 22259 >"$T/want"
check_same "$T/want" "$T/got" "the payout lines add up to the base, 222.59"

# A published month is not closed again.
cp -r "$C/months/2026-10" "$T/first"
run 1d-month-end -c "$C/month-end.conf" 2026-10
check_exit 1 "a published month is refused"
check_err "is published already: correct it with 1d-report restate" "and the message says what to do"
run 1d-month-end -c "$C/month-end.conf" --force 2026-10
check_exit 0 "--force closes it again"
run diff -r -x month-end.log "$T/first" "$C/months/2026-10"
check_exit 0 "with the same bytes (all but the log of the run)"

# Two runs at once: the second leaves at once, naming the holder.
(
	flock 9
	echo "pid 4242 closing 2026-10 since 2026-11-01T03:00:00Z" >&9
	sleep 3
) 9>"$C/months/.month-end.lock" &
holder=$!
sleep 1
run 1d-month-end -c "$C/month-end.conf" --force 2026-10
check_exit 75 "a second run while the lock is held exits 75"
check_err "is locked by another month end (pid 4242 closing 2026-10 since 2026-11-01T03:00:00Z)" \
	"naming who holds the lock since when"
run 1d-month-end -c "$C/month-end.conf" --force --wait 2026-10
check_exit 0 "with --wait it waits for the lock and closes the month"
wait $holder
run diff -r -x month-end.log "$T/first" "$C/months/2026-10"
check_exit 0 "and the month is the same"

# Failures publish nothing and leave the last published month untouched.
fails() {	# fails DESCRIPTION STATUS MESSAGE: run on $F for 2026-10
	run 1d-month-end -c "$F/month-end.conf" 2026-10
	check_exit "$2" "$1: exit $2"
	check_err "$3" "$1: said"
	check_true "$1: nothing published" test ! -e "$F/months/2026-10"
	check_true "$1: no staging left" sh -c "! ls -a '$F/months' | grep -q staging"
	run diff -r "$C/months/2026-09" "$F/months/2026-09"
	check_exit 0 "$1: the previous month is untouched"
}
F=$T/f1
setup "$F"
gzip -dc "$F/logs/2026-10-a.csv.gz" | grep -v '^2026-10-15' | gzip >"$F/logs/a.gz"
mv "$F/logs/a.gz" "$F/logs/2026-10-a.csv.gz"
gzip -dc "$F/logs/2026-10-b.csv.gz" | grep -v '^2026-10-15' | gzip >"$F/logs/b.gz"
mv "$F/logs/b.gz" "$F/logs/2026-10-b.csv.gz"
fails "a day without logs" 1 "preflight: 2026-10-15: no log rows"

F=$T/f2
setup "$F"
echo '2026-10-02,mjc-lyon8,subscription,12x.00,EUR,20,2026-10-01,2026-10-31,BAD-1' >>"$F/ledger.csv"
fails "a corrupt ledger row" 1 "preflight: $F/ledger.csv:7: gross: "

F=$T/f3
setup "$F"
rm "$F/keys/coop.pem"
fails "a missing key" 1 "preflight: key: $F/keys/coop.pem: missing"

# A drop modified after its import began (a delivery still being
# uploaded; here its time is set an hour ahead) fails the catalogue step.
F=$T/f5
setup "$F"
touch -d '+1 hour' "$F/drops/2026-10/idol-2026-10.tar.gz"
fails "a drop still changing" 1 "drops: $F/drops/2026-10/idol-2026-10.tar.gz changed at "
check_true "the kept log names the drop" grep -q "idol-2026-10.tar.gz changed at" "$F/months/.2026-10.failed.log"

F=$T/f4
setup "$F"
sed -i 's,^out .*,out = /proc/version/months,' "$F/month-end.conf"
run 1d-month-end -c "$F/month-end.conf" 2026-10
check_exit 2 "an output that cannot be made is an I/O error"
check_err "/proc/version/months: Not a directory" "and names it"

F=$T/f6
setup "$F"
echo '2026-10-01,bib-saint-chamond,subscription,120.00,EUR,20,2026-10-01,2026-10-31,BSC-2026-10' >>"$F/ledger.csv"
fails "a structure paid without listens" 1 "preflight: $F/ledger.csv: bib-saint-chamond has 120.00 for 2026-10 and no listens in the logs"

F=$T/f7
setup "$F"
head -1 "$F/ledger.csv" >"$F/l" && mv "$F/l" "$F/ledger.csv"
fails "a ledger without money for the month" 1 "preflight: $F/ledger.csv: no money for 2026-10"

# The config is checked like the policy.
F=$T/f5
setup "$F"
echo 'sacem = 8.5' >>"$F/month-end.conf"
run 1d-month-end -c "$F/month-end.conf" check 2026-10
check_exit 2 "an unknown config key is a usage error"
check_err "month-end.conf:12: sacem: not a key of the month end's config" "naming its line"
done_testing

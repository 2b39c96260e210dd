#!/bin/sh
# 1d-month-end on the sample month: a success publishes one verifiable
# directory; a second run is refused, or waits; each failure publishes
# nothing and leaves the previous month untouched; --force gives the same
# bytes; the preflight names what is missing.
. "${0%/*}/lib.sh"
top=$(cd "${0%/*}/.." && pwd)
ex=$top/examples
plan 71

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

# unmatched = hold across two months (September and October: a month is
# closed once it is over).  A small cooperative: one grant of 100.00 a
# month from s1, no VAT, no society share, the default keys: fund 10.00,
# operations 20.00, rnd 15.00, fixed 15.00, variable 40.00.  September's
# drop has K1 (holder HK) and U1 without a holder; October's drop gives
# U1 its holder HU.  Back catalogue: 1000 a listen.
setup_hold() {	# setup_hold DIR
	mkdir -p "$1/drops/2026-09/cd1d-2026-09" "$1/drops/2026-10/cd1d-2026-10" "$1/logs" "$1/keys" \
		"$1/maps" "$1/months"
	cp "$ex/maps/cd1d.map" "$1/maps/"
	sheet='Référence,Titre,Artiste,Album,Label,Ayant droit,Sortie,Durée (ms),Genre,Territoires'
	printf '%s\n' "$sheet" 'K1,Kilo,Kappa,Kilo,HK,HK,2001-01-01,200000,Rock,FR' \
		'U1,Uno,Upsilon,Uno,HU,,2001-01-01,200000,Rock,FR' >"$1/drops/2026-09/cd1d-2026-09/cat.csv"
	printf '%s\n' "$sheet" 'U1,Uno,Upsilon,Uno,HU,HU,2001-01-01,200000,Rock,FR' \
		>"$1/drops/2026-10/cd1d-2026-10/cat.csv"
	# K1 is played once a day; U1 on the first ten days of September.
	for m in 09 10; do
		{
			echo 'ts,user,structure,track,ms_played,source'
			for d in $(seq -w 1 "$([ $m = 09 ] && echo 30 || echo 31)"); do
				echo "2026-$m-${d}T10:00:00Z,u1,s1,cd1d:K1,60000,"
				if [ $m = 09 ] && [ "$d" -le 10 ]; then
					echo "2026-$m-${d}T11:00:00Z,u1,s1,cd1d:U1,60000,"
				fi
			done
		} >"$1/logs/2026-$m-a.csv"
	done
	cat >"$1/ledger.csv" <<'X'
date,structure,kind,gross,currency,vat_rate,period_start,period_end,ref
2026-09-01,s1,grant,100.00,EUR,0,2026-09-01,2026-09-30,g09
2026-10-01,s1,grant,100.00,EUR,0,2026-10-01,2026-10-31,g10
X
	printf 'sacem_rate = 0\nunmatched = hold\n' >"$1/policy.conf"
	1d-report keygen -o "$1/keys/coop" >/dev/null
	printf '%s\n' 'drops = drops/%M' 'maps = maps' 'logs = logs/%M-*.csv' 'ledger = ledger.csv' \
		'policy = policy.conf' 'catalog = catalog.db' 'key = keys/coop.pem' 'out = months' \
		>"$1/month-end.conf"
}
H=$T/hold
setup_hold "$H"
# September: K1 30 listens (30000), U1 10 (10000) held: variable 40.00
# gives HK 30.00 and U1's suspense line 10.00; the fixed part goes to
# K1 alone, the only title with a holder.
run 1d-month-end -c "$H/month-end.conf" 2026-09
check_exit 0 "hold: September closes"
check_out "  suspense: held 10.00, released 0.00, returned 0.00; open suspense from nowhere (first month)" \
	"hold: the summary says what was held"
cat >"$T/want" <<'X'
month,model,holder,part,track,listens,weight,amount
2026-09,cct,,fund,,0,1000,10.00
2026-09,cct,,operations,,0,2000,20.00
2026-09,cct,,rnd,,0,1500,15.00
2026-09,cct,,suspense,cd1d:U1,10,10000,10.00
2026-09,cct,HK,fixed,cd1d:K1,30,1,15.00
2026-09,cct,HK,variable,cd1d:K1,30,30000,30.00
X
check_same "$T/want" "$H/months/2026-09/payouts.csv" "hold: U1's money goes to a suspense line"
printf 'month,track,amount\n2026-09,cd1d:U1,10.00\n' >"$T/want"
check_same "$T/want" "$H/months/2026-09/open-suspense.csv" "hold: the published month keeps its open suspense"
run 1d-report verify --strict --pub "$H/keys/coop.pub" "$H/months/2026-09/2026-09.tar.gz"
check_exit 0 "hold: September's bundle verifies strictly"
# October: U1 now has HU, so September's 10.00 is released to HU.  Fixed
# 15.00 over K1 and U1: 7.50 each; variable 40.00 all to K1.  The lines
# come to 100.00 + 10.00 released = 110.00.
run 1d-month-end -c "$H/month-end.conf" 2026-10
check_exit 0 "hold: October closes"
check_out "  suspense: held 0.00, released 10.00, returned 0.00; open suspense from $H/months/2026-09/open-suspense.csv" \
	"hold: the previous month's open suspense is found, and released"
cat >"$T/want" <<'X'
month,model,holder,part,track,listens,weight,amount
2026-10,cct,,fund,,0,1000,10.00
2026-10,cct,,operations,,0,2000,20.00
2026-10,cct,,rnd,,0,1500,15.00
2026-10,cct,HK,fixed,cd1d:K1,31,1,7.50
2026-10,cct,HK,variable,cd1d:K1,31,31000,40.00
2026-10,cct,HU,fixed,cd1d:U1,0,1,7.50
2026-10,cct,HU,released,cd1d:U1,0,0,10.00
X
check_same "$T/want" "$H/months/2026-10/payouts.csv" "hold: exactly September's held amount is released to HU"
printf 'month,track,amount\n' >"$T/want"
check_same "$T/want" "$H/months/2026-10/open-suspense.csv" "hold: nothing stays open"
cat >"$T/want" <<'X'
holder,name,file,earned,brought_forward,paid,carried_forward
HK,HK,hk,47.50,0.00,47.50,0.00
HU,HU,hu,17.50,0.00,17.50,0.00
X
check_same "$T/want" "$H/months/2026-10/statements/index.csv" "hold: the released money is HU's earnings"
run 1d-report verify --strict --pub "$H/keys/coop.pub" "$H/months/2026-10/2026-10.tar.gz"
check_exit 0 "hold: October's bundle, with its suspense, verifies strictly"
check_out "  payouts: replayed byte for byte, from the ledger, policy, catalogue, open suspense and usage" \
	"hold: the bundled suspense is replayed"
# A corrected open suspense: 12.00 held in September, not 10.00.
printf 'month,track,amount\n2026-09,cd1d:U1,12.00\n' >"$T/fix.csv"
run 1d-report restate --pub "$H/keys/coop.pub" --suspense "$T/fix.csv" "$H/months/2026-10/2026-10.tar.gz"
check_exit 0 "hold: restate with a corrected suspense"
printf 'month,holder,part,track,old,new,delta\n2026-10,HU,released,cd1d:U1,10.00,12.00,2.00\n' >"$T/want"
check_same "$T/want" "$T/out" "hold: the released line changes by the correction"

# The config is checked like the policy.
F=$T/f5
setup "$F"
echo 'sacem = 8.5' >>"$F/month-end.conf"
run 1d-month-end -c "$F/month-end.conf" check 2026-10
check_exit 2 "an unknown config key is a usage error"
check_err "month-end.conf:12: sacem: not a key of the month end's config" "naming its line"
done_testing

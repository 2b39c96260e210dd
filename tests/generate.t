#!/bin/sh
# examples/generate.c: a realistic month at 1D touch's scale, the same bytes
# for the same seed, in the sizes promised, and a month that 1d-month-end
# closes and publishes.
. "${0%/*}/lib.sh"
top=$(cd "${0%/*}/.." && pwd)
plan 30

run cc -std=gnu11 -Wall -Wextra -Werror -O2 -o "$T/generate" "$top/examples/generate.c" -lz
check_exit 0 "the generator builds warning-free with libc and zlib alone"
G=$T/generate

run "$G"
check_exit 2 "no directory is a usage error"
run "$G" -m 2026-13 "$T/x"
check_exit 2 "a bad month is refused"
check_err "-m: not a month (YYYY-MM)" "naming it"

# Determinism: the same seed twice gives the same tree; another seed another.
t0=$(date +%s)
run "$G" -s 7 "$T/m"
check_exit 0 "it generates a month"
t1=$(date +%s)
diag "generation: $((t1 - t0)) s"
diag "$(cat "$T/err")"
"$G" -s 7 "$T/again" 2>/dev/null
run diff -r "$T/m" "$T/again"
check_exit 0 "the same seed gives a byte-identical tree"
"$G" -s 8 "$T/other" 2>/dev/null
run diff -rq "$T/m" "$T/other"
check_exit 1 "another seed gives another month"
rm -rf "$T/again" "$T/other"

in_range() {	# in_range DESCRIPTION LO HI VALUE
	ok "$([ "$4" -ge "$2" ] && [ "$4" -le "$3" ]; echo $?)" "$1: $4 in $2..$3"
}

# -L: a national month's log streamed to standard output, the same bytes
# for the same seed, every row valid and in the month, one in a thousand
# sent twice.
run "$G" -s 7 -L 20000
check_exit 0 "-L streams a log"
"$G" -s 7 -L 20000 >"$T/again.csv"
check_same "$T/out" "$T/again.csv" "-L: the same seed gives the same bytes"
check_true "-L 20000: a header and 20000 rows" test "$(wc -l <"$T/out")" -eq 20001
run 1d-listens -v --month 2026-10 "$T/again.csv"
check_true "-L: every row is kept or a duplicate" \
	grep -Eq 'read 20000 = kept [0-9]+ \+ rejected 0 \+ duplicates [0-9]+ \+ other months 0;' "$T/err"
in_range "-L: duplicates" 5 40 "$(sed -n 's/.*+ duplicates \([0-9]*\) .*/\1/p' "$T/err")"
rm -f "$T/again.csv"

# The sizes: tens of thousands of titles, 30,000-40,000 listens by about
# 28,000 users of about 700 structures, about 2,000 holders.
D=$T/m/drops/2026-10
blv=$(bsdtar -xOf "$D/believe-2026-10.zip" | grep -c '<SoundRecording>')
idl=$(tar -xzOf "$D/idol-2026-10.tar.gz" | grep -c '<SoundRecording>\|<Video>')
cd1=$(($(wc -l <"$D/cd1d-2026-10/cd1d-catalogue-2026-10.csv") - 1))
in_range "titles in the drops" 25000 40000 $((blv + idl + cd1))
ok "$([ "$blv" -gt 0 ] && [ "$idl" -gt 0 ] && [ "$cd1" -gt 0 ]; echo $?)" \
	"from the three distributors ($blv, $idl, $cd1)"
check_true "IDOL's tar has a PurgeReleaseMessage" sh -c \
	"tar -xzOf '$D/idol-2026-10.tar.gz' | grep -q '<ern:PurgeReleaseMessage'"
check_true "Believe's zip has a takedown deal" sh -c \
	"bsdtar -xOf '$D/believe-2026-10.zip' | grep -q '<TakeDown>true</TakeDown>'"
gzip -dc "$T/m/logs/"2026-10-*.csv.gz | grep -v '^ts,' >"$T/rows"
in_range "listen rows" 30000 40000 "$(wc -l <"$T/rows")"
in_range "users" 25000 31000 "$(cut -d, -f2 "$T/rows" | sort -u | wc -l)"
in_range "structures" 600 800 "$(cut -d, -f3 "$T/rows" | sort -u | wc -l)"
in_range "holders" 1800 2200 "$(($(wc -l <"$T/m/holders.csv") - 1))"
# Every day has rows, none under a tenth of the median day (the preflight's rule).
grep -o '^2026-10-[0-3][0-9]T' "$T/rows" | sort | uniq -c | awk '{ print $1 }' | sort -n >"$T/days"
in_range "days with rows" 31 31 "$(wc -l <"$T/days")"
ok "$(awk '{ d[NR] = $1 } END { exit !(d[1] * 10 >= d[int((NR + 1) / 2)]) }' "$T/days"; echo $?)" \
	"no day under a tenth of the median"
in_range "ledger structures" 600 800 "$(tail -n +2 "$T/m/ledger.csv" | cut -d, -f2 | sort -u | wc -l)"
tail -n +2 "$T/m/ledger.csv" | cut -d, -f9 | sort | uniq -d >"$T/dups"
check_true "the ledger's refs are unique" test ! -s "$T/dups"
in_range "ledger kinds (subscription, refund, grant)" 3 3 \
	"$(tail -n +2 "$T/m/ledger.csv" | cut -d, -f3 | sort -u | wc -l)"

# The real month end, after the one step left to the administrator.  With
# 2,000 holders it writes some 5,800 statement files and verifies them again
# (half a minute to a minute on a loaded 2-core machine): the test closes
# the same month with 400 holders, which exercises the same paths.
1d-report keygen -o "$T/m/keys/coop" >/dev/null
run 1d-month-end -c "$T/m/month-end.conf" check 2026-10
check_out "2026-10: ready to close" "the preflight finds the full month complete"
rm -rf "$T/m"
"$G" -s 7 -H 400 "$T/m" 2>/dev/null
in_range "holders with -H 400" 400 400 "$(($(wc -l <"$T/m/holders.csv") - 1))"
1d-report keygen -o "$T/m/keys/coop" >/dev/null
t0=$(date +%s)
run 1d-month-end -c "$T/m/month-end.conf" 2026-10
check_exit 0 "1d-month-end closes the generated month"
t1=$(date +%s)
diag "month end: $((t1 - t0)) s"
diag "$(cat "$T/out")" "$(tail -3 "$T/err")"
check_true "and publishes its statements' index" test -s "$T/m/months/2026-10/statements/index.csv"

# Another month, a short one: its days are all there too.
"$G" -s 3 -m 2027-02 "$T/feb" 2>/dev/null
1d-report keygen -o "$T/feb/keys/coop" >/dev/null
run 1d-month-end -c "$T/feb/month-end.conf" check 2027-02
check_out "2027-02: ready to close" "-m 2027-02 gives a February ready to close"
done_testing

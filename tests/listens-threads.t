#!/bin/sh
# 1d-listens -j: the same bytes on one thread and on several (usage,
# rejects, messages, counts, exit status), on logs whose duplicates and
# rejected rows fall far apart, across the batches handed to threads and
# across files.
. "${0%/*}/lib.sh"
plan 37
cd "$T"

# 30,000 rows: every 97th repeats the row 5,000 before it (a duplicate),
# every 1,001st has a bad ms_played, every 1,500th an empty user, one is
# not UTF-8, and every 40th is in September.  b.csv repeats a.csv's
# first 3,000 rows, duplicates across files.
awk 'BEGIN {
	print "ts,user,structure,track,ms_played,source"
	for (i = 1; i <= 30000; i++) {
		j = (i % 97 == 0 && i > 5000) ? i - 5000 : i
		sec = j * 89; month = (j % 40 == 0) ? 9 : 10
		ts = sprintf("2026-%02d-%02dT%02d:%02d:%02dZ", month, 1 + int(sec / 86400) % 30,
		    int(sec / 3600) % 24, int(sec / 60) % 60, sec % 60)
		user = (i % 1500 == 0) ? "" : sprintf("u%03d", (j * 7) % 300)
		ms = (i % 1001 == 0) ? "x" : (j * 37) % 300000
		if (i == 12345) user = "u\377"
		printf "%s,%s,s%d,t%03d,%s,\n", ts, user, (j * 13 % 500) % 5, (j * 13) % 500, ms
	}
}' >a.csv
head -3001 a.csv >b.csv
printf '0123456789abcdef0123\n' >key

# same_on DESCRIPTION ARGS...: -j 1, -j 2 and -j 3 give the same stdout,
# stderr, rejects and exit status.
same_on() {
	what=$1; shift
	run 1d-listens -j 1 --rejects rejects1 "$@"
	rc1=$rc; mv out out1; mv err err1
	for j in 2 3; do
		run 1d-listens -j $j --rejects rejects$j "$@"
		check_same out1 out "$what: usage with -j $j"
		check_same err1 err "$what: messages with -j $j"
		check_same rejects1 rejects$j "$what: rejects with -j $j"
		check_true "$what: exit status with -j $j" test "$rc" -eq "$rc1"
	done
}

same_on "full usage" -v --month 2026-10 a.csv b.csv
check_true "full usage: over a thousand rows" test "$(wc -l <out1)" -gt 1000
check_err "1d-listens: read 33000 = kept 28958 + rejected 54 + duplicates 3174 + other months 814;" \
	"full usage: duplicates, rejects and other months all happen"
same_on "--by month,track" -v --by month,track a.csv b.csv
same_on "--by month (one thread)" -v --by month,structure a.csv b.csv
same_on "daily cap, zone, pseudonyms" -v --max-per-day 1 --tz Europe/Paris --pseudonymise key \
	--by month,user a.csv b.csv

run 1d-listens -j 2 --max-rejects 5 a.csv
check_exit 1 "--max-rejects stops the run on several threads"
check_err "1d-listens: more than 5 rejected rows: giving up, nothing written"
run 1d-listens -j 0 a.csv
check_exit 2 "-j 0 is a usage error"
done_testing

#!/bin/sh
# 1d-listens split and merge: splitting a log by user, aggregating each
# shard and merging the results gives the same bytes as one run, distinct
# listener counts included.
. "${0%/*}/lib.sh"
top=$(cd "${0%/*}/.." && pwd)
plan 42
cd "$T"

# A seeded random log: 300 users in 7 structures, 500 tracks, a few
# duplicates and rows outside October.
awk 'BEGIN {
	srand(20261031)
	print "ts,user,structure,track,ms_played,source"
	for (i = 0; i < 6000; i++) {
		u = int(rand() * 300)
		line = sprintf("2026-%s-%02dT%02d:%02d:%02dZ,u%03d,s%d,t%03d,%d,",
		    rand() < 0.95 ? "10" : "11", 1 + int(rand() * 28), int(rand() * 24),
		    int(rand() * 60), int(rand() * 60), u, u % 7, int(rand() * rand() * 500),
		    int(rand() * 300000))
		print line
		if (rand() < 0.03)
			print line
	}
}' >log.csv

1d-listens split --by user -n 4 -o shard log.csv
check_true "split writes four shards" test -s shard.0.csv -a -s shard.1.csv -a -s shard.2.csv -a -s shard.3.csv
total=$(cat shard.*.csv | grep -vc '^ts,')
check_true "no row lost or added by split" test "$total" -eq "$(grep -vc '^ts,' log.csv)"
awk -F, 'FNR > 1 { if ($2 in shard && shard[$2] != FILENAME) bad = 1; shard[$2] = FILENAME }
	END { exit bad }' shard.*.csv
ok $? "each user is in one shard only"

for by in month,structure,user,track month,track structure month,structure,track; do
	1d-listens --month 2026-10 --by $by log.csv >one.csv
	for k in 0 1 2 3; do
		1d-listens --month 2026-10 --by $by -o part.$k.csv shard.$k.csv
	done
	run 1d-listens merge part.0.csv part.1.csv part.2.csv part.3.csv
	check_same one.csv out "split, aggregate --by $by, merge equals one run"
done

# GNU parallel, as README.md and the man page show it: on this machine,
# and across machines with --sshlogin (here ":", this machine itself, so
# that the test needs no ssh; --trc is then ignored, with a warning).
1d-listens --month 2026-10 log.csv >one.csv
ls shard.*.csv | parallel '1d-listens --month 2026-10 -o {.}.usage {}'
run 1d-listens merge shard.0.usage shard.1.usage shard.2.usage shard.3.usage
check_same one.csv out "split, parallel, merge equals one run"
rm shard.*.usage
ls shard.*.csv | parallel --sshlogin : --trc {.}.usage '1d-listens --month 2026-10 -o {.}.usage {}' 2>/dev/null
run 1d-listens merge shard.0.usage shard.1.usage shard.2.usage shard.3.usage
check_same one.csv out "split, parallel --sshlogin, merge equals one run"
rm shard.*.usage

# parallel --pipe cuts blocks of lines, not users: a user in two blocks
# is counted twice as a listener, and merge refuses usage by user.
parallel --pipe --header '.*\n' -N 1000 'cat >block.{#}.csv' <log.csv
for b in block.*.csv; do
	1d-listens --month 2026-10 --by month,track -o "${b%.csv}.usage" "$b"
	1d-listens --month 2026-10 -o "${b%.csv}.full" "$b"
done
1d-listens --month 2026-10 --by month,track log.csv >one.csv
1d-listens merge block.*.usage >blocks.csv
run cmp -s one.csv blocks.csv
check_exit 1 "blocks of parallel --pipe do not give the distinct listeners of one run"
run 1d-listens merge block.*.full
check_exit 2 "and merge refuses their usage by user"

# Merging fine-grained usage and rolling it up is also one run.
1d-listens --month 2026-10 log.csv >fine.csv
run 1d-listens merge fine.csv
check_same fine.csv out "merging one file gives it back"

# FNV-1a 64 test vectors: "a" is 0xaf63dc4c8601ec8c (5 modulo 7) and
# "foobar" 0x85944171f73967e8 (6 modulo 7).
printf 'ts,user,structure,track,ms_played,source\n2026-10-01T00:00:00Z,a,s,t,1,\n2026-10-01T00:00:00Z,foobar,s,t,1,\n' >two.csv
1d-listens split --by user -n 7 -o h two.csv
check_true "user a goes to shard 5" grep -q ',a,' h.5.csv
check_true "user foobar goes to shard 6" grep -q ',foobar,' h.6.csv

printf 'month,track,plays,listens,ms,users\n2026-10,t1,1,1,1,1\n' >rollup.csv
run 1d-listens merge fine.csv rollup.csv
check_exit 2 "files with other keys are not merged"
check_err "1d-listens: rollup.csv:1: its columns differ from those of fine.csv"
printf 'month,track,plays,listens,ms,users\n2026-10,t1,1,x,1,1\n' >bad.csv
run 1d-listens merge bad.csv
check_err "1d-listens: bad.csv:2: listens: not a non-negative integer: \"x\""

# Shards are disjoint in users: a shard merged twice, or a stale shard
# from an earlier split, would count its users' listens twice.
for k in 0 1 2 3; do
	1d-listens --month 2026-10 -o full.$k.csv shard.$k.csv
done
run 1d-listens merge -o twice.csv full.0.csv full.1.csv full.1.csv
check_exit 2 "a shard merged twice is refused"
check_err "is also in full.1.csv: shards must be disjoint in users"
check_true "and nothing is written" test ! -e twice.csv
run 1d-listens merge full.0.csv full.1.csv full.2.csv full.3.csv
check_exit 0 "disjoint shards merge"

# merge reads its files as sorted streams: on a generated month cut into
# 5 shards (gzip among them), every usage merges to the bytes of one run
# and of the in-memory merge, users of rollups summed.
cc -std=gnu11 -O2 -o generate "$top/examples/generate.c" -lz
./generate -s 11 -L 40000 >gen.csv
check_true "a generated month of 40000 rows" test "$(wc -l <gen.csv)" -eq 40001
1d-listens split --by user -n 5 -o g gen.csv
gzip g.3.csv
for by in month,structure,user,track month,track month,structure month,user structure,track; do
	1d-listens --month 2026-10 --by $by gen.csv >one.csv
	for k in 0 1 2 3 4; do
		f=g.$k.csv
		test -e $f || f=g.$k.csv.gz
		1d-listens --month 2026-10 --by $by -o gpart.$k.csv $f
	done
	gzip gpart.2.csv
	run 1d-listens merge gpart.0.csv gpart.1.csv gpart.2.csv.gz gpart.3.csv gpart.4.csv
	check_same one.csv out "generated month, --by $by: split, aggregate, merge equals one run"
	1d-listens merge --unsorted -o hash.csv gpart.0.csv gpart.1.csv gpart.2.csv.gz gpart.3.csv gpart.4.csv
	check_same hash.csv out "and the in-memory merge"
	rm gpart.*
done
run 1d-listens merge - <fine.csv
check_same fine.csv out "standard input is merged"
run 1d-listens merge - fine.csv - <fine.csv
check_exit 2 "standard input named twice is refused"
check_err '1d-listens: <stdin>: standard input is read once: give "-" once'

# A file not sorted by key (made by hand, or two usage files joined) would
# have its rows summed apart: an error naming its line; --unsorted adds it
# up in memory.
printf 'month,track,plays,listens,ms,users\n2026-10,t2,1,1,1,1\n2026-10,t1,1,1,1,1\n' >unsorted.csv
printf 'month,track,plays,listens,ms,users\n2026-10,t1,2,2,2,2\n2026-10,t2,3,3,3,3\n' >sorted.csv
run 1d-listens merge sorted.csv unsorted.csv
check_exit 2 "an input not sorted by key is refused"
check_err '1d-listens: unsorted.csv:3: not sorted by key: merge needs usage files as 1d-listens writes them (--unsorted adds up any order, in memory)'
check_true "and nothing goes to standard output" test ! -s out
run 1d-listens merge -o m.csv sorted.csv unsorted.csv
check_true "nor to -o" test ! -e m.csv
run 1d-listens merge --unsorted sorted.csv unsorted.csv
printf 'month,track,plays,listens,ms,users\n2026-10,t1,3,3,3,3\n2026-10,t2,4,4,4,4\n' >expected
check_same expected out "--unsorted adds up files in any order"
cat sorted.csv >joined.csv
tail -n +2 sorted.csv >>joined.csv
run 1d-listens merge joined.csv
check_exit 2 "two usage files joined are not sorted"
check_err '1d-listens: joined.csv:4: not sorted by key'
done_testing

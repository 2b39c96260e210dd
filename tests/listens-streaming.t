#!/bin/sh
# 1d-listens map and reduce under the contract of Hadoop Streaming,
# simulated with split(1), awk and sort(1): the logs cut into map tasks
# at arbitrary lines (a header only in each file's first task), every
# mapper's lines partitioned by a hash of the key's first field (the
# user) and sorted, as Hadoop's KeyFieldBasedPartitioner and its sort do,
# one reducer per partition, and merge of the reducers' outputs: the same
# bytes as one run, with duplicates that fall in different map tasks and
# distinct listener counts.
. "${0%/*}/lib.sh"
plan 22
cd "$T"

# Two seeded random logs: 300 users in 7 structures, 500 tracks, rows
# outside October, exact duplicates (some in the other file), and
# duplicates that differ in ms_played, far apart, where the first one
# counts.
awk 'BEGIN {
	srand(20261101)
	print "ts,user,structure,track,ms_played,source" >"a.csv"
	print "ts,user,structure,track,ms_played,source" >"b.csv"
	for (i = 0; i < 6000; i++) {
		f = i < 3500 ? "a.csv" : "b.csv"
		u = int(rand() * 300)
		ts = sprintf("2026-%s-%02dT%02d:%02d:%02dZ", rand() < 0.95 ? "10" : "11",
		    1 + int(rand() * 28), int(rand() * 24), int(rand() * 60), int(rand() * 60))
		line = sprintf("%s,u%03d,s%d,t%03d,", ts, u, u % 7, int(rand() * rand() * 500))
		print line int(rand() * 300000) "," >f
		if (rand() < 0.03)
			later[n++] = line int(rand() * 300000) ","
		if (rand() < 0.03)
			later[n++] = line int(rand() * 300000) ","
	}
	for (k = 0; k < n; k++)
		print later[k] >(k % 2 ? "a.csv" : "b.csv")
}'

# map_tasks K FILE...: each file cut into K pieces at line ends, each
# piece mapped with the environment Hadoop gives a map task; the mappers'
# lines in map.out.
map_tasks() {
	k=$1
	shift
	: >map.out
	for f in "$@"; do
		split -n l/"$k" -d "$f" piece.
		start=0
		for p in piece.*; do
			mapreduce_map_input_file=hdfs:///logs/$f mapreduce_map_input_start=$start \
				1d-listens map <"$p" >>map.out || return 1
			start=$((start + $(wc -c <"$p")))
			rm "$p"
		done
	done
}

# shuffle R [FIELDS]: map.out partitioned into R reducers by a hash of the
# first FIELDS fields (1, the user, by default), each partition sorted.
shuffle() {
	rm -f part.*
	awk -F '\t' -v r="$1" -v fields="${2:-1}" 'BEGIN { for (i = 0; i < 256; i++) ord[sprintf("%c", i)] = i }
	{
		key = $1
		for (i = 2; i <= fields; i++)
			key = key "\t" $i
		h = 0
		for (i = 1; i <= length(key); i++)
			h = (h * 31 + ord[substr(key, i, 1)]) % 1000003
		print >("part." h % r)
	}' map.out
	for p in part.*; do
		sort "$p" >"$p.sorted"
	done
}

# reduce OPTIONS...: every partition reduced, the outputs merged into usage.csv.
reduce() {
	for p in part.*.sorted; do
		1d-listens reduce "$@" -o "${p%.sorted}.usage" "$p" || return 1
	done
	1d-listens merge part.*.usage >usage.csv
}

map_tasks 4 a.csv b.csv
check_true "the mappers key every row: no header line in their output" \
	test "$(wc -l <map.out)" -eq "$(($(cat a.csv b.csv | wc -l) - 2))"
cut -f1 map.out | sort -u >users
check_true "the key's first field is the user" test "$(wc -l <users)" -eq 300

for r in 1 3; do
	shuffle $r
	for by in month,structure,user,track month,track structure; do
		1d-listens --month 2026-10 --by $by a.csv b.csv >one.csv
		reduce --month 2026-10 --by $by
		check_same one.csv usage.csv "$r reducer(s), --by $by: merge of the reducers equals one run"
	done
	1d-listens --month 2026-10 --max-per-day 1 a.csv b.csv >one.csv
	reduce --month 2026-10 --max-per-day 1
	check_same one.csv usage.csv "$r reducer(s), --max-per-day 1: equals one run"
done

# Another cut of the input: 7 map tasks, with gzip input as Hadoop reads it.
gzip -c a.csv >a.csv.gz
map_tasks 1 a.csv.gz
mv map.out map.gz.out
map_tasks 7 b.csv
cat map.gz.out >>map.out
shuffle 3
1d-listens --month 2026-10 a.csv.gz b.csv >one.csv
reduce --month 2026-10
check_same one.csv usage.csv "7 map tasks and a gzip file: equals one run"

# The reducer's order matters: the duplicates that differ are decided by
# the place in the key.  Without it (values in another order) the first
# duplicate is another one.
cut -f5- map.out | sed 's/^/x\tf\t0\t0\t/' | sort -t "$(printf '\t')" -k9,9nr >part.0.sorted
rm -f part.*.usage
1d-listens reduce --month 2026-10 -o part.0.usage part.0.sorted
1d-listens merge part.0.usage >usage.csv
run cmp -s one.csv usage.csv
check_exit 1 "without the place in the key, duplicates that differ are decided otherwise"

# Partitioned on the whole key, a user's listens reach several reducers:
# distinct listeners are counted twice and merge refuses usage by user.
map_tasks 4 a.csv b.csv
shuffle 3 4
1d-listens --month 2026-10 --by month,track a.csv b.csv >one.csv
reduce --month 2026-10 --by month,track
run cmp -s one.csv usage.csv
check_exit 1 "partitioned on the whole key, distinct listeners are wrong"
run reduce --month 2026-10
check_exit 2 "and merge refuses usage whose users are in two reducers"
check_err "shards must be disjoint in users"

# A reducer that receives nothing writes a header, and merge takes it.
run 1d-listens reduce --month 2026-10 </dev/null
check_out "month,structure,user,track,plays,listens,ms" "an empty reducer writes the header"

# The mapper's faults: a log with its columns in another order, a
# rejected row (exit 1, the line of the split), a bad split start.
printf 'ts,user,structure,track,ms_played,source\n' >other2.csv
printf 'ts,track,user,structure,ms_played,source\n' >>other2.csv
run 1d-listens map other2.csv
check_exit 2 "a header in another order is refused"
check_err "1d-listens: other2.csv:2: map reads logs whose columns are ts,user,structure,track,ms_played,source, in that order"
printf '2026-10-01T00:00:00Z,u1,s1,t1,12a,\n2026-10-01T00:00:00Z,u1,s1,t1,1,\n' >bad.csv
run 1d-listens map bad.csv
check_exit 1 "a bad row makes the mapper exit 1"
check_err '1d-listens: bad.csv:1: ms_played: not a non-negative integer: "12a"'
printf 'u1\tbad.csv\t0000000000000000000\t000000000002\t2026-10-01T00:00:00Z\tu1\ts1\tt1\t1\t\n' >want
check_same want out "and the good ones are mapped"
mapreduce_map_input_start=x run 1d-listens map <bad.csv
check_exit 2 "a split start that is not a count is a usage error"
done_testing

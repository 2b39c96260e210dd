#!/bin/sh
# 1d-listens: every rejected row names its file, line, field and reason,
# goes to --rejects, and makes the exit status 1; the good rows are kept.
# Usage and I/O errors exit 2.
. "${0%/*}/lib.sh"
plan 54
cp "$DATA/listens/bad.csv" "$T/bad.csv"
cd "$T"

run 1d-listens --month 2026-10 --rejects rejects.csv bad.csv
check_exit 1 "rejected rows make the exit status 1"
check_err '1d-listens: bad.csv:3: ts: not an ISO 8601 timestamp with a zone: "2026-10-01T08:00:00"'
check_err '1d-listens: bad.csv:4: user: empty'
check_err '1d-listens: bad.csv:5: structure: empty'
check_err '1d-listens: bad.csv:6: track: empty'
check_err '1d-listens: bad.csv:7: ms_played: not a non-negative integer: "12a"'
check_err '1d-listens: bad.csv:8: ms_played: not a non-negative integer: "-5"'
check_err '1d-listens: bad.csv:9: 4 fields where the header has 6'
# Line 10's quoted source spans two lines: the next row is on line 12.
cat >expected <<'X'
month,structure,user,track,plays,listens,ms
2026-10,bib-st-etienne,u01,FRZ012600101,2,1,206000
2026-10,bib-st-etienne,u01,XX0000000000,1,0,1000
X
check_same expected out "the good rows are still counted"
cat >expected <<'X'
_file,_line,_reason,ts,user,structure,track,ms_played,source
bad.csv,3,"ts: not an ISO 8601 timestamp with a zone: ""2026-10-01T08:00:00""",2026-10-01T08:00:00,u01,bib-st-etienne,FRZ012600101,205000,
bad.csv,4,user: empty,2026-10-01T08:01:00Z,,bib-st-etienne,FRZ012600101,205000,
bad.csv,5,structure: empty,2026-10-01T08:02:00Z,u01,,FRZ012600101,205000,
bad.csv,6,track: empty,2026-10-01T08:03:00Z,u01,bib-st-etienne,,205000,
bad.csv,7,"ms_played: not a non-negative integer: ""12a""",2026-10-01T08:04:00Z,u01,bib-st-etienne,FRZ012600101,12a,
bad.csv,8,"ms_played: not a non-negative integer: ""-5""",2026-10-01T08:05:00Z,u01,bib-st-etienne,FRZ012600101,-5,
bad.csv,9,4 fields where the header has 6,2026-10-01T08:06:00Z,u01,bib-st-etienne,FRZ012600101
X
check_same expected rejects.csv "--rejects keeps each rejected row with its place and reason"

printf 'track\nFRZ012600101\n' >catalog.csv
run 1d-listens -v --month 2026-10 --catalog catalog.csv bad.csv
check_exit 1
check_err '1d-listens: bad.csv:12: track: not in the catalogue: "XX0000000000"' \
	"an unknown track is rejected on its physical line"
check_err 'read 10 = kept 2 + rejected 8 + duplicates 0 + other months 0' "counts add up with rejects"

run 1d-listens --month 2026-10 --max-rejects 3 -o never.csv bad.csv
check_exit 1 "--max-rejects exceeded"
check_err '1d-listens: more than 3 rejected rows: giving up, nothing written'
check_true "nothing written when giving up" test ! -e never.csv
check_true "no temporary file left behind" sh -c '! ls never.csv.tmp* 2>/dev/null'

printf 'ts,user,track,ms_played\n' >nostructure.csv
run 1d-listens nostructure.csv
check_exit 2 "a missing column is an input error"
check_err '1d-listens: nostructure.csv:1: structure: no such column'

printf 'ts,user,structure,track,ms_played\n"2026-10-01,u01\n' >unterminated.csv
run 1d-listens unterminated.csv
check_exit 2 "CSV that stops parsing is an input error"
check_err '1d-listens: unterminated.csv:2: unterminated quoted field'

run 1d-listens missing.csv
check_exit 2 "an unreadable file is an I/O error"
check_err '1d-listens: missing.csv: No such file or directory'

run 1d-listens --month 2026-13 bad.csv
check_exit 2 "a bad month is a usage error"
check_err '1d-listens: --month: not a month (YYYY-MM): "2026-13"'
run 1d-listens --by month,album bad.csv
check_err '1d-listens: --by: not a list of month, structure, user, track: "month,album"'
run 1d-listens --tz Mars/Olympus_Mons bad.csv
check_err '1d-listens: --tz: unknown time zone "Mars/Olympus_Mons"'
run 1d-listens --min-ms 1e3 bad.csv
check_err '1d-listens: --min-ms: not a non-negative integer: "1e3"'
run 1d-listens --pseudonymise nokey bad.csv
check_err '1d-listens: nokey: cannot read the key file'
printf short >shortkey
run 1d-listens --pseudonymise shortkey bad.csv
check_err '1d-listens: shortkey: a key needs at least 16 bytes'
run 1d-listens merge --month 2026-10 x.csv
check_exit 2 "aggregation options do not go with merge"
run 1d-listens --help
check_exit 0 "--help exits 0"

# Counts past int64 are errors naming the field, never wrapped values.
printf 'ts,user,structure,track,ms_played,source\n2026-10-01T08:00:00Z,u1,s1,t1,99999999999999999999,\n2026-10-01T08:01:00Z,u1,s1,t1,5000,\n' >huge.csv
run 1d-listens --month 2026-10 huge.csv
check_exit 1 "an ms_played past int64 is a rejected row"
check_err '1d-listens: huge.csv:2: ms_played: too large (above 9223372036854775807): "99999999999999999999"'
printf 'month,track,plays,listens,ms,users\n2026-10,t1,9223372036854775808,1,1,1\n2026-10,t2,1,1,1,1\n' >big.csv
run 1d-listens merge big.csv
check_exit 1 "plays past int64 in a usage file is a bad row"
check_err '1d-listens: big.csv:2: plays: too large (above 9223372036854775807): "9223372036854775808"'
printf 'month,track,plays,listens,ms,users\n2026-10,t2,1,1,1,1\n' >expected
check_same expected out "merge keeps the other rows"
printf 'month,track,plays,listens,ms,users\n2026-10,t1,9223372036854775807,1,1,1\n' >max.csv
printf 'month,track,plays,listens,ms,users\n2026-10,t1,1,1,1,1\n' >one.csv
run 1d-listens merge -o sum.csv max.csv one.csv
check_exit 1 "a sum past int64 stops merge"
check_err '1d-listens: one.csv:2: plays: the sum would pass 9223372036854775807; nothing written'
check_true "and nothing is written" test ! -e sum.csv
printf 'ts,user,structure,track,ms_played,source\n2026-10-01T08:00:00Z,u1,s1,t1,9223372036854775807,\n2026-10-01T08:01:00Z,u1,s1,t1,1,\n' >sum.csv
run 1d-listens --month 2026-10 sum.csv
check_err '1d-listens: sum.csv:3: ms: the sum would pass 9223372036854775807; nothing written'
done_testing

# An input that cannot be read to its end writes nothing at all, in every
# command: a missing file among good ones, a truncated gzip log.
cp "$DATA/listens/october.csv" good.csv
run 1d-listens --month 2026-10 -o agg.csv good.csv /nonexistent.csv
check_exit 2 "a missing input among good ones is an I/O error"
check_err '1d-listens: /nonexistent.csv: No such file or directory'
check_true "and -o is not written" test ! -e agg.csv
run 1d-listens --month 2026-10 good.csv /nonexistent.csv
check_exit 2 "a missing input: exit 2 without -o"
check_true "and nothing goes to stdout" test ! -s out
1d-listens --month 2026-10 -o usage.csv good.csv 2>/dev/null
run 1d-listens merge -o merged.csv usage.csv /nonexistent.csv
check_exit 2 "merge: a missing input is an I/O error"
check_true "merge: -o is not written" test ! -e merged.csv
gzip -c good.csv >whole.gz
head -c $(($(wc -c <whole.gz) - 12)) whole.gz >cut.gz
run 1d-listens --month 2026-10 -o cut.csv cut.gz
check_exit 2 "a truncated gzip log is an I/O error"
check_err '1d-listens: cut.gz:'
check_true "the rows before the cut are not written" test ! -e cut.csv
run 1d-listens merge usage.csv <usage.csv
check_exit 0 "merge reads standard input when it has no operand"
run 1d-listens split --by user -n 2 -o shard cut.gz
check_exit 2 "split: a truncated gzip is an I/O error"
check_true "split: no shard written" test ! -e shard.0.csv

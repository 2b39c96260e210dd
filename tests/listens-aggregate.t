#!/bin/sh
# 1d-listens: aggregation, duplicates, qualified listens, months, time
# zones, rollups and the daily cap, on a hand-written log whose expected
# usage is worked out below from the rules in 1d-listens(1).
. "${0%/*}/lib.sh"
plan 21
cp "$DATA/listens/october.csv" "$T/october.csv"
cd "$T"

# October in UTC: line 4 repeats line 3 (a duplicate); line 12 is in
# September and line 13 in November.  Qualified: ms_played >= 30000, so
# line 5 (10000) and line 7 (29999) are plays but not listens.
cat >expected <<'X'
month,structure,user,track,plays,listens,ms
2026-10,bib-st-etienne,u01,FRZ012600101,2,1,215000
2026-10,bib-st-etienne,u01,FRZ012600102,1,1,242000
2026-10,bib-st-etienne,u02,FRZ012600101,2,1,59999
2026-10,cse-manufacture,u09,FRX452400010,2,2,400000
2026-10,mjc-lyon8,u05,FRZ012200301,4,4,720000
2026-10,mjc-lyon8,u06,cd1d:CD1D-7781,1,1,120000
X
run 1d-listens -v --month 2026-10 october.csv
check_exit 0
check_same expected out "usage of October, sorted by key"
check_err "1d-listens: read 15 = kept 12 + rejected 0 + duplicates 1 + other months 2; 10 qualified listens, 0 over the daily cap; 6 usage rows" \
	"-v counts add up"

run 1d-listens --month 2026-10 -o usage.csv october.csv
check_same expected usage.csv "-o writes the same file"
check_true "-o leaves nothing on stdout" test ! -s out

run 1d-listens --month 2026-10 - <october.csv
check_same expected out "standard input"
gzip -c october.csv >october.csv.gz
run 1d-listens --month 2026-10 october.csv.gz
check_same expected out "gzip input"

# Every month: the September and November rows get their own months.
cat >expected <<'X'
month,structure,user,track,plays,listens,ms
2026-09,mjc-lyon8,u06,cd1d:CD1D-7781,1,1,100000
2026-10,bib-st-etienne,u01,FRZ012600101,2,1,215000
2026-10,bib-st-etienne,u01,FRZ012600102,1,1,242000
2026-10,bib-st-etienne,u02,FRZ012600101,2,1,59999
2026-10,cse-manufacture,u09,FRX452400010,2,2,400000
2026-10,mjc-lyon8,u05,FRZ012200301,4,4,720000
2026-10,mjc-lyon8,u06,cd1d:CD1D-7781,1,1,120000
2026-11,cse-manufacture,u09,FRX452400010,1,1,200000
X
run 1d-listens october.csv
check_same expected out "without --month every month is kept"

# In Paris, 2026-10-31T23:30Z is already November (CET, +01:00) and
# 2026-09-30T22:30Z is already October (CEST, +02:00).
cat >expected <<'X'
month,structure,user,track,plays,listens,ms
2026-10,bib-st-etienne,u01,FRZ012600101,2,1,215000
2026-10,bib-st-etienne,u01,FRZ012600102,1,1,242000
2026-10,bib-st-etienne,u02,FRZ012600101,2,1,59999
2026-10,cse-manufacture,u09,FRX452400010,2,2,400000
2026-10,mjc-lyon8,u05,FRZ012200301,4,4,720000
2026-10,mjc-lyon8,u06,cd1d:CD1D-7781,1,1,100000
X
run 1d-listens --month 2026-10 --tz Europe/Paris october.csv
check_same expected out "--tz Europe/Paris moves the month edges"

# Tracks in byte order: upper case before lower case.
cat >expected <<'X'
month,track,plays,listens,ms,users
2026-10,FRX452400010,2,2,400000,1
2026-10,FRZ012200301,4,4,720000,1
2026-10,FRZ012600101,4,2,274999,2
2026-10,FRZ012600102,1,1,242000,1
2026-10,cd1d:CD1D-7781,1,1,120000,1
X
run 1d-listens --month 2026-10 --by month,track october.csv
check_same expected out "--by month,track counts distinct listeners"
run 1d-listens --month 2026-10 --by track,month october.csv
check_same expected out "--by keys are written in their canonical order"

cat >expected <<'X'
structure,plays,listens,ms,users
bib-st-etienne,5,3,516999,2
cse-manufacture,2,2,400000,1
mjc-lyon8,5,5,840000,2
X
run 1d-listens --month 2026-10 --by structure october.csv
check_same expected out "--by structure"

# u05 has three qualified listens of FRZ012200301 on 2026-10-15: with a
# cap of 2 the third is a play but not a listen.
cat >expected <<'X'
month,structure,user,track,plays,listens,ms
2026-10,bib-st-etienne,u01,FRZ012600101,2,1,215000
2026-10,bib-st-etienne,u01,FRZ012600102,1,1,242000
2026-10,bib-st-etienne,u02,FRZ012600101,2,1,59999
2026-10,cse-manufacture,u09,FRX452400010,2,2,400000
2026-10,mjc-lyon8,u05,FRZ012200301,4,3,720000
2026-10,mjc-lyon8,u06,cd1d:CD1D-7781,1,1,120000
X
run 1d-listens -v --month 2026-10 --max-per-day 2 october.csv
check_same expected out "--max-per-day 2 caps a user's listens of a track per day"
check_err "9 qualified listens, 1 over the daily cap" "the capped listen is counted"

# --min-ms 10000: lines 5 and 7 qualify too.
cat >expected <<'X'
month,track,plays,listens,ms,users
2026-10,FRX452400010,2,2,400000,1
2026-10,FRZ012200301,4,4,720000,1
2026-10,FRZ012600101,4,4,274999,2
2026-10,FRZ012600102,1,1,242000,1
2026-10,cd1d:CD1D-7781,1,1,120000,1
X
run 1d-listens --month 2026-10 --min-ms 10000 --by month,track october.csv
check_same expected out "--min-ms lowers the qualifying time"

# TSV in and out, with escapes.
printf 'ts\tuser\tstructure\ttrack\tms_played\tsource\n2026-10-05T10:00:00Z\tu\\t1\tmjc-lyon8\tFRZ012600101\t31000\t\n' >in.tsv
printf 'month\tstructure\tuser\ttrack\tplays\tlistens\tms\n2026-10\tmjc-lyon8\tu\\t1\tFRZ012600101\t1\t1\t31000\n' >expected
run 1d-listens -t in.tsv
check_same expected out "TSV in and out keep an escaped tab"
tr '\t' ',' <in.tsv >in.csv
printf 'month,structure,user,track,plays,listens,ms\n2026-10,mjc-lyon8,u\\t1,FRZ012600101,1,1,31000\n' >expected
run 1d-listens in.csv
check_same expected out "a backslash in CSV is just a backslash"

# CRLF line ends and a byte-order mark change nothing.
printf '\357\273\277' >crlf.csv
sed 's/$/\r/' october.csv >>crlf.csv
run 1d-listens --month 2026-10 --by month,track crlf.csv
cat >expected <<'X'
month,track,plays,listens,ms,users
2026-10,FRX452400010,2,2,400000,1
2026-10,FRZ012200301,4,4,720000,1
2026-10,FRZ012600101,4,2,274999,2
2026-10,FRZ012600102,1,1,242000,1
2026-10,cd1d:CD1D-7781,1,1,120000,1
X
check_same expected out "BOM and CRLF"

# A catalogue that knows every track changes nothing.
printf 'track,status\nFRX452400010,active\nFRZ012200301,active\nFRZ012600101,active\nFRZ012600102,takedown\ncd1d:CD1D-7781,active\n' >catalog.csv
run 1d-listens --month 2026-10 --by month,track --catalog catalog.csv october.csv
check_exit 0 "known tracks pass --catalog"
check_same expected out "--catalog keeps known tracks, whatever their status"

# Pseudonyms are HMAC-SHA-256 of the user id keyed by the file (without
# its final newline): compare with openssl's own HMAC.
printf 'a secret of the cooperative\n' >key
printf 'ts,user,structure,track,ms_played,source\n2026-10-05T10:00:00Z,u01,mjc-lyon8,FRZ012600101,31000,\n' >one.csv
hmac=$(printf u01 | openssl dgst -sha256 -hmac 'a secret of the cooperative' | sed 's/.*= //')
printf 'month,structure,user,track,plays,listens,ms\n2026-10,mjc-lyon8,%s,FRZ012600101,1,1,31000\n' "$hmac" >expected
run 1d-listens --pseudonymise key one.csv
check_same expected out "--pseudonymise replaces users by their HMAC"
done_testing

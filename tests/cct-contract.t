#!/bin/sh
# 1d-cct: no silent wrong number.  An input that cannot be read writes
# nothing; counts and sums that would pass int64 are refused, never
# wrapped; a policy key twice is an error; what changes money without
# being an error is said on stderr even without -v; a hostile accrual
# span is computed at once.
. "${0%/*}/lib.sh"
plan 47
d=$DATA/cct
cd "$T"
cp "$d/ledger.csv" "$d/catalog.csv" "$d/usage.csv" .
# The policy of the tests without the keys only some models use.
grep -v '^tier\.\|^ac_' "$d/policy.conf" >policy.conf
cct() { rm -f p.csv s.csv; run 1d-cct --month 2026-10 --catalog catalog.csv "$@"; }

# 1. A missing input: exit 2, neither -o nor --summary written.
cct --policy policy.conf --ledger ledger.csv -o p.csv --summary s.csv /nonexistent
check_exit 2 "a missing usage file is an I/O error"
check_err '1d-cct: /nonexistent: No such file or directory'
check_true "no payouts written" test ! -e p.csv
check_true "no summary written" test ! -e s.csv
cct --policy policy.conf --ledger ledger.csv -o p.csv usage.csv /nonexistent
check_exit 2 "a missing file after a good one is an I/O error too"
check_true "and nothing is written" test ! -e p.csv
gzip -c usage.csv >whole.gz
head -c $(($(wc -c <whole.gz) - 12)) whole.gz >cut.gz
cct --policy policy.conf --ledger ledger.csv -o p.csv cut.gz
check_exit 2 "truncated gzip usage is an I/O error"
check_true "nothing written" test ! -e p.csv
cct --policy policy.conf --ledger - -o p.csv - <ledger.csv
check_exit 2 "standard input cannot be two inputs"
check_err 'standard input is already read'

# 2. Counts: past int64 a rejected row; at the limit, no sum wraps.
{ head -1 usage.csv; echo '2026-10,s1,u1,FRZ012600101,1,99999999999999999999,1'; sed 1d usage.csv; } >big.csv
cct --policy policy.conf --ledger ledger.csv -o p.csv big.csv
check_exit 1 "listens past int64 reject the row"
check_err '1d-cct: big.csv:2: listens: not a non-negative integer: "99999999999999999999"'
check_true "the kept rows are written" test -s p.csv
{ head -1 usage.csv; echo '2026-10,s1,u1,FRZ012600101,1,9223372036854775807,1'; sed 1d usage.csv; } >max.csv
cct --policy policy.conf --ledger ledger.csv -o p.csv max.csv
check_exit 1 "listens at the limit: the month's sum would pass it"
check_err '1d-cct: max.csv:3: listens: the month'"'"'s sum would pass 9223372036854775807'
check_true "nothing written" test ! -e p.csv
{ head -1 usage.csv; echo '2026-10,s1,u1,FRZ012600101,1,9223372036854775807,1'; } >one.csv
cct --policy policy.conf --ledger ledger.csv -o p.csv one.csv
check_exit 1 "one row at the limit: its weight (listens x coef) would pass int64"
check_err 'the weight of track FRZ012600101'
check_true "refused, nothing written" test ! -e p.csv

# 3. Policy: a key twice, a long comment, keys the model ignores.
{ cat policy.conf; echo 'sacem_rate = 0'; } >twice.conf
cct --policy twice.conf --ledger ledger.csv usage.csv
check_exit 2 "a key given twice is an error"
check_err "twice.conf:$(wc -l <twice.conf): sacem_rate: given twice, on lines 5 and $(wc -l <twice.conf)"
{ printf '# '; head -c 4094 /dev/zero | tr '\0' x; printf 'model = user\n'; cat policy.conf; } >long.conf
cct --policy long.conf --ledger ledger.csv -o p.csv usage.csv
check_exit 0 "a comment of 4096 bytes and more is a comment to its end"
check_true "its tail is not read as a key" grep -q ',cct,' p.csv
{ cat policy.conf; echo 'tier.emerging = 2000'; echo 'ac_boost = 3000'; } >extra.conf
cct --policy extra.conf --ledger ledger.csv usage.csv
check_exit 0
check_err '1d-cct: extra.conf: the cct model ignores tier.* (line' "a tier key under cct is said"
check_err 'ac_boost (line' "and so is an artist-centric key"
cct --policy extra.conf --ledger ledger.csv --model tiers usage.csv
check_err '1d-cct: --model tiers without --holders: no holder has a tier, every holder weighs 1000'

# 4. No silent surprises, without -v.
cct --policy policy.conf --ledger ledger.csv usage.csv
check_err 'qualified listens' "listens set aside are said" 
printf 'track,title,holder,release_date,territories,available_from,available_until,status\nT1,X,H,2020-01-01,Worldwide,,,takedown\n' >down.csv
run 1d-cct --month 2026-10 --catalog down.csv --policy policy.conf --ledger ledger.csv usage.csv
check_exit 0 "a month with nothing to share is not an error"
check_err 'unallocated: no active title with a holder (the fixed part); no qualified listen on an active title (the variable part)' \
	"money going to unallocated is said, with why"
check_err 'set aside: 26 not in the catalogue' "listens set aside are counted by reason"
run 1d-cct --month 2026-11 --catalog catalog.csv --policy policy.conf --ledger ledger.csv usage.csv
check_err 'usage: no rows for 2026-11' "a month without usage rows is said"
check_err 'ledger.csv: no money for 2026-11' "a month without ledger money is said"
head -1 ledger.csv >empty-ledger.csv
cct --policy policy.conf --ledger empty-ledger.csv usage.csv
check_exit 0 "a header-only ledger is valid"
check_err 'empty-ledger.csv: no money for 2026-10 (0 rows'

# 5. Sums of money past int64 are refused.
printf 'date,structure,kind,gross,currency,vat_rate,period_start,period_end,ref\n2026-10-01,s1,subscription,92233720368547758.07,EUR,0,2026-10-01,2026-10-31,a\n2026-10-01,s1,subscription,1.00,EUR,0,2026-10-01,2026-10-31,b\n' >huge1.csv
cct --policy policy.conf --ledger huge1.csv -o p.csv usage.csv
check_exit 1 "one structure's gross past int64 is refused"
check_err 'huge1.csv:3: gross: the structure'"'"'s sum for the month would pass'
check_true "nothing written" test ! -e p.csv
sed 's/^\(2026-10-01,\)s1\(,subscription,1.00\)/\1s2\2/' huge1.csv >huge2.csv
cct --policy policy.conf --ledger huge2.csv -o p.csv usage.csv
check_exit 1 "two structures' total past int64 is refused"
check_err 'huge2.csv: the month'"'"'s total over the structures: the sum would pass'
check_true "nothing written" test ! -e p.csv
{ grep -v novelty_coef policy.conf; echo 'novelty_coef = 9223372036854775807'; } >coef.conf
cct --policy coef.conf --ledger ledger.csv -o p.csv usage.csv
check_exit 2 "a novelty_coef near the limit is refused"
check_err 'novelty_coef: not a coefficient in thousandths from 0 to 1000000'
{ grep -v novelty_coef policy.conf; echo 'novelty_coef = 1000000'; } >coef.conf
{ head -1 usage.csv; echo '2026-10,s1,u1,FRZ012600101,1,9223372036854775,1'; echo '2026-10,s1,u1,FRZ012311001,1,9223372036854775,1'; } >many.csv
cct --policy coef.conf --ledger ledger.csv -o p.csv many.csv
check_exit 1 "weights past int64 at the largest coefficient are refused"
check_true "nothing written" test ! -e p.csv

# 6. A hostile accrual span is computed at once, exactly.
{ head -1 ledger.csv; i=0; while [ $i -lt 2000 ]; do echo "2026-10-01,s1,grant,1000.00,EUR,0,0001-01-01,9999-12-31,r$i"; i=$((i + 1)); done; } >span.csv
start=$(date +%s)
cct --policy policy.conf --ledger span.csv -o p.csv usage.csv
check_exit 0 "2000 rows over 0001..9999 are read"
check_true "in a few seconds" test $(($(date +%s) - start)) -lt 5

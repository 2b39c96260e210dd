#!/bin/sh
# 1d-report dsr and transparency on a hand-made month.
. "${0%/*}/lib.sh"
plan 11
cp "$DATA"/report/* "$T"
cd "$T"

# Believe's titles are T1 and T2: T1 has 4 listens and 2.50 + 14.55,
# T2 no listen and 2.50.
printf 'HEAD\t1d-dsr/1\t1D-2026-10-Believe\t2026-10-31T23:59:59Z\t2026-10-01\t2026-10-31\tBelieve\tEUR\n' >expected
printf 'SY01\t2\t4\t19.55\n' >>expected
printf 'AS01\tFRZ010000001\tT1\tUn, deux\tA & B\t3610000000001\t4\t17.05\tEUR\n' >>expected
printf 'AS01\tFRZ010000002\tT2\tDeux\tA & B\t3610000000001\t0\t2.50\tEUR\n' >>expected
printf 'FOOT\t5\t2\n' >>expected
run 1d-report dsr --distributor Believe --catalog catalog.csv payouts-10.csv
check_exit 0 "dsr"
check_same expected out "Believe's sales report"
run 1d-report dsr --distributor Nobody --catalog catalog.csv payouts-10.csv
check_out "FOOT	3	0" "a distributor without titles gets an empty report"
run 1d-report dsr --catalog catalog.csv payouts-10.csv
check_exit 2 "--distributor is required"

# Holders get 19.55 + 7.95 = 27.50 of 50.00; with two holders the top
# 1 % and the top 10 % are both one holder, A Label: 19.55/27.50 = 71.1 %.
cat >expected <<'X'
The month 2026-10 (model cct), amounts in EUR

Money shared: 50.00
  operations                 10.00
  research, develop.          7.50
  solidarity fund             5.00
  fixed part                  7.50
  variable part              20.00
  unallocated                 0.00

Rights holders: 2, paid 27.50 in all
  the top  1 % (1 holder) received 71.1 %
  the top 10 % (1 holder) received 71.1 %
X
run 1d-report transparency payouts-10.csv
check_same expected out "transparency: the month on one page"
printf 'holder,cct,prorata\nA Label,19.55,18.00\nSmall,7.95,9.50\n' >compare.csv
run 1d-report transparency --compare compare.csv payouts-10.csv
check_out "  prorata                 27.50" "transparency sums each model"
run 1d-report --excel statements --month 2026-10 -o x payouts-10.csv
check_exit 2 "options come after the subcommand"
run 1d-report keygen --excel --month 2026-10 -o k
check_exit 2 "each subcommand takes only its own options"
check_err "1d-report: keygen: --excel: unknown option"
check_true "nothing written on a usage error" test ! -e k.pem
run 1d-report nonsense
check_exit 2 "an unknown subcommand is a usage error"
done_testing

#!/bin/sh
# 1d-report statements and transparency on a month with suspense
# (1d-cct(1) SUSPENSE): released money is the holder's earnings, shown
# apart from its titles; suspense lines (no holder) count in the month's
# totals, and the summary check allows for what came from suspense.
. "${0%/*}/lib.sh"
plan 9
cd "$T"

# A hand-made November.  base 100.00 = fund 10 + operations 20 + rnd 15 +
# fixed 15 + variable 40; 2.00 returned from old suspense joins the
# variable part: 42.00 = HA 34.00 + Z held 8.00.  Released: 4.00 to HA
# (A), 10.00 to HN (N).  The lines add up to 100 + 14 + 2 = 116.00.
cat >payouts.csv <<'X'
month,model,holder,part,track,listens,weight,amount
2026-11,cct,,fund,,0,1000,10.00
2026-11,cct,,operations,,0,2000,20.00
2026-11,cct,,rnd,,0,1500,15.00
2026-11,cct,,suspense,Z,1,1000,8.00
2026-11,cct,HA,fixed,A,4,1,7.50
2026-11,cct,HA,released,A,0,0,4.00
2026-11,cct,HA,variable,A,4,4000,34.00
2026-11,cct,HN,fixed,N,0,1,7.50
2026-11,cct,HN,released,N,0,0,10.00
X
cat >summary.csv <<'X'
key,value
month,2026-11
model,cct
base,100.00
fixed,15.00
fund,10.00
operations,20.00
released,14.00
rnd,15.00
suspense,8.00
unallocated,0.00
variable,34.00
held,8.00
returned,2.00
X
run 1d-report statements --month 2026-11 --summary summary.csv -o st payouts.csv
check_exit 0 "statements of a month with released and suspense lines"
# HA: 7.50 + 34.00 + 4.00 = 45.50; HN: 7.50 + 10.00 = 17.50; both over
# the minimum payout of 10.00.  The suspense line is no holder's.
cat >expected <<'X'
holder,name,file,earned,brought_forward,paid,carried_forward
HA,HA,ha,45.50,0.00,45.50,0.00
HN,HN,hn,17.50,0.00,17.50,0.00
X
check_same expected st/index.csv "index: released money is earned"
cat >expected <<'X'
month,model,holder,kind,track,title,artists,listens,weight,fixed,variable,amount
2026-11,cct,HA,title,A,,,4,4000,7.50,34.00,41.50
2026-11,cct,HA,released,A,,,,,,,4.00
2026-11,cct,HA,total,,,,,,7.50,34.00,45.50
2026-11,cct,HA,brought_forward,,,,,,,,0.00
2026-11,cct,HA,paid,,,,,,,,45.50
2026-11,cct,HA,carried_forward,,,,,,,,0.00
X
check_same expected st/ha.csv "CSV statement: a released row apart from the title's fixed and variable"
cat >expected <<'X'
Statement for HN, 2026-11

Title                                    Listens      Fixed   Variable      Total
N (N)                                          0       7.50       0.00       7.50
Total                                          0       7.50       0.00       7.50

Released from suspense (held in earlier months)

N (N)                                                                        10.00
Total                                                                        10.00

Earned this month                                                            17.50
Brought forward                                                               0.00
Paid                                                                         17.50
Carried forward                                                               0.00

Amounts in EUR.

How the month was shared (model cct).
After VAT and the collecting society's share, 102.00 EUR came in this month.
Operations 20.00, research and development 15.00 and the solidarity fund 10.00
were set aside by the cooperative's keys. The fixed part, 15.00, was shared
among rights holders by their active titles; the variable part, 34.00, by
qualified listens, titles released less than 36 months ago weighing 1.50 times
as much.
8.00 earned by titles without a known rights holder is held in suspense.
14.00 held in suspense in earlier months was released to the rights holders.
X
check_same expected st/hn.txt "text statement: released from suspense, in earnings"
check_true "HTML statement: released from suspense" grep -q '<tr><td>N</td><td></td><td class="n">10.00</td></tr>' st/hn.html

# The lines come to base + released + returned; a base that does not is named.
sed 's/^base,100.00/base,99.00/' summary.csv >bad.csv
run 1d-report statements --month 2026-11 --summary bad.csv -o st2 payouts.csv
check_exit 1 "a summary whose base does not follow is refused"
check_err "1d-report: bad.csv:4: base: 99.00 in the summary, 100.00 in the payouts (less released and returned)"

# Transparency: 116.00 shared, suspense and released on their lines; the
# holders received 63.00, HA 45.50 of it: 72.2 %.
cat >expected <<'X'
The month 2026-11 (model cct), amounts in EUR

Money shared: 116.00
  operations                 20.00
  research, develop.         15.00
  solidarity fund            10.00
  fixed part                 15.00
  variable part              34.00
  unallocated                 0.00
  held in suspense            8.00
  released                   14.00

Rights holders: 2, paid 63.00 in all
  the top  1 % (1 holder) received 72.2 %
  the top 10 % (1 holder) received 72.2 %
X
run 1d-report transparency payouts.csv
check_exit 0 "transparency of a month with suspense"
check_same expected out "transparency: held and released on their own lines"
done_testing

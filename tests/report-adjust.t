#!/bin/sh
# 1d-report statements --adjustments: the adjustments of a restated month
# shown apart from the month's earnings and carried by the balances.
. "${0%/*}/lib.sh"
plan 13
cp "$DATA"/report/* "$T"
cd "$T"

# October restated (as 1d-report restate writes it): the fund line has no
# holder and is no holder's; A Label gives back 0.50 + 2.55 = 3.05, a late
# title T9 gives Late 12.05, Small's T3 goes from 5.45 to 5.00: -0.45.
cat >adjustments.csv <<'X'
month,holder,part,track,old,new,delta
2026-10,,fund,,5.00,6.00,1.00
2026-10,A Label,fixed,T1,2.50,2.00,-0.50
2026-10,A Label,variable,T1,14.55,12.00,-2.55
2026-10,Late,fixed,T9,0.00,12.05,12.05
2026-10,Small,variable,T3,5.45,5.00,-0.45
X
cat >balances-10.csv <<'X'
holder,balance
Gone,-2.00
Small,8.95
X
# November, due = earned + adjustments + brought, paid from 10.00:
#   A Label 0.00 - 3.05 + 0.00 = -3.05  carried
#   Gone    0.00 + 0.00 - 2.00 = -2.00  carried
#   Late    0.00 + 12.05 + 0.00 = 12.05 paid
#   Small   1.05 - 0.45 + 8.95 = 9.55   carried (under 10.00)
run 1d-report statements --month 2026-11 --catalog catalog.csv --balances balances-10.csv \
	--adjustments adjustments.csv -o nov payouts-11.csv
check_exit 0 "statements with adjustments"
cat >expected <<'X'
holder,name,file,earned,adjustments,brought_forward,paid,carried_forward
A Label,A Label,a-label,0.00,-3.05,0.00,0.00,-3.05
Gone,Gone,gone,0.00,0.00,-2.00,0.00,-2.00
Late,Late,late,0.00,12.05,0.00,12.05,0.00
Small,Small,small,1.05,-0.45,8.95,0.00,9.55
X
check_same expected nov/index.csv "index: adjustments in their own column, in the balance"
cat >expected <<'X'
holder,balance
A Label,-3.05
Gone,-2.00
Small,9.55
X
check_same expected nov/balances.csv "the balances carry the adjustments"
cat >expected <<'X'
month,model,holder,kind,track,title,artists,listens,weight,fixed,variable,amount
2026-11,cct,Small,title,T3,Trois <live>,Petit,2,3000,0.00,1.05,1.05
2026-10,cct,Small,adjustment,T3,Trois <live>,Petit,,,,-0.45,-0.45
2026-11,cct,Small,total,,,,,,0.00,1.05,1.05
2026-11,cct,Small,adjustments,,,,,,,,-0.45
2026-11,cct,Small,brought_forward,,,,,,,,8.95
2026-11,cct,Small,paid,,,,,,,,0.00
2026-11,cct,Small,carried_forward,,,,,,,,9.55
X
check_same expected nov/small.csv "CSV: the adjustment row is of the month it restates"
# The month: fund 0.30 + Small's 1.05 = 1.35, fixed 0.00, variable 1.05.
{
	printf 'Statement for Late, 2026-11\n\n'
	printf '%-40s%8s %10s %10s %10s\n' Title Listens Fixed Variable Total
	printf '%-40s%8s %10s %10s %10s\n\n' Total 0 0.00 0.00 0.00
	printf 'Adjustments of earlier months (restated)\n\n'
	printf '%-40s%8s %10s %10s %10s\n' 'Month and title' Part Was Is Change
	printf '%-40s%8s %10s %10s %10s\n' '2026-10 T9 (T9)' fixed 0.00 12.05 12.05
	printf '%-40s%41s\n\n' Total 12.05
	printf '%-40s %41s\n' 'Earned this month' 0.00 Adjustments 12.05 'Brought forward' 0.00 \
		Paid 12.05 'Carried forward' 0.00
	printf '\nAmounts in EUR.\n\n'
	printf 'How the month was shared (model cct).\n'
	printf "After VAT and the collecting society's share, 1.35 EUR came in this month.\n"
	printf "Operations 0.00, research and development 0.00 and the solidarity fund 0.30\n"
	printf "were set aside by the cooperative's keys. The fixed part, 0.00, was shared\n"
	printf "among rights holders by their active titles; the variable part, 1.05, by\n"
	printf "qualified listens, titles released less than 36 months ago weighing 1.50 times\n"
	printf "as much.\n"
} >expected
check_same expected nov/late.txt "text: a holder paid by an adjustment alone"
check_true "HTML statement parses" xmllint --html --noout nov/small.html
check_true "HTML shows the adjustment of T3" \
	grep -q '<tr><td>2026-10</td><td>Trois &lt;live&gt;</td><td>variable</td><td class="n">5.45</td><td class="n">5.00</td><td class="n">-0.45</td></tr>' nov/small.html

# Without --adjustments, the index keeps its columns.
run 1d-report statements --month 2026-11 --balances balances-10.csv -o plain payouts-11.csv
check_true "no adjustments column without --adjustments" \
	sh -c 'head -1 plain/index.csv | grep -qx "holder,name,file,earned,brought_forward,paid,carried_forward"'

# Refused: an adjustment of this very month, a delta that is not new - old,
# a key given twice.  Nothing is written.
sed 's/^2026-10,Late/2026-11,Late/' adjustments.csv >same.csv
run 1d-report statements --month 2026-11 --adjustments same.csv -o bad payouts-11.csv
check_exit 1 "an adjustment of the month itself is refused"
check_err "1d-report: same.csv:5: month: an adjustment of 2026-11 in the statements of 2026-11: only closed months are restated"
sed 's/12\.05$/12.00/' adjustments.csv >delta.csv
run 1d-report statements --month 2026-11 --adjustments delta.csv -o bad payouts-11.csv
check_err "1d-report: delta.csv:5: delta: is not new - old"
sed '6p' adjustments.csv >twice.csv
run 1d-report statements --month 2026-11 --adjustments twice.csv -o bad payouts-11.csv
check_err "1d-report: twice.csv:7: track: a second adjustment of 2026-10 variable for T3 of Small"
check_true "nothing written" test ! -e bad
done_testing

#!/bin/sh
# 1d-report statements: a hand-made month settled holder by holder, one
# holder carried forward under the minimum and paid the next month, and
# the refusal of payouts and balances that do not add up.
. "${0%/*}/lib.sh"
plan 35
cp "$DATA"/report/* "$T"
cd "$T"

# October: A Label earns 2.50 + 2.50 + 14.55 = 19.55 and is paid; Small
# earns 2.50 + 5.45 = 7.95, brings 1.00: 8.95 is under 10.00, carried;
# Gone brings -2.00 and earns nothing: carried.
run 1d-report statements --month 2026-10 --catalog catalog.csv --holders holders.csv \
	--balances balances-09.csv -o oct payouts-10.csv
check_exit 0 "statements of October"
cat >expected <<'X'
holder,name,file,earned,brought_forward,paid,carried_forward
A Label,A Label SARL,a-label,19.55,0.00,19.55,0.00
Gone,Gone,gone,0.00,-2.00,0.00,-2.00
Small,Small & Co,small,7.95,1.00,0.00,8.95
X
check_same expected oct/index.csv "index: earned, brought, paid, carried per holder"
cat >expected <<'X'
holder,balance
Gone,-2.00
Small,8.95
X
check_same expected oct/balances.csv "new balances: what is carried"
cat >expected <<'X'
month,model,holder,kind,track,title,artists,listens,weight,fixed,variable,amount
2026-10,cct,A Label,title,T1,"Un, deux",A & B,4,4000,2.50,14.55,17.05
2026-10,cct,A Label,title,T2,Deux,A & B,0,0,2.50,0.00,2.50
2026-10,cct,A Label,total,,,,,,5.00,14.55,19.55
2026-10,cct,A Label,brought_forward,,,,,,,,0.00
2026-10,cct,A Label,paid,,,,,,,,19.55
2026-10,cct,A Label,carried_forward,,,,,,,,0.00
X
check_same expected oct/a-label.csv "A Label's statement as CSV"
{
	printf 'Statement for Small & Co, 2026-10\n\n'
	printf '%-40s%8s %10s %10s %10s\n' Title Listens Fixed Variable Total
	printf '%-40s%8s %10s %10s %10s\n' 'Trois <live> (T3)' 1 2.50 5.45 7.95
	printf '%-40s%8s %10s %10s %10s\n\n' Total 1 2.50 5.45 7.95
	printf '%-40s %41s\n' 'Earned this month' 7.95 'Brought forward' 1.00 Paid 0.00 'Carried forward' 8.95
	printf '\nBelow the minimum payout of 10.00 EUR, the amount is carried to next month.\n'
	printf '\nAmounts in EUR.\n\n'
	printf 'How the month was shared (model cct).\n'
	printf "After VAT and the collecting society's share, 50.00 EUR came in this month.\n"
	printf "Operations 10.00, research and development 7.50 and the solidarity fund 5.00\n"
	printf "were set aside by the cooperative's keys. The fixed part, 7.50, was shared\n"
	printf "among rights holders by their active titles; the variable part, 20.00, by\n"
	printf "qualified listens, titles released less than 36 months ago weighing 1.50 times\n"
	printf "as much.\n"
} >expected
check_same expected oct/small.txt "Small's statement as text, carried under the minimum"
check_true "HTML statement parses" xmllint --html --noout oct/small.html
check_true "HTML escapes the title" grep -q 'Trois &lt;live&gt;' oct/small.html
check_true "HTML loads nothing from outside" sh -c '! grep -Eiq "(src|href)=|@import|url\(" oct/small.html'

# November: Small earns 1.05; with 8.95 brought it reaches 10.00 and is paid.
run 1d-report statements --month 2026-11 --balances oct/balances.csv -o nov payouts-11.csv
cat >expected <<'X'
holder,name,file,earned,brought_forward,paid,carried_forward
Gone,Gone,gone,0.00,-2.00,0.00,-2.00
Small,Small,small,1.05,8.95,10.00,0.00
X
check_same expected nov/index.csv "the carried holder is paid the next month"

# What does not add up is refused, and nothing is written.
printf 'key,value\nmonth,2026-10\nbase,49.99\nfund,5.00\n' >summary.csv
run 1d-report statements --month 2026-10 --summary summary.csv -o bad payouts-10.csv
check_exit 1 "payouts that do not reach the summary's base are refused"
check_err "1d-report: summary.csv:3: base: 49.99 in the summary, 50.00 in the payouts"
check_err "1d-report: the payouts and balances do not add up: no statement written"
check_true "no statement written" test ! -e bad
sed '5p' payouts-10.csv >twice.csv
run 1d-report statements --month 2026-10 -o bad twice.csv
check_err "1d-report: twice.csv:6: track: a second fixed line for T1 of A Label"
sed '5{p;s/2\.50$/0.00/}' payouts-10.csv | sed '5s/2\.50$/0.00/' >zero.csv
run 1d-report statements --month 2026-10 -o bad zero.csv
check_err "1d-report: zero.csv:6: track: a second fixed line for T1 of A Label"
printf 'holder,balance\nSmall,1.00\nSmall,2.00\n' >double.csv
run 1d-report statements --month 2026-10 --balances double.csv -o bad payouts-10.csv
check_err '1d-report: double.csv:3: holder: "Small" has two balances'
sed 's/^2026-10,cct,Small,variable/2026-10,prorata,Small,variable/' payouts-10.csv >mixed.csv
run 1d-report statements --month 2026-10 -o bad mixed.csv
check_err '1d-report: mixed.csv:9: model: "prorata" after "cct": one model per statement run'
run 1d-report statements --month 2026-11 -o bad payouts-10.csv
check_err '1d-report: payouts-10.csv:2: month: a line of 2026-10 in the statements of 2026-11'
check_exit 1
run 1d-report statements --month 2026-10 payouts-10.csv
check_exit 2 "-o DIR is required"

# A month field far longer than a month is a bad field, not an overflow,
# in every reader of the payouts.
long=$(printf '%0100d' 0)
sed "3s/^2026-10/$long/" payouts-10.csv >long.csv
run 1d-report statements --month 2026-10 -o bad long.csv
check_exit 1 "statements: a 100-character month is a data error"
check_err "1d-report: long.csv:3: month: not a month (YYYY-MM): \"$long\""
run 1d-report dsr --distributor Believe --distributors "$DATA/dsr/distributors.csv" --catalog catalog.csv \
    --policy "$DATA/dsr/policy.conf" -o dsr-long long.csv
check_exit 1 "dsr: a 100-character month is a data error"
check_err "1d-report: long.csv:3: month: not a month (YYYY-MM): \"$long\""
sed "2s/^2026-10/$long/" payouts-10.csv >first.csv
run 1d-report transparency first.csv
check_exit 1 "transparency: a 100-character month on the first line is a data error"
check_err "1d-report: first.csv:2: month: not a month (YYYY-MM)"

# -o DIR never mixes two runs: the statements replace the directory whole,
# a directory holding something else is refused, and a holder cannot take
# the name of the month's own files.
run 1d-report statements --month 2026-10 --catalog catalog.csv --holders holders.csv \
	--balances balances-09.csv -o again payouts-10.csv
sed 's/,Small,/,Solo,/' payouts-10.csv >solo.csv
printf 'holder,balance\nGone,-2.00\n' >b.csv
run 1d-report statements --month 2026-10 --balances b.csv -o again/ solo.csv
check_exit 0 "statements into a directory of an earlier run"
ls again | sort >got
printf '%s\n' a-label.csv a-label.html a-label.txt balances.csv gone.csv gone.html gone.txt \
	index.csv small.csv small.html small.txt solo.csv solo.html solo.txt >want
sed -i '/^small\./d' want
check_same want got "the earlier run's statements are all replaced, none is left"
check_true "no staging directory is left" sh -c '! ls -a | grep -q "tmp"'
mkdir mixed
echo notes >mixed/notes.odt
run 1d-report statements --month 2026-10 -o mixed payouts-10.csv
check_exit 2 "a directory holding other files is refused"
check_err "1d-report: mixed: holds notes.odt, which it does not write: give a new or empty directory"
check_true "and left as it was" sh -c 'test "$(ls mixed)" = notes.odt'
sed 's/,Small,/,Index,/' payouts-10.csv >index-holder.csv
run 1d-report statements --month 2026-10 --balances b.csv -o named index-holder.csv
check_exit 0 "a holder named Index"
check_true "index.csv is still the month's index" sh -c 'head -1 named/index.csv | grep -q "^holder,name,file"'
check_true "and the holder's statement has its own name" sh -c 'ls named | grep -q "^index-[0-9a-f]\{8\}\.csv$"'
done_testing

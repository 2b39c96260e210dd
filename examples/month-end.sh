#!/bin/sh
# The month end of the sample month, as an administrator would script it.
# make demo runs it from the top of the source tree; outputs go to
# examples/out/.
set -eu
month=2026-10
catalog=
ex=examples
out=$ex/out
PATH=$(pwd)/bin:$PATH
rm -rf "$out"
mkdir -p "$out"

# ---- 1d-ingest / 1d-catalog ----
# The drops as the distributors send them: Believe a zip of ERN 4.3
# messages, IDOL a tar.gz of ERN 3.8 messages, CD1D a CSV sheet.
(cd $ex/drops/believe-2026-10 && bsdtar -a -cf ../../out/believe-2026-10.zip *.xml)
tar -C $ex/drops -czf $out/idol-2026-10.tar.gz idol-2026-10
1d-ingest -v --map $ex/maps/cd1d.map -o $out/rows.csv --rejects $out/ingest-rejects.csv \
	$out/believe-2026-10.zip $out/idol-2026-10.tar.gz $ex/drops/cd1d-2026-10
# The rows go into the catalogue database, known from the month's last
# day; the month end reads the catalogue as it was known then.
1d-catalog -d $out/catalog.db import --date 2026-10-31 $out/rows.csv
1d-catalog -d $out/catalog.db holders import $ex/holders.csv
1d-catalog -d $out/catalog.db export --as-of 2026-10-31 -o $out/catalog.csv
catalog=$out/catalog.csv

# ---- end 1d-ingest / 1d-catalog ----

# ---- 1d-listens ----
# The month's usage, checked against the catalogue when the steps above
# made one, and the same per title with distinct listeners.
1d-listens -v --month $month ${catalog:+--catalog "$catalog"} \
	--rejects $out/listen-rejects.csv -o $out/usage.csv $ex/logs/2026-10-*.csv*
1d-listens --month $month --by month,track -o $out/usage-by-track.csv $ex/logs/2026-10-*.csv*
echo "listens per title in $month:"
sed 's/^/  /' $out/usage-by-track.csv

# ---- end 1d-listens ----

# ---- 1d-cct ----
1d-cct -v --month $month --policy $ex/policy.conf --ledger $ex/ledger.csv \
	--catalog "$catalog" --holders $ex/holders.csv --summary $out/summary.csv \
	--rejects $out/cct-set-aside.csv -o $out/payouts.csv $out/usage.csv
1d-cct compare --month $month --policy $ex/policy.conf --ledger $ex/ledger.csv \
	--catalog "$catalog" --holders $ex/holders.csv -o $out/compare.csv $out/usage.csv
echo "the month's totals:"
sed 's/^/  /' $out/summary.csv
echo "each holder under each model:"
sed 's/^/  /' $out/compare.csv

# ---- end 1d-cct ----

# ---- 1d-report ----
# Statements with September's balances, Believe's sales report, the
# transparency page, and the month signed and verified as an auditor would.
1d-report statements --month $month --catalog "$catalog" --holders $ex/holders.csv \
	--policy $ex/policy.conf --balances $ex/balances-2026-09.csv \
	--summary $out/summary.csv -o $out/statements $out/payouts.csv
1d-report dsr --distributor Believe --catalog "$catalog" -o $out/dsr-believe.tsv $out/payouts.csv
1d-report transparency --summary $out/summary.csv --compare $out/compare.csv \
	-o $out/transparency.txt $out/payouts.csv
1d-report keygen -o $out/coop
1d-report bundle --month $month --sign $out/coop.pem -o $out/$month.tar.gz \
	$ex/logs/2026-10-a.csv $ex/logs/2026-10-b.csv.gz "$catalog" $out/usage.csv \
	$ex/ledger.csv $ex/policy.conf $ex/holders.csv $ex/balances-2026-09.csv \
	$out/payouts.csv $out/statements/
1d-report verify --pub $out/coop.pub $out/$month.tar.gz
echo "statements:"
sed 's/^/  /' $out/statements/index.csv

# ---- end 1d-report ----

# ---- 1d-capsule ----
# The venues' capsules: still publishable after this month's catalogue?
# Then as JSON for the apps, what is near Lyon, and what they were played.
1d-capsule check --catalog "$catalog" $ex/capsules.csv >$out/capsule-problems.csv
1d-capsule export --format json --catalog "$catalog" -o $out/capsules.json $ex/capsules.csv
echo "capsules within 60 km of Lyon Part-Dieu:"
1d-capsule near --km 60 45.7606 4.8594 $ex/capsules.csv | sed 's/^/  /'
1d-capsule stats --listens $ex/logs/2026-10-a.csv --listens $ex/logs/2026-10-b.csv.gz \
	-o $out/capsule-stats.csv $ex/capsules.csv

# ---- end 1d-capsule ----

echo
echo "month end $month done: the statements are in $out/statements/"
echo "(index.csv, and per holder .txt, .csv and .html), the signed bundle is"
echo "$out/$month.tar.gz; payout lines in $out/payouts.csv, totals in"
echo "$out/summary.csv, every model side by side in $out/compare.csv,"
echo "capsule listens in $out/capsule-stats.csv."
echo "All outputs, in $out/:"
ls -l "$out"

#!/bin/sh
# make demo: the sample month of October 2026 closed as a cooperative's
# administrator closes one.  The demo lays out a cooperative's directory
# in examples/out/coop (drops, maps, logs, ledger, policy, holders, the
# previous month published), makes its signing key once, and runs
# 1d-month-end on it.  It can be run from any directory.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
ex=$top/examples
coop=$ex/out/coop
PATH=$top/bin:$PATH
month=2026-10

# examples/out is the demo's own scratch directory, nothing else.
rm -rf "$ex/out"
mkdir -p "$coop/drops/$month" "$coop/logs" "$coop/keys" "$coop/maps" \
	"$coop/months/2026-09/statements"
# The drops as the distributors send them: Believe a zip of ERN 4.3
# messages, IDOL a tar.gz of ERN 3.8 messages, CD1D a CSV sheet.
(cd "$ex/drops/believe-2026-10" && bsdtar -a -cf "$coop/drops/$month/believe-2026-10.zip" ./*.xml)
tar -C "$ex/drops" -czf "$coop/drops/$month/idol-2026-10.tar.gz" idol-2026-10
cp -r "$ex/drops/cd1d-2026-10" "$coop/drops/$month/"
cp "$ex/maps/cd1d.map" "$coop/maps/"
gzip -c "$ex/logs/2026-10-a.csv" >"$coop/logs/2026-10-a.csv.gz"
cp "$ex/logs/2026-10-b.csv.gz" "$coop/logs/"
cp "$ex/ledger.csv" "$ex/policy.conf" "$ex/holders.csv" "$ex/capsules.csv" "$coop/"
# September was closed before: its balances are carried.
cp "$ex/balances-2026-09.csv" "$coop/months/2026-09/statements/balances.csv"
cat >"$coop/month-end.conf" <<'CONF'
# The sample cooperative's month end (man 1d-month-end).
drops    = drops/%M         # the month's drops, as delivered
maps     = maps             # column maps of CSV sheets, one per distributor
logs     = logs/%M-*.csv.gz # the month's raw listen logs
ledger   = ledger.csv
policy   = policy.conf
holders  = holders.csv
catalog  = catalog.db       # kept across months
key      = keys/coop.pem    # made once with 1d-report keygen
out      = months           # publishes months/%M/
CONF

# Once, by an administrator: the cooperative's signing key.
1d-report keygen -o "$coop/keys/coop"

1d-month-end -c "$coop/month-end.conf" check $month
1d-month-end -c "$coop/month-end.conf" $month

# The month's other documents, from the published month.
pub=$coop/months/$month
1d-report transparency --summary "$pub/summary.csv" -o "$ex/out/transparency.txt" "$pub/payouts.csv"
1d-capsule check --catalog "$pub/catalog.csv" "$coop/capsules.csv" >"$ex/out/capsule-problems.csv" || true
1d-capsule stats --listens "$coop/logs/2026-10-a.csv.gz" --listens "$coop/logs/2026-10-b.csv.gz" \
	-o "$ex/out/capsule-stats.csv" "$coop/capsules.csv"

echo
echo "The cooperative is in $coop: month-end.conf, its inputs, and"
echo "months/$month/ as 1d-month-end published it: statements/ (index.csv, and"
echo "per holder .txt, .csv and .html), payouts.csv, summary.csv, the signed"
echo "bundle $month.tar.gz and month-end.log.  Also: $ex/out/transparency.txt,"
echo "capsule-problems.csv and capsule-stats.csv."

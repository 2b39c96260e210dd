#!/bin/sh
# make demo: a realistic month of October 2026 closed as a cooperative's
# administrator closes one.  The demo generates the cooperative's
# directory in examples/out/coop (drops, maps, logs, ledger, policy,
# holders, capsules, the previous month published), makes its signing key
# once, and runs 1d-month-end on it.  It can be run from any directory.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
ex=$top/examples
coop=$ex/out/coop
PATH=$top/bin:$PATH
month=2026-10

# examples/out is the demo's own scratch directory, nothing else.  The
# cooperative's month is generated (examples/generate.c, deterministic):
# about 700 venues, 28,000 users, 35,000 listens with the usual defects,
# 30,000 titles from three distributors, the previous month published.
rm -rf "$ex/out"
mkdir -p "$ex/out"
"$top/build/generate" "$coop"
# Once, by an administrator: the cooperative's signing key.
1d-report keygen -o "$coop/keys/coop"

1d-month-end -c "$coop/month-end.conf" check $month
1d-month-end -c "$coop/month-end.conf" $month

# The month's other documents, from the published month.
pub=$coop/months/$month
1d-report transparency --summary "$pub/summary.csv" -o "$ex/out/transparency.txt" "$pub/payouts.csv"
1d-capsule check --catalog "$pub/catalog.csv" "$coop/capsules.csv" >"$ex/out/capsule-problems.csv" || true
set --
for log in "$coop"/logs/$month-*.csv.gz; do
	set -- "$@" --listens "$log"
done
1d-capsule stats --month "$month" "$@" -o "$ex/out/capsule-stats.csv" "$coop/capsules.csv" 2>"$ex/out/capsule-stats.log" || true

echo
echo "The cooperative is in $coop: month-end.conf, its inputs, and"
echo "months/$month/ as 1d-month-end published it: statements/ (index.csv, and"
echo "per holder .txt, .csv and .html), payouts.csv, summary.csv, the signed"
echo "bundle $month.tar.gz and month-end.log.  Also: $ex/out/transparency.txt,"
echo "capsule-problems.csv and capsule-stats.csv."

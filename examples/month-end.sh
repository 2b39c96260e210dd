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

# ---- end 1d-cct ----

# ---- 1d-report ----

# ---- end 1d-report ----

# ---- 1d-capsule ----

# ---- end 1d-capsule ----

echo
echo "month end $month done; outputs are in $out/:"
ls -l "$out"

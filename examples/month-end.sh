#!/bin/sh
# The month end of the sample month, as an administrator would script it.
# make demo runs it from the top of the source tree; outputs go to
# examples/out/.
set -eu
month=2026-10
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
# 1d-catalog: import $out/rows.csv and export $out/catalog.csv here.
# Stop-gap until 1d-catalog is merged: the rows are the catalogue.
[ -e $out/catalog.csv ] || cp $out/rows.csv $out/catalog.csv

# ---- end 1d-ingest / 1d-catalog ----

# ---- 1d-listens ----

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

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

#!/bin/sh
# make bench: every bench/bench-*.sh in turn.  Each generates its own data
# under bench/data/ (kept between runs), times a tool next to a reference
# and prints a table of times, peak memory and ratios.
set -eu
mkdir -p bench/data build/bench
for s in bench/bench-*.sh; do
	[ -e "$s" ] || continue
	echo "== $s"
	sh "$s"
done

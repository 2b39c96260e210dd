#!/bin/sh
# bench-ingest: 1d-ingest on a generated tar.gz drop of N titles
# (default 100000), next to plain `tar -xzf` of the same drop.
set -eu
n=${1:-100000}
mkdir -p build/bench bench/data
cc -O2 -o build/bench/gen-ingest bench/gen-ingest.c
drop=bench/data/ingest-$n.tar.gz
if [ ! -e "$drop" ]; then
	rm -rf "bench/data/ingest-$n"
	mkdir -p "bench/data/ingest-$n"
	build/bench/gen-ingest "bench/data/ingest-$n" "$n"
	tar -C bench/data -czf "$drop" "ingest-$n"
	rm -rf "bench/data/ingest-$n"
fi
now() { date +%s.%N; }
t0=$(now)
bin/1d-ingest -o bench/data/ingest-rows.csv "$drop"
t1=$(now)
tar -xzOf "$drop" >/dev/null
t2=$(now)
rows=$(($(wc -l <bench/data/ingest-rows.csv) - 1))
awk -v a="$t0" -v b="$t1" -v c="$t2" -v n="$rows" 'BEGIN {
	printf "%-22s %10s %12s\n", "what", "seconds", "titles/s"
	printf "%-22s %10.2f %12.0f\n", "1d-ingest tar.gz", b - a, n / (b - a)
	printf "%-22s %10.2f %12s\n", "tar -xzO (reference)", c - b, "-"
}'

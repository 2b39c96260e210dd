#!/bin/sh
# make bench: every bench/bench-*.sh in turn, then one table of 1d next to
# DuckDB doing the same jobs.  Each script generates its own data under
# bench/data/ (kept between runs).  DuckDB is the reference, run through
# the npm package @duckdb/node-api installed into bench/duckdb/node_modules
# (only make bench needs it; the tools and make check never do).  A job
# whose outputs differ makes make bench fail.
set -eu
mkdir -p bench/data build/bench
rm -f build/bench/results.txt build/bench/failures.txt build/bench/sizes.txt
DUCK=
if [ -d bench/duckdb/node_modules/@duckdb/node-api ]; then
	DUCK="node bench/duckdb/run.mjs"
elif command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
	echo "== installing @duckdb/node-api into bench/duckdb/node_modules"
	if (cd bench/duckdb && { npm ci --no-audit --no-fund || npm install --no-audit --no-fund; }); then
		DUCK="node bench/duckdb/run.mjs"
	else
		echo "bench: npm could not install @duckdb/node-api: 1d is timed alone" >&2
	fi
else
	echo "bench: node and npm are needed for the DuckDB reference (apt-get install nodejs npm): 1d is timed alone" >&2
fi
export DUCK
for s in bench/bench-*.sh; do
	[ -e "$s" ] || continue
	echo "== $s"
	sh "$s"
done
echo
echo "== 1d next to DuckDB (2 threads, @duckdb/node-api $(sed -n 's/.*"@duckdb\/node-api": "\(.*\)".*/\1/p' bench/duckdb/package.json)) on $(nproc) cores"
cat build/bench/sizes.txt
awk -F'|' 'BEGIN { printf "%-40s %9s %8s %9s %8s %8s  %s\n", "job", "1d s", "1d MiB", "DuckDB s", "DuckDB MiB", "ratio", "outputs" }
	{ printf "%-40s %9s %8s %9s %8s %8s  %s\n", $1, $2, $3, $4, $5, $6, $7 }' build/bench/results.txt
echo "ratio: DuckDB time / 1d time (for split: split time / wc -l time)"
if [ -s build/bench/failures.txt ]; then
	echo "bench: $(wc -l <build/bench/failures.txt) job(s) with outputs that differ" >&2
	exit 1
fi

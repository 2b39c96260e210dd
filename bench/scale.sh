#!/bin/sh
# A month of ROWS listens (default 100,000,000) through split, GNU parallel
# and merge, the log generated on the fly and never stored: wall time and
# peak memory of each stage, measured with GNU time.  Not run by make check.
#
#	sh bench/scale.sh [ROWS [SHARDS [DIR]]]
set -e
top=$(cd "${0%/*}/.." && pwd)
rows=${1:-100000000} shards=${2:-16} dir=${3:-${TMPDIR:-/tmp}/1d-scale}
PATH=$top/bin:$PATH
export PATH LC_ALL=C
make -s -C "$top" all build/generate
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
stage() {	# stage NAME CMD...: run CMD under GNU time, print its line
	name=$1
	shift
	/usr/bin/time -v -o "time.$name" "$@"
	awk -v n="$name" -F': ' '/Elapsed/ { t = $2 } /Maximum resident/ { m = $2 }
		END { printf "%-10s %12s s %8.0f MiB\n", n, t, m / 1024 }' "time.$name"
}
echo "rows $rows, shards $shards, in $dir"
stage split sh -c "'$top/build/generate' -L $rows | 1d-listens split --by user -n $shards -o shard"
stage aggregate sh -c "ls shard.*.csv | parallel -j2 '/usr/bin/time -v -o {.}.time 1d-listens --month 2026-10 -o {.}.usage {}'"
awk -F': ' '/Maximum resident/ { if ($2 > m) m = $2 } END { printf "%-10s %14s %8.0f MiB (largest shard)\n", "", "", m / 1024 }' shard.*.time
stage merge 1d-listens merge -o usage.csv shard.*.usage
echo "usage rows: $(($(wc -l <usage.csv) - 1)); shards on disk: $(du -ch shard.*.csv | tail -1 | cut -f1)"

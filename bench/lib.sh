# Sourced by bench/bench-*.sh: the measure tool and side-by-side rows for
# the final table that bench/run.sh prints (build/bench/results.txt, one
# "job|1d s|1d MiB|DuckDB s|DuckDB MiB|ratio|identical" line per job).
cc -O2 -o build/bench/measure bench/measure.c
m=build/bench/measure
results=build/bench/results.txt
failures=build/bench/failures.txt
duck=${DUCK:-}	# "node bench/duckdb/run.mjs" when run.sh found it usable

# sql TEMPLATE... OUT: the templates pasted together, the data paths and
# month written in, into bench/data/NAME.sql; prints that file's name.
sql() {
	out=$1; shift
	f=bench/data/$(basename "$out" .csv).sql
	cat "$@" | sed -e "s|@DIR@|${dir:-}|g" -e "s|@LOG@|${log:-}|g" -e "s|@MONTH@|$month|g" \
	    -e "s|@NOVELTY@|${novelty:-}|g" -e "s|@OUT@|$PWD/$out|g" >"$f"
	echo "$f"
}

# side NAME SQLFILE OUT1D OUTDUCK COMMAND...: COMMAND (which writes OUT1D)
# and DuckDB running SQLFILE (which writes OUTDUCK), timed, then compared
# byte for byte.  A difference prints the first differing line and counts
# as a failure.
side() {
	name=$1 sqlf=$2 o1=$3 o2=$4
	shift 4
	rm -f "$o1" "$o2"
	a=$($m "$@") || echo "$name: 1d exited $?" >&2
	if [ -z "$duck" ]; then
		echo "$name|${a% *}|${a#* }|-|-|-|no DuckDB" >>"$results"
		return 0
	fi
	b=$($m $duck "$sqlf" 2) || echo "$name: DuckDB exited $?" >&2
	if cmp -s "$o1" "$o2"; then
		same="outputs identical"
	else
		line=$(cmp "$o1" "$o2" 2>&1 | sed -n 's/.*line \([0-9]*\).*/\1/p')
		same="DIFFER at line ${line:-?}"
		echo "$name: outputs differ (1d $o1, DuckDB $o2), first at line ${line:-?}:" >&2
		[ -n "$line" ] && { sed -n "${line}p" "$o1" | sed 's/^/  1d:     /'; sed -n "${line}p" "$o2" | sed 's/^/  DuckDB: /'; } >&2
		echo "$name" >>"$failures"
	fi
	echo "$name|${a% *}|${a#* }|${b% *}|${b#* }|$(echo "${b% *} ${a% *}" | awk '{ printf "%.2f", ($2 > 0 ? $1 / $2 : 0) }')|$same" >>"$results"
	echo "$name: done" >&2
}

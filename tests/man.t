#!/bin/sh
# Every man page renders without warnings, and every tool has one, with
# its --help equal to the page's SYNOPSIS.
. "${0%/*}/lib.sh"
top=$(cd "${0%/*}/.." && pwd)
pages=$(ls "$top"/man/*.[157])
tools=$(ls "$top"/cmd/1d-*.c 2>/dev/null | sed 's,.*/,,;s,\.c$,,')
n=0
for p in $pages; do n=$((n + 1)); done
for t in $tools; do n=$((n + 3)); done
plan $n
for p in $pages; do
	groff -mandoc -ww -z "$p" >"$T/warn" 2>&1
	if [ -s "$T/warn" ]; then ok 1 "${p##*/} renders cleanly"; diag "$(cat "$T/warn")"
	else ok 0 "${p##*/} renders cleanly"; fi
done
for t in $tools; do
	check_true "$t has a man page" test -f "$top/man/$t.1"
	man_synopsis "$top/man/$t.1" >"$T/want"
	"$t" --help 2>&1 | squeeze >"$T/got"
	check_same "$T/want" "$T/got" "$t --help is the man page's SYNOPSIS"
	run "$t" --no-such-option
	check_exit 2 "$t: an unknown option is a usage error"
done
done_testing

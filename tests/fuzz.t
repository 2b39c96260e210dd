#!/bin/sh
# Every input a fuzzer once found a fault with (tests/fuzz/NAME/) is
# replayed through its harness, built without libFuzzer: it must not
# crash, hang or trip a sanitizer (make check runs this plain and under
# ASan and UBSan).
. "${0%/*}/lib.sh"
top=$(cd "${0%/*}/.." && pwd)
unit=${ONED_UNIT:-$top/build/unit}
n=0
for d in "$top"/tests/fuzz/*/; do
	[ -d "$d" ] && n=$((n + $(ls "$d" | wc -l)))
done
plan $n
for d in "$top"/tests/fuzz/*/; do
	[ -d "$d" ] || continue
	name=$(basename "$d")
	for f in "$d"*; do
		if timeout 60 "$unit/fuzz-$name" "$f" >"$T/out" 2>"$T/err"; then
			ok 0 "$name: $(basename "$f") replays cleanly"
		else
			ok 1 "$name: $(basename "$f") replays cleanly"
			diag "$(tail -20 "$T/err")"
		fi
	done
done
done_testing

#!/bin/sh
# The core's layers: common/util (generic) includes only from util,
# common/format (adapters) from util and format, common/domain from any
# layer; and no header of the core is included from cmd/ alone.
. "${0%/*}/lib.sh"
top=$(cd "${0%/*}/.." && pwd)
cd "$top" || exit 2
n=0
for f in common/*/*.[ch]; do n=$((n + 1)); done
plan $((n + 1))

# allowed LAYER: the layers a file of LAYER may include from.
allowed() {
	case $1 in
	util) echo "util" ;;
	format) echo "util format" ;;
	domain) echo "util format domain" ;;
	esac
}
for f in common/*/*.[ch]; do
	layer=${f#common/}
	layer=${layer%%/*}
	bad=
	for h in $(sed -n 's/^#include "\(.*\)"$/\1/p' "$f"); do
		home=$(ls common/*/"$h" 2>/dev/null | sed 's,common/,,;s,/.*,,')
		case " $(allowed "$layer") " in
		*" $home "*) ;;
		*) bad="$bad $h($home)" ;;
		esac
	done
	if [ -z "$bad" ]; then ok 0 "$f includes only from its layer and those before it"
	else ok 1 "$f includes only from its layer and those before it"; diag "includes:$bad"; fi
done
# Every core header is found in exactly one layer.
dups=$(ls common/*/*.h | sed 's,.*/,,' | sort | uniq -d)
if [ -z "$dups" ]; then ok 0 "every header name is in one layer only"
else ok 1 "every header name is in one layer only"; diag "$dups"; fi
done_testing

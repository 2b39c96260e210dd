#!/bin/sh
# 1d-capsule: each subcommand takes only its own options, and counts are
# checked the same way as in every tool.
. "${0%/*}/lib.sh"
plan 27
cp "$DATA/capsule/caps.csv" "$DATA/capsule/catalog.csv" "$T"
cd "$T"

# refused SUBCOMMAND OPTION...: a usage error naming the option.
refused() {
	cmd=$1
	shift
	run 1d-capsule "$cmd" "$@" caps.csv
	check_exit 2 "$cmd refuses $1"
	check_err "1d-capsule: $cmd: $1: unknown option"
}
refused check --format json --catalog catalog.csv
refused export --territory BE --format json
refused near --catalog catalog.csv 45 4
refused stats --km 5 --listens caps.csv
refused new --at 1 --title T --curator C --structure S
refused add --title T
refused move -o out.csv
refused rm --media audio
refused merge --listens caps.csv

run 1d-capsule stats --listens caps.csv --min-ms 1e3 caps.csv
check_exit 2 "--min-ms is a count"
check_err '1d-capsule: stats: --min-ms: not a non-negative integer: "1e3"'
run 1d-capsule stats --listens caps.csv --min-ms 99999999999999999999 caps.csv
check_err '1d-capsule: stats: --min-ms: too large (above 9223372036854775807): "99999999999999999999"'
run 1d-capsule add --at +2 caps.csv c-ok X
check_exit 2 "--at is a count: no sign"
run 1d-capsule add --at 0 caps.csv c-ok X
check_err '1d-capsule: --at: not a position: "0"'
run 1d-capsule move caps.csv c-ok FRZ012200301 2x
check_exit 2 "POS is a count"
check_err '1d-capsule: not a position: "2x"'
run 1d-capsule stats caps.csv
check_exit 2 "stats needs --listens"
check_err '1d-capsule: stats: missing --listens FILE'

#!/bin/sh
# 1d-cct on 1,000,000 titles, 100,000 holders and 10,000,000 usage rows
# (TRACKS, HOLDERS, ROWS to change them), next to awk grouping the same
# usage by track and wc -l reading it.
set -eu
tracks=${TRACKS:-1000000}
holders=${HOLDERS:-100000}
rows=${ROWS:-10000000}
dir=bench/data/cct-$tracks-$holders-$rows
cc -O2 -o build/bench/gen-cct bench/gen-cct.c -lm
cc -O2 -o build/bench/measure bench/measure.c
m=build/bench/measure
if [ ! -s "$dir/usage.csv" ]; then
	mkdir -p "$dir"
	build/bench/gen-cct "$dir" "$tracks" "$holders" "$rows"
fi
echo "inputs: $tracks titles, $holders holders, $rows usage rows ($(du -m "$dir/usage.csv" | cut -f1) MiB)"
printf '%-44s %9s %9s %7s\n' tool seconds MiB ratio
base=$($m wc -l "$dir/usage.csv")
basetime=${base% *}
row() {
	printf '%-44s %9s %9s %7.2f\n' "$1" "$2" "$3" "$(echo "$2 $basetime" | awk '{ print $1 / $2 }')"
}
row "wc -l usage" $base
row "awk: listens per track" $($m awk -F, 'NR > 1 { l[$4] += $6 } END { for (t in l) n++; print n }' "$dir/usage.csv")
row "1d-cct (cct model)" $($m bin/1d-cct --month 2026-10 --policy examples/policy.conf \
	--ledger "$dir/ledger.csv" --catalog "$dir/catalog.csv" "$dir/usage.csv")
row "1d-cct --model user" $($m bin/1d-cct --month 2026-10 --policy examples/policy.conf \
	--model user --ledger "$dir/ledger.csv" --catalog "$dir/catalog.csv" "$dir/usage.csv")

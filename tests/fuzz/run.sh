#!/bin/sh
# run.sh SECONDS NAME...: run each harness build-fuzz/fuzz-NAME for SECONDS
# from a seed corpus made from the tests and examples, plus the inputs
# kept in tests/fuzz/NAME/.  A crash leaves its input in
# build-fuzz/crashes/; copy it to tests/fuzz/NAME/ so that make check
# replays it from then on.
set -u
secs=$1
shift
top=$(pwd)
mkdir -p build-fuzz/crashes
status=0
seed() {	# seed NAME FILE...: copy into the corpus (the table harness takes a flag byte first)
	name=$1
	shift
	for f in "$@"; do
		[ -f "$f" ] || continue
		out=build-fuzz/corpus/$name/$(echo "$f" | tr / _)
		if [ "$name" = table ]; then
			{ printf '\000'; cat "$f"; } >"$out"
		else
			cp "$f" "$out"
		fi
	done
}
for name in "$@"; do
	rm -rf "build-fuzz/corpus/$name"
	mkdir -p "build-fuzz/corpus/$name"
	case $name in
	table) seed table examples/*.csv examples/logs/* $(find tests/data -name '*.csv' | head -50) ;;
	parse) for s in 1234.50 -3.10 0.01 2026-10-31 2026-10 2026-10-01T10:00:00Z \
			2026-10-31t23:59:59.250+02:00 9223372036854775807; do
			printf '%s' "$s" >"build-fuzz/corpus/parse/$s"; done ;;
	ern) seed ern $(find examples/drops tests/data -name '*.xml' | head -50) ;;
	bundle) mkdir -p build-fuzz/seed-bundle &&
		printf '1d-bundle 1\nmonth 2026-10\n' >build-fuzz/seed-bundle/MANIFEST &&
		cp examples/ledger.csv examples/policy.conf build-fuzz/seed-bundle/ &&
		tar -C build-fuzz/seed-bundle -czf build-fuzz/corpus/bundle/month.tar.gz . ;;
	drop) (cd examples/drops && bsdtar -a -cf "$top/build-fuzz/corpus/drop/believe.zip" believe-2026-10 &&
		tar -czf "$top/build-fuzz/corpus/drop/idol.tar.gz" idol-2026-10) ;;
	policy) seed policy examples/policy.conf $(find tests/data -name '*.conf' | head -20) ;;
	ledger) seed ledger examples/ledger.csv $(find tests/data -name '*ledger*' | head -20) ;;
	catalog) seed catalog examples/catalog-2026-10-31.csv $(find tests/data -name 'catalog*.csv' | head -20) ;;
	capsule) seed capsule examples/capsules.csv $(find tests/data/capsule -name '*.csv' | head -20) ;;
	esac
	[ -d "tests/fuzz/$name" ] && cp tests/fuzz/"$name"/* "build-fuzz/corpus/$name/" 2>/dev/null
	echo "fuzz: $name for $secs s"
	if ! "build-fuzz/fuzz-$name" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="build-fuzz/crashes/$name-" \
		"build-fuzz/corpus/$name" >"build-fuzz/$name.log" 2>&1; then
		echo "fuzz: $name FOUND A CRASH: see build-fuzz/$name.log and build-fuzz/crashes/" >&2
		status=1
	fi
	grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "build-fuzz/$name.log" |
		sed "s/^/fuzz: $name: /"
	grep -o 'cov: [0-9]*' "build-fuzz/$name.log" | tail -1 | sed "s/^/fuzz: $name: /"
done
exit $status

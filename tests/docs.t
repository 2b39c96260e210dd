#!/bin/sh
# What the documentation shows, runs: every command line of README.md's
# code blocks and of each man page's EXAMPLES is run, as written, on the
# sample month, each document in a fresh copy of a cooperative's
# directory, in the order a reader meets its lines.  Each must exit as
# expected (0 unless STATUS says otherwise, with why) and produce what it
# says it writes.  A crontab line runs its command, as cron would, with
# /srv/coop/ standing for the sandbox and "last month" for October 2026.
. "${0%/*}/lib.sh"
top=$(cd "${0%/*}/.." && pwd)
ex=$top/examples

# Commands whose documented exit status is not 0: DOC|start of the command|status|why.
STATUS='
README.md|0 4 3 * * 1d-month-end|1|the line before closed the month: a closed month is refused
1d-month-end.1|0 4 3 * * 1d-month-end|1|the line before closed the month: a closed month is refused
'
# Commands that are shown but not run, and why: DOC|start of the command|why.
# (README.md's lines that start with another program, such as hadoop, are
# not taken as commands at all.)
NOT_RUN='
README.md|1d-listens merge parts/part-*|needs the output of a Hadoop job
'
# Commands that print nothing when they work (checked: nothing on stdout or stderr).
QUIET='
README.md|1d-ingest --map maps/cd1d.map
1d-catalog.1|1d-ingest drops/believe-2026-10.zip
1d-catalog.1|1d-catalog -d cat.db import
1d-catalog.1|1d-catalog -d cat.db takedown
1d-catalog.1|1d-catalog -d cat.db revert
'

# A cooperative's directory with the sample month where the documents put
# it: examples/, drops/ (flat and per month), logs/, maps/, the ledger,
# policy, holders, balances, keys/, a month-end.conf, the previous month
# published, and the month end's intermediate files the man pages use
# (catalog.csv, usage.csv, payouts.csv, summary.csv).
sandbox() {	# sandbox DIR
	mkdir -p "$1" && cd "$1" || exit 2
	cp -r "$ex" examples
	rm -rf examples/out
	mkdir -p drops/2026-10 logs keys maps months/2026-09/statements
	(cd "$ex/drops/believe-2026-10" && bsdtar -a -cf "$1/drops/believe-2026-10.zip" ./*.xml)
	tar -C "$ex/drops" -czf drops/idol-2026-10.tar.gz idol-2026-10
	cp -r "$ex/drops/cd1d-2026-10" drops/
	cp drops/believe-2026-10.zip drops/idol-2026-10.tar.gz drops/2026-10/
	cp -r drops/cd1d-2026-10 drops/2026-10/
	cp "$ex/maps/cd1d.map" maps/
	gzip -c "$ex/logs/2026-10-a.csv" >logs/2026-10-a.csv.gz
	cp "$ex/logs/2026-10-b.csv.gz" logs/
	cp "$ex/ledger.csv" "$ex/policy.conf" "$ex/holders.csv" "$ex/balances-2026-09.csv" .
	cp "$ex/balances-2026-09.csv" months/2026-09/statements/balances.csv
	cat >month-end.conf <<'EOF'
drops = drops/%M
maps = maps
logs = logs/%M-*.csv.gz
ledger = ledger.csv
policy = policy.conf
holders = holders.csv
catalog = catalog.db
key = keys/coop.pem
out = months
EOF
	cp "$ex/catalog-2026-10-31.csv" catalog.csv
	1d-listens --month 2026-10 -o usage.csv logs/2026-10-*.csv.gz 2>/dev/null
	1d-cct --month 2026-10 --policy policy.conf --ledger ledger.csv --catalog catalog.csv \
		--holders holders.csv --summary summary.csv -o payouts.csv usage.csv 2>/dev/null
	mkdir -p "$T/shim"
	cat >"$T/shim/date" <<'EOF'
#!/bin/sh
case "$*" in *"last month"*) echo 2026-10 ;; *) exec /bin/date "$@" ;; esac
EOF
	chmod +x "$T/shim/date"
}

# blocks FILE: the command lines of FILE's examples, one a line, with
# continuation lines joined.  README.md: the lines of its indented code
# blocks that run a tool (or are crontab lines); a man page: the literal
# displays of its EXAMPLES section.
blocks() {
	case $1 in
	*.md) sed -n 's/^    \(1d-[a-z-]* .*\|[0-9*][0-9*]* [0-9*].* 1d-.*\|ls .* | parallel .*\)$/\1/p' "$1" |
		sed 's/ *#.*$//' ;;
	*) sed -n '/^\.Sh EXAMPLES/,/^\.Sh /p' "$1" |
		sed -n '/^\.Bd -literal/,/^\.Ed/p' | grep -v '^\.Bd\|^\.Ed' |
		sed 's/\\e$/\\/; s/\\e/\\/g' |
		awk '{ if (sub(/\\$/, "")) { line = line $0; next } print line $0; line = "" }' |
		sed 's/  */ /g' ;;
	esac
}

# A crontab line's command, as cron runs it: no schedule, % for \%.
as_run() {
	if echo "$1" | grep -Eq '^[0-9*]+ [0-9*]+ [0-9*]+ [0-9*]+ [0-9*]+ '; then
		echo "$1" | cut -d' ' -f6- | sed 's/\\%/%/g; s,/srv/coop/,,g'
	else
		echo "$1"
	fi
}

# What a command line writes: the file after its last ">", else its -o.
target() {
	case $1 in
	*'>'*) echo "${1##*>}" | sed 's/^ *//; s/ .*//' ;;
	*' -o '*) echo "${1##* -o }" | sed 's/ .*//' ;;
	tar\ *f\ *) echo "$1" | sed 's/.* -[a-z]*f \([^ ]*\).*/\1/' ;;
	esac
}

docs="$top/README.md $top/man/1d-ingest.1 $top/man/1d-catalog.1 $top/man/1d-listens.1
$top/man/1d-cct.1 $top/man/1d-report.1 $top/man/1d-capsule.1 $top/man/1d-month-end.1"
n=0
for d in $docs; do
	n=$((n + 2 * $(blocks "$d" | wc -l)))
done
plan $n
for d in $docs; do
	doc=${d##*/}
	blocks "$d" >"$T/cmds.$doc"
	sandbox "$T/$doc"
	while IFS= read -r cmd; do
		skip=
		while IFS='|' read -r ndoc nstart nwhy; do
			[ "$ndoc" = "$doc" ] || continue
			case $cmd in "$nstart"*) skip=$nwhy ;; esac
		done <<EOF
$NOT_RUN
EOF
		if [ -n "$skip" ]; then
			echo "ok $((test_n + 1)) # skip $doc: $cmd: $skip"
			echo "ok $((test_n + 2)) # skip $doc: $cmd: $skip"
			test_n=$((test_n + 2))
			continue
		fi
		want=0
		while IFS='|' read -r sdoc sstart sstatus swhy; do
			[ "$sdoc" = "$doc" ] || continue
			case $cmd in "$sstart"*) want=$sstatus ;; esac
		done <<EOF
$STATUS
EOF
		run env PATH="$T/shim:$PATH" sh -c "$(as_run "$cmd")" </dev/null
		check_exit "$want" "$doc: $cmd"
		out=$(target "$cmd" | sed 's/{\.}/*/')
		quiet=
		while IFS='|' read -r qdoc qstart; do
			[ "$qdoc" = "$doc" ] || continue
			case $cmd in "$qstart"*) quiet=1 ;; esac
		done <<EOF
$QUIET
EOF
		if [ -n "$quiet" ]; then
			if [ ! -s "$T/out" ] && [ ! -s "$T/err" ]; then ok 0 "$doc: it is quiet"
			else ok 1 "$doc: it is quiet"; fi
		elif [ "$want" -ne 0 ]; then
			if [ -s "$T/err" ]; then ok 0 "$doc: it says why it exits $want"
			else ok 1 "$doc: it says why it exits $want"; fi
		elif [ -n "$out" ]; then
			if ls -d $out >/dev/null 2>&1 || ls -d "$out".* >/dev/null 2>&1; then
				ok 0 "$doc: it writes $out"
			else
				ok 1 "$doc: it writes $out"
			fi
		elif [ -s "$T/out" ]; then
			ok 0 "$doc: it prints something"
		else
			ok 1 "$doc: it prints something"
			diag "stderr:" "$(cat "$T/err")"
		fi
	done <"$T/cmds.$doc"
done
done_testing

#!/bin/sh
# The input contract of DESIGN.md section 3, held against every tool and
# command that reads rows: one table of readers, one table of faults, the
# same exit status and the same shape of message for the same fault
# everywhere, and no -o output after an exit-2 error.
#
# A new reader joins by adding one line to READERS.
. "${0%/*}/lib.sh"
top=$(cd "${0%/*}/.." && pwd)
ex=$top/examples
cd "$T" || exit 2

# The good inputs the readers are given, and what the commands need besides.
1d-listens --month 2026-10 -o usage.csv "$ex/logs/2026-10-a.csv" 2>/dev/null
cp "$ex/catalog-2026-10-31.csv" catalog.csv
cp "$ex/ledger.csv" ledger.csv
cp "$ex/policy.conf" policy.conf
# Capsules without quoted fields, so that the faults below edit one field.
cat >capsules.csv <<'X'
capsule,title,curator,structure,place,lat,lon,starts,ends,position,item,media,note
loups,Les Loups du Furan,Tarentaize,bib-st-etienne,Tarentaize,45.4397,4.3872,2026-10-01,2026-10-31,1,FRZ012200301,audio,
loups,Les Loups du Furan,Tarentaize,bib-st-etienne,Tarentaize,45.4397,4.3872,2026-10-01,2026-10-31,2,FRZ012600101,audio,
X
cp "$ex/logs/2026-10-a.csv" log.csv
cp "$ex/maps/cd1d.map" cd1d.map
cp "$ex/drops/cd1d-2026-10/cd1d-catalogue-2026-10.csv" sheet.csv
cp "$top/tests/data/report/payouts-10.csv" payouts.csv

# READERS: name | command (@IN@ the input under test, @OUT@ its -o output)
#          | good input | a count or number column | a text column
#          | a required column (when not the count column) | option
# A command whose input is an option's argument has no "no operand" form
# (stdin is then "-" only): its line ends with "| option".
READERS='
1d-listens | 1d-listens --month 2026-10 -o @OUT@ @IN@ | log.csv | ms_played | user
1d-listens merge | 1d-listens merge -o @OUT@ @IN@ | usage.csv | plays | user
1d-listens split | 1d-listens split --by user -n 2 -o @OUT@ @IN@ | log.csv | ms_played | user
1d-cct | 1d-cct --month 2026-10 --policy policy.conf --ledger ledger.csv --catalog catalog.csv -o @OUT@ @IN@ | usage.csv | listens | user
1d-cct --ledger | 1d-cct --month 2026-10 --policy policy.conf --ledger @IN@ --catalog catalog.csv -o @OUT@ usage.csv | ledger.csv | vat_rate | structure | | option
1d-cct --catalog | 1d-cct --month 2026-10 --policy policy.conf --ledger ledger.csv --catalog @IN@ -o @OUT@ usage.csv | catalog.csv | duration_ms | title | holder | option
1d-catalog import | 1d-catalog -d cat.db import @IN@ | catalog.csv | duration_ms | title
1d-ingest --map | 1d-ingest --map cd1d.map -o @OUT@ @IN@ | sheet.csv | Durée (ms) | Titre
1d-capsule check | 1d-capsule check --catalog catalog.csv @IN@ | capsules.csv | position | title
1d-capsule stats | 1d-capsule stats -o @OUT@ --listens @IN@ capsules.csv | log.csv | ms_played | user | | option
1d-report statements | 1d-report statements --month 2026-10 -o @OUT@ @IN@ | payouts.csv | listens | holder
1d-report transparency | 1d-report transparency -o @OUT@ @IN@ | payouts.csv | listens | holder
'

# edit FILE COLUMN VALUE: FILE with row 2's COLUMN set to VALUE (VALUE may
# hold \xHH escapes).  The fixtures have no quoted fields.
edit() {
	perl -e '
		my ($col, $val) = (shift, shift);
		$val =~ s/\\x([0-9a-fA-F]{2})/chr(hex($1))/ge;
		my @lines = <>;
		chomp(my $h = $lines[0]);
		my @names = split /,/, $h, -1;
		my ($i) = grep { $names[$_] eq $col } 0 .. $#names;
		die "no column $col\n" unless defined $i;
		chomp(my $r = $lines[1]);
		my @f = split /,/, $r, -1;
		$f[$i] = $val;
		$lines[1] = join(",", @f) . "\n";
		print @lines;
	' "$2" "$3" "$1"
}
# drop FILE COLUMN: FILE without COLUMN.
drop() {
	perl -e '
		my $col = shift;
		my @lines = <>;
		chomp(my $h = $lines[0]);
		my @names = split /,/, $h, -1;
		my ($i) = grep { $names[$_] eq $col } 0 .. $#names;
		for (@lines) { chomp; my @f = split /,/, $_, -1; splice @f, $i, 1; print join(",", @f), "\n" }
	' "$2" "$1"
}

nreaders=$(echo "$READERS" | grep -c '|')
root=0
[ "$(id -u)" -eq 0 ] && root=1
plan $((nreaders * 30))

# one NAME COMMAND IN: run COMMAND with @IN@ as IN and a fresh @OUT@.
one() {
	rm -rf out.x out.x.tmp* cat.db
	line=$(printf '%s\n' "$2" | sed "s|@IN@|$3|; s|@OUT@|out.x|")
	run sh -c "$line" </dev/null
}
# no_output NAME FAULT: after exit 2, -o created nothing.
no_output() {
	if [ -e out.x ] || ls | grep -q 'out\.x\.tmp'; then
		ok 1 "$1: $2: no output after exit 2"
	else
		ok 0 "$1: $2: no output after exit 2"
	fi
}

while IFS='|' read -r name cmd good count text need kind; do
	[ -n "$cmd" ] || continue
	name=$(echo $name) cmd=$(echo $cmd) good=$(echo $good)
	count=$(echo $count) text=$(echo $text) need=$(echo $need) kind=$(echo $kind)
	[ -n "$need" ] || need=$count

	one "$name" "$cmd" "$good"
	check_exit 0 "$name: the good input is read"
	cp "$T/out" good.stdout
	rm -rf good.out
	[ -e out.x ] && cp -r out.x good.out

	one "$name" "$cmd" missing.csv
	check_exit 2 "$name: a missing file is an I/O error"
	check_err "missing.csv: No such file or directory" "$name: missing: named"
	no_output "$name" missing

	mkdir -p adir
	one "$name" "$cmd" adir
	check_exit 2 "$name: a directory is an I/O error"
	check_err "adir: is a directory" "$name: directory: named"

	if [ $root -eq 1 ]; then
		ok 0 "# SKIP $name: root reads any file"
		ok 0 "# SKIP $name: root reads any file"
	else
		cp "$good" unreadable.csv
		chmod 000 unreadable.csv
		one "$name" "$cmd" unreadable.csv
		check_exit 2 "$name: an unreadable file is an I/O error"
		check_err "unreadable.csv: Permission denied" "$name: unreadable: named"
	fi

	: >empty.csv
	one "$name" "$cmd" empty.csv
	check_exit 2 "$name: an empty file is an error"
	check_err "empty.csv: no header row" "$name: empty: said"
	no_output "$name" empty

	head -1 "$good" >header.csv
	one "$name" "$cmd" header.csv
	case $rc in 0|1) ok 0 "$name: a header alone is read (exit $rc)" ;;
	*) ok 1 "$name: a header alone is read"; diag "exit $rc" "$(cat "$T/err")" ;; esac

	drop "$good" "$need" >nocol.csv
	one "$name" "$cmd" nocol.csv
	check_exit 2 "$name: a missing column is a usage error"
	check_err "nocol.csv:1: $need: no such column" "$name: missing column: named"

	{ cat "$good"; printf '"never closed,\n'; } >quote.csv
	one "$name" "$cmd" quote.csv
	check_exit 2 "$name: an unterminated quote is an error"
	check_err "quote.csv:$(($(wc -l <"$good") + 1)): " "$name: unterminated quote: its line"
	no_output "$name" "unterminated quote"

	gzip -c "$good" >whole.gz
	head -c $(($(wc -c <whole.gz) - 12)) whole.gz >cut.gz
	one "$name" "$cmd" cut.gz
	check_exit 2 "$name: a truncated gzip is an I/O error"
	check_err "cut.gz" "$name: truncated gzip: named"
	no_output "$name" "truncated gzip"

	edit "$good" "$text" 'caf\xe9' >latin1.csv
	one "$name" "$cmd" latin1.csv
	check_exit 1 "$name: invalid UTF-8 rejects the row"
	check_err "latin1.csv:2: $text: not valid UTF-8" "$name: invalid UTF-8: place named"

	edit "$good" "$count" 99999999999999999999 >big.csv
	one "$name" "$cmd" big.csv
	check_exit 1 "$name: an overflowing number rejects the row"
	check_err "big.csv:2: $count: " "$name: overflow: place named"

	sed '2s/$/,extra/' "$good" >wide.csv
	one "$name" "$cmd" wide.csv
	check_exit 1 "$name: a row with a field too many is rejected"
	check_err "wide.csv:2: " "$name: too many fields: place named"

	one "$name" "$(printf '%s\n' "$cmd" | sed "s|@IN@|- <$good|")" ""
	check_exit 0 "$name: - reads standard input"
	check_same good.stdout "$T/out" "$name: the same output as from the file"

	if [ "$kind" = option ]; then
		ok 0 "$name: the input is an option's argument: no form without it"
		ok 0 "$name: the input is an option's argument: no form without it"
	else
		one "$name" "$(printf '%s\n' "$cmd" | sed "s|@IN@|<$good|")" ""
		check_exit 0 "$name: no operand reads standard input"
		check_same good.stdout "$T/out" "$name: the same output again"
	fi
done <<EOF
$READERS
EOF
done_testing

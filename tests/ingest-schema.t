#!/bin/sh
# One rule for a catalogue row: a row that 1d-listens (catalog_load),
# 1d-catalog import and a 1d-ingest sheet used to treat differently is
# now refused by all three with the same column and reason.
. "${0%/*}/lib.sh"
plan 30
cd "$T"
H=track,title,media,duration_ms,territories,available_from,available_until
printf 'ts,user,structure,track,ms_played,source\n' >listens.csv
for c in $(echo "$H" | tr , ' '); do echo "$c = $c"; done >sheet.map
# 1d-catalog import wants every catalogue column: the row widened to them.
FULL=track,isrc,upc,title,artists,release_title,label,holder,distributor,release_date,duration_ms,media,genre,territories,available_from,available_until,status,source,sha256
widen() {
	perl -e '
		my @full = split /,/, shift; chomp(my $h = <>); my @h = split /,/, $h, -1;
		print join(",", @full), "\n";
		while (<>) { chomp; my %v; @v{@h} = split /,/, $_, -1;
			print join(",", map { $v{$_} // "" } @full), "\n" }
	' "$FULL" "$1"
}

# row NAME CSV-ROW: the three readers' verdicts on it.
row() {
	printf '%s\n%s\n' "$H" "$2" >"$1.csv"
	run 1d-listens --catalog "$1.csv" listens.csv
	check_exit 2 "$1: 1d-listens refuses the catalogue"
	check_err "1d-listens: $1.csv:2: $3"
	widen "$1.csv" >"$1.full"
	run 1d-catalog -d "$1.db" import --date 2026-10-01 "$1.full"
	check_exit 1 "$1: 1d-catalog import rejects the row"
	check_err "1d-catalog: $1.full:2: $3"
	run 1d-ingest --map sheet.map --distributor lab "$1.csv"
	check_exit 1 "$1: 1d-ingest rejects the sheet row"
	check_err "1d-ingest: $1.csv:2: $3"
}

# 1d-listens took the date part of a timestamp; the others refused it.
row stamp 'T1,One,audio,1000,FR,2026-10-01T00:00:00Z,' \
    'available_from: not a date: "2026-10-01T00:00:00Z"'
# 1d-listens took any media.
row vinyl 'T1,One,vinyl,1000,FR,,' 'media: not audio, video, ebook or game: "vinyl"'
# A duration past int64 was clamped by 1d-listens and kept as text by the others.
row huge 'T1,One,audio,99999999999999999999,FR,,' 'duration_ms: too large (above 9223372036854775807): "99999999999999999999"'
# Territories were free text for all three.
row france 'T1,One,audio,1000,france,,' \
    'territories: not Worldwide or a list of ISO 3166 codes: "france"'
# A window that ends before it starts hid the title everywhere.
row window 'T1,One,audio,1000,FR,2026-10-05,2026-10-01' \
    'available_until: before available_from: "2026-10-01"'
done_testing

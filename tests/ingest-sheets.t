#!/bin/sh
# CSV sheets that cannot lose a holder: a column the map names but the
# sheet lacks, Latin-1 and Windows-1252 text, invalid UTF-8 without
# --encoding, a title listed twice, and rejected rows with their columns.
. "${0%/*}/lib.sh"
plan 17
cd "$T"
H=track,isrc,upc,title,artists,release_title,label,holder,distributor,release_date,duration_ms,media,genre,territories,available_from,available_until,status,source,sha256
printf '# our columns\nRef = id\nName = title\nRightsHolder = holder\n' >holder.map

# The sheet calls it "Owner" now: every title would arrive without a holder.
printf 'Ref,Name,Owner\nX-1,Song,Lab\n' >renamed.csv
run 1d-ingest --map holder.map --distributor lab renamed.csv
check_exit 2 "a mapped column the sheet lacks is an error"
echo "1d-ingest: renamed.csv:1: RightsHolder: no such column (named by holder.map:4)" >expected
check_same expected err "the error names the sheet and the map line"

# Latin-1: Caf\351 (0xE9) is Café; CP1252: 0x93 0x94 are curly quotes, 0x80 the euro.
printf 'Ref,Name,RightsHolder\nX-1,Caf\351,Lab\351l\n' >latin.csv
sha=$(sha256sum latin.csv | cut -d' ' -f1)
run 1d-ingest --map holder.map --distributor lab --encoding latin1 latin.csv
check_exit 0 "a Latin-1 sheet is read with --encoding latin1"
printf '%s\nlab:X-1,,,Café,,,,Labél,lab,,,audio,,,,,active,latin.csv,%s\n' "$H" "$sha" >expected
check_same expected out "Latin-1 text becomes UTF-8, the digest stays that of the bytes sent"

printf 'Ref,Name,RightsHolder\nX-1,\223Hit\224 \200,Lab\n' >win.csv
sha=$(sha256sum win.csv | cut -d' ' -f1)
run 1d-ingest --map holder.map --distributor lab --encoding cp1252 win.csv
printf '%s\nlab:X-1,,,“Hit” €,,,,Lab,lab,,,audio,,,,,active,win.csv,%s\n' "$H" "$sha" >expected
check_same expected out "Windows-1252 quotes and euro sign become UTF-8"

run 1d-ingest --map holder.map --distributor lab latin.csv
check_exit 1 "without --encoding, invalid UTF-8 rejects the row"
echo '1d-ingest: latin.csv:2: Name: not valid UTF-8 (byte 4: \xe9)' >expected
check_same expected err "the error names the line, the column and the byte"

run 1d-ingest --encoding ebcdic --map holder.map latin.csv
check_exit 2 "an unknown encoding is a usage error"

# A title twice: the later line is kept, both lines said, without -v.
printf 'Ref,Name,RightsHolder\nX-1,First,Lab\nX-2,Other,Lab\nX-1,Second,Lab\n' >twice.csv
sha=$(sha256sum twice.csv | cut -d' ' -f1)
run 1d-ingest --map holder.map --distributor lab twice.csv
check_exit 0 "a title twice is no reject"
printf '%s\nlab:X-1,,,Second,,,,Lab,lab,,,audio,,,,,active,twice.csv,%s\nlab:X-2,,,Other,,,,Lab,lab,,,audio,,,,,active,twice.csv,%s\n' \
    "$H" "$sha" "$sha" >expected
check_same expected out "the row on the later line is kept"
echo "1d-ingest: twice.csv:2: lab:X-1: listed again on line 4, which is kept" >expected
check_same expected err "both line numbers are said"

# Rejected rows carry their own columns after _file,_line,_reason.
printf 'Ref,Name,RightsHolder,Extra\nX-1,Song,Lab,a\n,Nameless,Lab,b\nX-3,,Lab,c\n' >bad.csv
run 1d-ingest --map holder.map --distributor lab --rejects rej.csv bad.csv
check_exit 1 "two rows rejected"
cat >expected <<'EOF2'
_file,_line,_reason,Ref,Name,RightsHolder,Extra
bad.csv,3,track: no isrc and no id,,Nameless,Lab,b
bad.csv,4,Name: missing,X-3,,Lab,c
EOF2
check_same expected rej.csv "the rejects file has the rows' own columns"

# A malformed row (a quote inside an unquoted field, text after a closing
# quote) is rejected with its line, and the rows after it are still read,
# with their own line numbers: line 3 breaks, line 4 holds a quoted field
# over two lines (4-5), line 6 breaks again, line 7 is read.
printf 'Ref,Name,RightsHolder\nX-1,Good,Lab\nX-2,Bad"quote,Lab\nX-3,"Two\nlines",Lab\nX-4,"Closed"after,Lab\nX-5,Last,Lab\n' >broken.csv
sha=$(sha256sum broken.csv | cut -d' ' -f1)
run 1d-ingest --map holder.map --distributor lab broken.csv
check_exit 1 "a malformed row is a reject, not the end of the sheet"
printf '%s\nlab:X-1,,,Good,,,,Lab,lab,,,audio,,,,,active,broken.csv,%s\nlab:X-3,,,"Two\nlines",,,,Lab,lab,,,audio,,,,,active,broken.csv,%s\nlab:X-5,,,Last,,,,Lab,lab,,,audio,,,,,active,broken.csv,%s\n' \
    "$H" "$sha" "$sha" "$sha" >expected
check_same expected out "the rows before and after it are read"
cat >expected <<'EOF2'
1d-ingest: broken.csv:3: malformed CSV: quote in an unquoted field or text after a closing quote
1d-ingest: broken.csv:6: malformed CSV: quote in an unquoted field or text after a closing quote
EOF2
check_same expected err "each is named with its own line"
# An unterminated quote takes the rest of the file: nothing can be read after it.
printf 'Ref,Name,RightsHolder\nX-1,Good,Lab\nX-2,"never closed,Lab\nX-3,Lost,Lab\n' >open.csv
run 1d-ingest --map holder.map --distributor lab open.csv
check_exit 2 "an unterminated quote is still an error for the whole file"
done_testing

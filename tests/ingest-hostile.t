#!/bin/sh
# Hostile drops are refused: paths escaping the drop, links, too many
# entries, a zip bomb, and XML declaring entities or nested absurdly deep.
# Another drop given on the same command line still comes through.
. "${0%/*}/lib.sh"
plan 31

cd "$T"
cp "$DATA/ingest/ern38-single.xml" good.xml
mkdir gooddir && cp good.xml gooddir/

bsdtar -cf dots.tar -s ',^,../,' good.xml
run 1d-ingest dots.tar gooddir
check_exit 1 "../ entry"
check_err "1d-ingest: dots.tar: ../good.xml: unsafe entry name"
check_out "XXB012600001,XXB012600001" "the other drop still comes through"

bsdtar -cf abs.tar -P -s ',^,/tmp/,' good.xml
run 1d-ingest abs.tar
check_exit 1 "absolute path"
check_err "1d-ingest: abs.tar: /tmp/good.xml: unsafe entry name"

ln -s /etc/passwd link
bsdtar -cf link.tar link good.xml
run 1d-ingest link.tar
check_exit 1 "symbolic link out of the drop in an archive"
check_err "1d-ingest: link.tar: link: link points outside the drop"

mkdir linkdir && ln -s /etc/passwd linkdir/passwd
run 1d-ingest linkdir
check_exit 1 "symbolic link in a directory drop"
check_err "1d-ingest: linkdir: passwd: symbolic link refused"

mkdir many && for i in 1 2 3 4; do cp good.xml "many/m$i.xml"; done
bsdtar -a -cf many.zip many
run 1d-ingest --max-entries 3 many.zip
check_exit 1 "too many entries"
check_err ".xml: more than 3 entries"

head -c 30000000 /dev/zero >zeros.bin
bsdtar -a -cf bomb.zip zeros.bin
run 1d-ingest bomb.zip
check_exit 2 "zip bomb: a drop that cannot be read whole is an I/O error"
check_err "1d-ingest: bomb.zip: zeros.bin: compression ratio above 200 (zip bomb?)"

mkdir xml && cp "$DATA/ingest/laughs.xml" xml/
run 1d-ingest xml
check_err "1d-ingest: xml:laughs.xml:2: DOCTYPE refused (entity declarations are not allowed)" \
    "billion laughs refused"

mkdir deep
{ echo '<ern:NewReleaseMessage xmlns:ern="http://ddex.net/xml/ern/43">'
  i=0; while [ $i -lt 100 ]; do printf '<a>'; i=$((i + 1)); done; echo
} >deep/deep.xml
run 1d-ingest --max-depth 50 deep
check_exit 1 "too deep"
check_err "1d-ingest: deep:deep.xml:2: elements nested too deep"

# A missing drop among others: exit 2 and nothing written with -o.
run 1d-ingest -o out.csv gooddir missing.zip
check_exit 2 "a missing drop is an I/O error"
check_err "1d-ingest: missing.zip: No such file or directory"
check_true "-o: nothing committed after an I/O error" test ! -e out.csv
check_true "-o: no temporary file left" sh -c '! ls | grep -q "out\.csv\."'

# A gzip of zeros (a 10 GB one, small here) used to read as an empty
# archive with exit 0: a drop that cannot be read whole is an I/O error.
head -c 3000000 /dev/zero | gzip -c >zeros.gz
run 1d-ingest -o out.csv zeros.gz
check_exit 2 "a gzip of zeros is not an empty drop"
check_err "zeros.gz: compression ratio above 200"
check_true "nothing committed" test ! -e out.csv
head -c 300000 /dev/zero | gzip -c >small.gz
run 1d-ingest small.gz
check_exit 2 "within the ratio, still no entries: refused"
check_err "small.gz: an archive with no entries"
# The limits apply to a .tar.gz of a big zero file.
head -c 3000000 /dev/zero >big.bin
bsdtar -czf big.tar.gz big.bin
run 1d-ingest --max-entry-size 1000000 big.tar.gz
check_exit 2 "an entry beyond --max-entry-size"
check_err "big.tar.gz: big.bin: entry larger than 1000000 bytes"
run 1d-ingest --max-ratio 5000 --max-total-size 2000000 big.tar.gz
check_exit 2 "a drop beyond --max-total-size"
check_err "drop larger than 2000000 bytes"
# A truncated .tar.gz is an I/O error, not a shorter drop.
bsdtar -czf good.tar.gz good.xml
head -c $(($(wc -c <good.tar.gz) - 12)) good.tar.gz >cut.tar.gz
run 1d-ingest -o out.csv cut.tar.gz
check_exit 2 "a truncated tar.gz is an I/O error"
check_err "cut.tar.gz"
done_testing

#!/bin/sh
# Hostile drops are refused: paths escaping the drop, links, too many
# entries, a zip bomb, and XML declaring entities or nested absurdly deep.
# Another drop given on the same command line still comes through.
. "${0%/*}/lib.sh"
plan 16

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
check_exit 1 "zip bomb"
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

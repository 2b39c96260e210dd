#!/bin/sh
# 1d-capsule new, add, move, rm and merge: files rewritten atomically,
# sorted by capsule and position, positions renumbered.
. "${0%/*}/lib.sh"
plan 17
cd "$T"

run 1d-capsule new --title "Nuit du Pilat" --curator "MJC Laënnec" --structure mjc-lyon8 \
	--place "Lyon 8e" --lat 45.7385 --lon 4.8696 --starts 2026-10-10 --ends 2026-11-30 \
	--media video --note "Le concert" caps.csv pilat FRX452500900
check_exit 0 "new creates the file"
run 1d-capsule add caps.csv pilat FRX452400010
run 1d-capsule add --media ebook --at 1 caps.csv pilat ebook:42
cat >expected <<'X'
capsule,title,curator,structure,place,lat,lon,starts,ends,position,item,media,note
pilat,Nuit du Pilat,MJC Laënnec,mjc-lyon8,Lyon 8e,45.7385,4.8696,2026-10-10,2026-11-30,1,ebook:42,ebook,
pilat,Nuit du Pilat,MJC Laënnec,mjc-lyon8,Lyon 8e,45.7385,4.8696,2026-10-10,2026-11-30,2,FRX452500900,video,Le concert
pilat,Nuit du Pilat,MJC Laënnec,mjc-lyon8,Lyon 8e,45.7385,4.8696,2026-10-10,2026-11-30,3,FRX452400010,audio,
X
check_same expected caps.csv "add appends, --at inserts and renumbers"

run 1d-capsule new --title "A" --curator C --structure s1 caps.csv alpha T1
run 1d-capsule move caps.csv pilat ebook:42 3
cat >expected <<'X'
capsule,title,curator,structure,place,lat,lon,starts,ends,position,item,media,note
alpha,A,C,s1,,,,,,1,T1,audio,
pilat,Nuit du Pilat,MJC Laënnec,mjc-lyon8,Lyon 8e,45.7385,4.8696,2026-10-10,2026-11-30,1,FRX452500900,video,Le concert
pilat,Nuit du Pilat,MJC Laënnec,mjc-lyon8,Lyon 8e,45.7385,4.8696,2026-10-10,2026-11-30,2,FRX452400010,audio,
pilat,Nuit du Pilat,MJC Laënnec,mjc-lyon8,Lyon 8e,45.7385,4.8696,2026-10-10,2026-11-30,3,ebook:42,ebook,
X
check_same expected caps.csv "move renumbers; capsules stay sorted by id"

run 1d-capsule rm caps.csv pilat FRX452500900
run 1d-capsule rm caps.csv alpha
cat >expected <<'X'
capsule,title,curator,structure,place,lat,lon,starts,ends,position,item,media,note
pilat,Nuit du Pilat,MJC Laënnec,mjc-lyon8,Lyon 8e,45.7385,4.8696,2026-10-10,2026-11-30,1,FRX452400010,audio,
pilat,Nuit du Pilat,MJC Laënnec,mjc-lyon8,Lyon 8e,45.7385,4.8696,2026-10-10,2026-11-30,2,ebook:42,ebook,
X
check_same expected caps.csv "rm an item renumbers, rm a capsule removes its rows"
check_true "no temporary file left" sh -c '! ls caps.csv.tmp* 2>/dev/null'

run 1d-capsule add caps.csv pilat FRX452400010
check_exit 1 "an item cannot be added twice"
check_err '1d-capsule: caps.csv: capsule "pilat" already has "FRX452400010"'
run 1d-capsule move caps.csv pilat nothing 1
check_err '1d-capsule: caps.csv: capsule "pilat" has no item "nothing"'
run 1d-capsule rm caps.csv ghost
check_err '1d-capsule: caps.csv: no capsule "ghost"'
run 1d-capsule new --title T --curator C --structure S caps.csv pilat X
check_err '1d-capsule: caps.csv: capsule "pilat" exists already'
run 1d-capsule new --title T --curator C --structure S --lat 45 caps.csv other X
check_exit 2 "--lat needs --lon"
run 1d-capsule add --media vinyl caps.csv pilat X
check_err '1d-capsule: --media: not audio, video, ebook or game: "vinyl"'

# merge: identical capsules collapse, a conflicting id is refused.
cp caps.csv same.csv
printf 'capsule,title,curator,structure,place,lat,lon,starts,ends,position,item,media,note\nzeta,Z,C,s2,,,,,,1,T9,audio,\n' >other.csv
run 1d-capsule merge caps.csv same.csv other.csv
check_exit 0 "merge of identical and new capsules"
{ cat caps.csv; printf 'zeta,Z,C,s2,,,,,,1,T9,audio,\n'; } >expected
check_same expected out "merge keeps one copy and sorts"
sed 's/Nuit du Pilat/Pilat la nuit/' caps.csv >conflict.csv
run 1d-capsule merge caps.csv conflict.csv
check_exit 1 "a conflicting id is refused"
check_err '1d-capsule: conflict.csv:2: capsule: "pilat" is also in caps.csv, with other content'

# Edits of one file take its lock: ten at once keep ten items.
run 1d-capsule new --title T --curator C --structure S race.csv r FRZ012200301
for i in 1 2 3 4 5 6 7 8 9 10; do
	1d-capsule add race.csv r "item:$i" &
done
wait
grep -c '^r,' race.csv >got
echo 11 >want
check_same want got "ten parallel adds keep every item"
done_testing

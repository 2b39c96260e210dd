#!/bin/sh
# The sample month's drops (examples/README.md): every title, its holder,
# territories, availability and status as the README describes them.
. "${0%/*}/lib.sh"
plan 3
ex=$(cd "${0%/*}/.." && pwd)/examples
tar -C "$ex/drops" -czf "$T/idol-2026-10.tar.gz" idol-2026-10
(cd "$ex/drops/believe-2026-10" && bsdtar -a -cf "$T/believe-2026-10.zip" *.xml)
run 1d-ingest --map "$ex/maps/cd1d.map" "$T/believe-2026-10.zip" "$T/idol-2026-10.tar.gz" \
    "$ex/drops/cd1d-2026-10"
check_exit 0
cut -d, -f1,4,8,9,10,12,14,15,17 "$T/out" >"$T/got"
cat >"$T/expected" <<'X'
track,title,holder,distributor,release_date,media,territories,available_from,status
FRX451900500,Manufrance,Les Disques du Forez,idol,2019-04-01,audio,BE CH,2019-04-01,active
FRX452400010,Pilat,Bruit Blanc,idol,2024-09-20,audio,FR,2024-09-20,active
FRX452400011,Gier,Bruit Blanc,idol,2024-09-20,audio,FR,2024-09-20,takedown
FRX452500900,Pilat (live),Bruit Blanc,idol,2025-02-14,video,FR,2025-02-14,active
FRZ012200301,Rue Bergson,Ardente Records,believe,2022-05-13,audio,Worldwide,2022-05-13,active
FRZ012200302,Métropole,Ardente Records,believe,2022-05-13,audio,Worldwide,2022-05-13,active
FRZ012311001,Novembre,Ardente Records,believe,2023-10-31,audio,FR,2023-10-31,active
FRZ012311002,Premier jour,Ardente Records,believe,2023-11-01,audio,FR,2023-11-01,active
FRZ012600101,Les Quais,Mila Koné,believe,2026-03-06,audio,BE CH FR,2026-03-06,active
FRZ012600102,Fourvière la nuit,Mila Koné,believe,2026-03-06,audio,BE CH FR,2026-03-06,active
FRZ012600103,Pentes,Mila Koné,believe,2026-11-20,audio,BE CH FR,2026-11-01,active
cd1d:CD1D-7781,Chanson pour Lucie,Collectif Lucie,cd1d,2025-01-17,audio,FR,,active
cd1d:CD1D-7782,Les Gaga,Collectif Lucie,cd1d,2025-01-17,audio,FR,,active
X
check_same "$T/expected" "$T/got" "the sample month's titles"
grep -c 'idol-2026-10.tar.gz:IDOL-2026-1015' "$T/out" >"$T/n"
echo 1 >"$T/one"
check_same "$T/one" "$T/n" "Gier's row comes from the purge message"

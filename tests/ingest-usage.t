#!/bin/sh
# 1d-ingest: --help is the man page's SYNOPSIS; usage and I/O errors exit 2.
. "${0%/*}/lib.sh"
plan 6
man=$(cd "${0%/*}/.." && pwd)/man/1d-ingest.1
man_synopsis "$man" | squeeze >"$T/synopsis"
run 1d-ingest --help
squeeze <"$T/out" >"$T/help"
check_exit 0 "--help"
check_same "$T/synopsis" "$T/help" "--help is the SYNOPSIS"
run 1d-ingest --max-ratio x
check_exit 2 "bad option value"
check_err "1d-ingest: --max-ratio: not a positive integer: x"
run 1d-ingest "$T/missing.zip"
check_exit 2 "unreadable drop is an I/O error"
check_err "1d-ingest: $T/missing.zip: No such file or directory"

# tests/lib.sh - a small TAP library for the shell tests.
#
#   . "${0%/*}/lib.sh"
#   plan 3
#   run 1d-listens --month 2026-10 in.csv     # sets $out, $err, $rc
#   check_exit 0
#   check_same "$T/expected" "$T/out"
#   check_err 'in.csv:3: ms_played'
#
# Binaries come from $ONED_BIN (make test sets it); each test works in a
# fresh temporary directory $T, removed at exit.

: "${ONED_BIN:=$(cd "${0%/*}/.." && pwd)/bin}"
DATA=$(cd "${0%/*}" && pwd)/data
PATH=$ONED_BIN:$PATH
export LC_ALL=C TZ=UTC
T=$(mktemp -d "${TMPDIR:-/tmp}/1d-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
test_n=0
test_failed=0

plan() { echo "1..$1"; }

ok() {	# ok STATUS DESCRIPTION
	test_n=$((test_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $test_n - $2"
	else
		echo "not ok $test_n - $2"
		test_failed=$((test_failed + 1))
	fi
}

diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

# run CMD ARGS...: stdout to $T/out, stderr to $T/err, exit status to $rc.
run() {
	rc=0
	"$@" >"$T/out" 2>"$T/err" || rc=$?
}

check_exit() {	# check_exit EXPECTED [DESCRIPTION]
	if [ "$rc" -eq "$1" ]; then
		ok 0 "${2:-exit status $1}"
	else
		ok 1 "${2:-exit status $1}"
		diag "expected exit $1, got $rc" "stderr:" "$(cat "$T/err")"
	fi
}

check_same() {	# check_same EXPECTED ACTUAL [DESCRIPTION]
	if diff -u "$1" "$2" >"$T/diff" 2>&1; then
		ok 0 "${3:-$2 matches $1}"
	else
		ok 1 "${3:-$2 matches $1}"
		diag "$(cat "$T/diff")"
	fi
}

check_err() {	# check_err TEXT [DESCRIPTION]: stderr contains TEXT
	if grep -qF -- "$1" "$T/err"; then
		ok 0 "${2:-stderr says $1}"
	else
		ok 1 "${2:-stderr says $1}"
		diag "stderr was:" "$(cat "$T/err")"
	fi
}

check_out() {	# check_out TEXT [DESCRIPTION]: stdout contains TEXT
	if grep -qF -- "$1" "$T/out"; then
		ok 0 "${2:-stdout says $1}"
	else
		ok 1 "${2:-stdout says $1}"
		diag "stdout was:" "$(head -50 "$T/out")"
	fi
}

check_true() {	# check_true DESCRIPTION CMD ARGS...
	d=$1
	shift
	if "$@" >/dev/null 2>&1; then ok 0 "$d"; else ok 1 "$d"; fi
}

# The SYNOPSIS of a man page as plain text, for comparing with --help.
man_synopsis() {
	MANWIDTH=200 groff -mandoc -Tutf8 -P-cbou "$1" 2>/dev/null |
		sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' |
		tr -s ' \n' '  ' | sed 's/^ *//;s/ *$//'
}
squeeze() { tr -s ' \n\t' '   ' | sed 's/^usage: *//;s/^ *//;s/ *$//'; }

done_testing() {
	[ "$test_failed" -eq 0 ]
}

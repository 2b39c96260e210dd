#!/bin/sh
# The command-line skeleton (common/util/cli.c), through the toy tool
# tests/unit/cli.c: what each command line parses to, and every usage
# error with its exit status and message.
. "${0%/*}/lib.sh"
cli=$(cd "${ONED_UNIT:-${0%/*}/../build/unit}" && pwd)/cli
ln -s "$cli" "$T/toy"
toy=$T/toy
plan 46

run "$toy" --month 2026-10 a b
check_exit 0 "the default command runs without a name"
printf '%s\n' 'default flags=0 force=0 db=- month=2026-10 output=- n=-1 listens= operands=[a][b]' >"$T/want"
check_same "$T/want" "$T/out" "options and operands of the default command"

run "$toy" -tv -d x.db --month=2026-10 -o out.csv -
check_exit 0 "grouped flags, attached and separate arguments"
printf '%s\n' 'default flags=3 force=0 db=x.db month=2026-10 output=out.csv n=-1 listens= operands=[-]' >"$T/want"
check_same "$T/want" "$T/out" "- is an operand"

run "$toy" -t -d x.db sum --listens a.csv -n 12 --listens b.csv --force f1 f2
check_exit 0 "a named command after the global options"
printf '%s\n' 'sum flags=1 force=1 db=x.db month=- output=- n=12 listens=a.csv,b.csv operands=[f1][f2]' >"$T/want"
check_same "$T/want" "$T/out" "a repeated list option keeps every value in order"

run "$toy" sum f1 -t
check_exit 0 "global options may follow the command"
check_out 'sum flags=1 ' "a global flag after the operands"

run "$toy" near -4.85 45.43
check_exit 0 "negative numbers are operands"
check_out 'operands=[-4.85][45.43]' "the longitude west of Greenwich is kept"

run "$toy" near -n 3 45.43 -.5
check_exit 0 "a negative number after an option with an argument"
check_out 'n=3 listens= operands=[45.43][-.5]' "both operands, in order"

run "$toy" sum --month 2026-10 f1
check_exit 2 "an option of another command is a usage error"
check_err 'toy: sum: --month: unknown option' "the message names the command and the option"
check_err 'usage: toy [-t] [-d DB] sum [--force] [-n N] [--listens FILE ...] FILE ...' "then the command's usage"

run "$toy" a.csv
check_exit 2 "a missing required option is a usage error"
check_err 'toy: missing --month MONTH' "the missing option is named"

run "$toy" sum
check_exit 2 "a missing operand"
check_err 'toy: sum: missing operand FILE ...' "the missing operand is named"

run "$toy" near 1 2 3
check_exit 2 "an extra operand"
check_err 'toy: near: 3: extra operand' "the extra operand is named"

run "$toy" sum -n 99999999999999999999 f
check_exit 2 "a count beyond int64 is a usage error"
check_err 'toy: sum: --count: too large' "and says so"

run "$toy" sum -n 12a f
check_exit 2 "a count with a letter"
check_err 'toy: sum: --count: not a non-negative integer: "12a"' "is named with its value"

run "$toy" sum -n -1 f
check_exit 2 "a negative count"

run "$toy" --month
check_exit 2 "an option without its argument"
check_err 'toy: --month: needs an argument' "is named"

run "$toy" -x --month m
check_exit 2 "an unknown short option"
check_err 'toy: -x: unknown option' "is named"

run "$toy" --help
check_exit 0 "--help exits 0"
cat >"$T/want" <<'USAGE'
usage: toy [-t] [-d DB] [-v] --month MONTH [-o FILE] [FILE ...]
       toy [-t] [-d DB] sum [--force] [-n N] [--listens FILE ...] FILE ...
       toy [-t] [-d DB] near [-n N] LAT LON
       toy [-t] [-d DB] write -o FILE [WORD ...]
USAGE
check_same "$T/want" "$T/out" "--help prints every command's usage, made from the table"

run "$toy" near --help
check_exit 0 "a command's --help exits 0"
printf '%s\n' 'usage: toy [-t] [-d DB] near [-n N] LAT LON' >"$T/want"
check_same "$T/want" "$T/out" "and prints only that command's usage"

run "$toy" --version
check_exit 0 "--version exits 0"
check_out 'toy ' "and names the tool"

run "$toy" --list-commands
printf '%s\n' sum near write >"$T/want"
check_same "$T/want" "$T/out" "--list-commands lists the named commands"

run "$toy" sum --list-options
printf '%s\n' '--tsv -t' '--database=DB -d' --force '--count=N -n' --listens=FILE >"$T/want"
check_same "$T/want" "$T/out" "--list-options lists a command's options with their placeholders"

run "$toy" near -- -1 -2
check_exit 0 "after --, everything is an operand"
check_out 'operands=[-1][-2]' "both kept"

# Outputs are committed after rejected rows, never after an I/O error.
run "$toy" write -o "$T/ok.csv" data
check_exit 1 "a data problem raises the status to 1"
check_true "and the output is committed" test -f "$T/ok.csv"
run "$toy" write -o "$T/no.csv" data io
check_exit 2 "an I/O error raises it to 2"
check_true "and no output is committed" test ! -e "$T/no.csv"
ls "$T" | grep -c tmp >"$T/n" || true
echo 0 >"$T/zero"
check_same "$T/zero" "$T/n" "nor any temporary left"
run "$toy" write -o "$T/yes.csv"
check_exit 0 "a clean run exits 0"
done_testing

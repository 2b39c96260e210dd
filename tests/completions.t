#!/bin/sh
# The completions offer each command exactly the options it accepts: for
# every tool and command, completing "--" in bash and in zsh gives the
# options of the table the tool parses with (--list-options), and nothing
# else.
. "${0%/*}/lib.sh"
top=$(cd "${0%/*}/.." && pwd)
tools=$(ls "$top"/cmd/1d-*.c | sed 's,.*/,,;s,\.c$,,')
n=6
for t in $tools; do
	n=$((n + 7 + 2 * $("$t" --list-commands | wc -l)))
done
plan $n
check_true "bash reads completions/1d.bash" bash -n "$top/completions/1d.bash"
check_true "zsh reads completions/_1d" zsh -n "$top/completions/_1d"

# What the table says a command takes: long and short names, and --help.
want_options() {	# want_options TOOL [COMMAND]: the long ones, as "--" completes
	"$@" --list-options | sed 's/[= ].*//'
	echo --help
}
bash_complete() {	# bash_complete WORD... (the last one is completed)
	bash -c '. "$1/completions/1d.bash"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _1d
		[ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' sh "$top" "$@"
}
# zsh's completion system is not loaded: compadd and _files are stubs that
# print what they are given.
zsh_complete() {	# zsh_complete WORD... (the last one is completed)
	zsh -c 'compadd() { [[ $1 == -- ]] && shift; print -l -- "$@"; }
		_files() { print -- "(files)"; }
		_message() { print -- "(message)"; }
		top=$1; shift; words=("$@"); CURRENT=$#; PREFIX=${words[CURRENT]}
		. "$top/completions/_1d" 2>/dev/null' sh "$top" "$@"
}
for t in $tools; do
	check_true "$t answers --list-options from its table" "$t" --list-options
	check_true "bash completes $t" bash -c ". '$top/completions/1d.bash' && complete -p $t"
	check_true "zsh's #compdef names $t" sh -c "head -1 '$top/completions/_1d' | grep -qw -- '$t'"
	for c in "" $("$t" --list-commands); do
		want_options "$t" $c | sort >"$T/want"
		bash_complete "$t" $c -- | sort >"$T/bash"
		check_same "$T/want" "$T/bash" "bash: $t ${c:+$c }-- offers its options"
		zsh_complete "$t" $c -- | grep -- '^--' | sort >"$T/zsh"
		check_same "$T/want" "$T/zsh" "zsh: $t ${c:+$c }-- offers its options"
	done
	# The tools' commands are offered where a command goes.
	if [ -n "$("$t" --list-commands)" ]; then
		"$t" --list-commands | sort >"$T/want"
		bash_complete "$t" "" | grep -vx '' | sort >"$T/all"
		comm -23 "$T/want" "$T/all" >"$T/missing"
		check_same /dev/null "$T/missing" "bash: $t offers its commands"
		zsh_complete "$t" "" | sort >"$T/all"
		comm -23 "$T/want" "$T/all" >"$T/missing"
		check_same /dev/null "$T/missing" "zsh: $t offers its commands"
	else
		ok 0 "$t has no commands"
		ok 0 "$t has no commands"
	fi
done
# The case the review found: verify was offered statements' --excel.
bash_complete 1d-report verify --e >"$T/got"
check_same /dev/null "$T/got" "bash: 1d-report verify --e offers nothing (no --excel)"
bash_complete 1d-report statements --e >"$T/got"
echo --excel >"$T/want"
check_same "$T/want" "$T/got" "bash: 1d-report statements --e offers --excel"
# An option's argument: files for FILE, nothing for a month.
cd "$T" && : >catalog-x.csv
bash_complete 1d-catalog -d cat.db import --rejects catalog- >"$T/got"
echo catalog-x.csv >"$T/want"
check_same "$T/want" "$T/got" "bash completes a FILE argument with files"
bash_complete 1d-catalog export --as-of 2026 >"$T/got"
check_same /dev/null "$T/got" "bash offers nothing for a DAY"
done_testing

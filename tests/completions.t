#!/bin/sh
# The completions load in bash and define a function for every tool; the
# zsh file is checked when zsh is installed.
. "${0%/*}/lib.sh"
top=$(cd "${0%/*}/.." && pwd)
tools=$(ls "$top"/cmd/1d-*.c | sed 's,.*/,,;s,\.c$,,')
n=2
for t in $tools; do n=$((n + 2)); done
plan $n
check_true "bash reads completions/1d.bash" bash -n "$top/completions/1d.bash"
if command -v zsh >/dev/null 2>&1; then
	check_true "zsh reads completions/_1d" zsh -n "$top/completions/_1d"
else
	ok 0 "# SKIP zsh is not installed"
fi
for t in $tools; do
	check_true "bash completes $t" bash -c ". '$top/completions/1d.bash' && complete -p $t"
	check_true "zsh defines _$(echo "$t" | tr - _) for $t" grep -q "^_$(echo "$t" | tr - _)()" "$top/completions/_1d"
done
done_testing

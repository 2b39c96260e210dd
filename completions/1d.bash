# bash completion for the 1d tools.  Installed as .../completions/1d with a
# link per tool name.
#
# Nothing here lists an option: each tool answers from the table it parses
# its command line with (common/util/cli.c), `TOOL --list-commands` for its
# commands and `TOOL [COMMAND] --list-options` for the options of one
# command, a line each: "--name[=PLACEHOLDER][ -l]".  So a command is
# offered exactly the options it accepts.

_1d() {
	local tool=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]}
	local prev=${COMP_WORDS[COMP_CWORD-1]} cmd= cmds line spec name arg short i w
	local -a names=()
	COMPREPLY=()
	cmds=$("$tool" --list-commands 2>/dev/null)
	for ((i = 1; i < COMP_CWORD; i++)); do
		for w in $cmds; do
			if [[ ${COMP_WORDS[i]} == "$w" ]]; then cmd=$w; break 2; fi
		done
	done
	while IFS= read -r line; do
		spec=${line%% *}
		name=${spec%%=*}
		arg=
		[[ $spec == *=* ]] && arg=${spec#*=}
		short=
		[[ $line == *' '* ]] && short=${line#* }
		names+=("$name")
		[[ -n $short ]] && names+=("$short")
		if [[ -n $arg && ( $prev == "$name" || ( -n $short && $prev == "$short" ) ) ]]; then
			case $arg in
			FILE|KEY|PREFIX|DB) COMPREPLY=($(compgen -f -- "$cur")) ;;
			DIR) COMPREPLY=($(compgen -d -- "$cur")) ;;
			esac
			return
		fi
	done < <("$tool" $cmd --list-options 2>/dev/null)
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "${names[*]} --help" -- "$cur"))
	elif [[ -z $cmd && -n $cmds ]]; then
		COMPREPLY=($(compgen -W "$cmds" -- "$cur") $(compgen -f -- "$cur"))
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}
complete -F _1d 1d-ingest 1d-catalog 1d-listens 1d-cct 1d-report 1d-capsule 1d-month-end

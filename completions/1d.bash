# bash completion for the 1d tools.  Installed as .../completions/1d with a
# link per tool name.

_1d_files() {
	COMPREPLY+=($(compgen -f -- "$cur"))
}

# ---- 1d-ingest ----
_1d_ingest() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	COMPREPLY=()
	case $prev in
	-o|--output|--rejects|--map) _1d_files; return ;;
	--distributor|--max-entries|--max-entry-size|--max-total-size|--max-ratio|--max-depth)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "-t --tsv -v --verbose -o --output --rejects --map
		    --distributor --max-entries --max-entry-size --max-total-size
		    --max-ratio --max-depth -h --help --version" -- "$cur"))
	else
		_1d_files
	fi
}
complete -F _1d_ingest 1d-ingest

# ---- end 1d-ingest ----


# ---- 1d-catalog ----
_1d_catalog() {
	local cur prev i sub=
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	COMPREPLY=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		import|takedown|export|show|holders|stats) sub=${COMP_WORDS[i]}; break ;;
		esac
	done
	case $prev in
	-d|--database|--rejects|--from|-o)
		_1d_files
		return ;;
	--status)
		COMPREPLY=($(compgen -W "active takedown" -- "$cur"))
		return ;;
	--date|--as-of|--holder)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "-t --tsv -v --verbose -d --database -o --output -h --help
			--version --date --force --rejects --from --as-of --holder --status" -- "$cur"))
		return
	fi
	case $sub in
	"") COMPREPLY=($(compgen -W "import takedown export show holders stats" -- "$cur")) ;;
	holders) COMPREPLY=($(compgen -W "import export" -- "$cur")) ;;
	import) _1d_files ;;
	esac
}
complete -F _1d_catalog 1d-catalog

# ---- end 1d-catalog ----


# ---- 1d-listens ----
_1d_listens() {
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	COMPREPLY=()
	case $prev in
	--by)
		COMPREPLY=($(compgen -W "month structure user track month,track month,structure month,structure,track" -- "$cur"))
		return ;;
	--tz)
		COMPREPLY=($(cd /usr/share/zoneinfo 2>/dev/null && compgen -f -- "$cur"))
		return ;;
	--month|--min-ms|--max-per-day|--max-rejects|-n)
		return ;;
	esac
	if [ "$COMP_CWORD" -eq 1 ] && [[ $cur != -* ]]; then
		COMPREPLY=($(compgen -W "split merge" -- "$cur"))
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY+=($(compgen -W "-t --tsv -v --verbose -o --output -h --help --version
			--month --tz --catalog --min-ms --max-per-day --by --pseudonymise
			--rejects --max-rejects --progress -n" -- "$cur"))
		return
	fi
	_1d_files
}
complete -F _1d_listens 1d-listens

# ---- end 1d-listens ----


# ---- 1d-cct ----
_1d_cct() {
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	COMPREPLY=()
	case $prev in
	--model)
		COMPREPLY=($(compgen -W "cct prorata user tiers artist-centric" -- "$cur"))
		return ;;
	--pool)
		COMPREPLY=($(compgen -W "month structure" -- "$cur"))
		return ;;
	--weight)
		COMPREPLY=($(compgen -W "listens ms" -- "$cur"))
		return ;;
	--month)
		return ;;
	esac
	if [ "$COMP_CWORD" -eq 1 ] && [[ $cur != -* ]]; then
		COMPREPLY=($(compgen -W "compare" -- "$cur"))
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY+=($(compgen -W "-t --tsv -v --verbose -o --output -h --help --version
			--month --policy --ledger --catalog --holders --model --pool --weight
			--summary --rejects" -- "$cur"))
		return
	fi
	_1d_files
}
complete -F _1d_cct 1d-cct

# ---- end 1d-cct ----


# ---- 1d-report ----
_1d_report() {
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	COMPREPLY=()
	case $prev in
	--month|--distributor)
		return ;;
	-o)
		COMPREPLY=($(compgen -d -- "$cur"))
		_1d_files
		return ;;
	esac
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "statements dsr transparency keygen bundle verify" -- "$cur"))
		return
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY+=($(compgen -W "-t --tsv -o --output -h --help --version --month --catalog
			--holders --balances --policy --summary --excel --distributor --compare
			--sign --pub --listens-options --cct-options" -- "$cur"))
		return
	fi
	_1d_files
}
complete -F _1d_report 1d-report

# ---- end 1d-report ----


# ---- 1d-capsule ----
_1d_capsule() {
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	COMPREPLY=()
	case $prev in
	--format)
		COMPREPLY=($(compgen -W "m3u8 xspf json" -- "$cur"))
		return ;;
	--media)
		COMPREPLY=($(compgen -W "audio video ebook game" -- "$cur"))
		return ;;
	--on|--territory|--capsule|--km|--min-ms|--title|--curator|--structure|--place|--lat|--lon|--starts|--ends|--note|--at)
		return ;;
	esac
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "check export near stats new add move rm merge" -- "$cur"))
		return
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "-t --tsv -v --verbose -o --output -h --help --version
			--catalog --on --territory --format --capsule --km --listens --min-ms
			--title --curator --structure --place --lat --lon --starts --ends
			--media --note --at" -- "$cur"))
		return
	fi
	_1d_files
}
complete -F _1d_capsule 1d-capsule

# ---- end 1d-capsule ----

# ---- 1d-month-end ----
_1d_month_end() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	COMPREPLY=()
	case $prev in
	-c|--config) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "-c --config --force --wait -h --help --version" -- "$cur"))
	else
		COMPREPLY=($(compgen -W "check" -- "$cur"))
	fi
}
complete -F _1d_month_end 1d-month-end

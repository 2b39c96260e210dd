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

# ---- end 1d-catalog ----


# ---- 1d-listens ----

# ---- end 1d-listens ----


# ---- 1d-cct ----

# ---- end 1d-cct ----


# ---- 1d-report ----

# ---- end 1d-report ----


# ---- 1d-capsule ----

# ---- end 1d-capsule ----

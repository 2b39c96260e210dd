# bash completion for the 1d tools.  Installed as .../completions/1d with a
# link per tool name.

_1d_files() {
	COMPREPLY+=($(compgen -f -- "$cur"))
}

# ---- 1d-ingest ----

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

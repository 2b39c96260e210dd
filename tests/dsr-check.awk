# dsr-check.awk - structural checks of the files of one DDEX DSR report
# (BasicAudioProfile 1.2, multi-record blocks), given in file order:
#   awk -f tests/dsr-check.awk DSR_..._1of2_....tsv DSR_..._2of2_....tsv
# Prints one line per problem and "ok N files" when there is none.
# Cells are split on tabs that are not escaped: DSR Part 1 sends a tab
# in a cell as \<tab>, a pipe as \\| and a backslash as \\\.

# The cells of a record into c[1..n]; returns n, or -1 on a bad escape.
function split_cells(s, c,    n, i, ch, cell) {
	n = 0; cell = ""
	for (i = 1; i <= length(s); i++) {
		ch = substr(s, i, 1)
		if (ch == "\\") {
			if (substr(s, i, 3) == "\\\\\\") { cell = cell "\\"; i += 2 }
			else if (substr(s, i + 1, 1) == "\t") { cell = cell "\t"; i++ }
			else if (substr(s, i, 3) == "\\\\|") { cell = cell "|"; i += 2 }
			else return -1
		} else if (ch == "\t") {
			c[++n] = cell; cell = ""
		} else
			cell = cell ch
	}
	c[++n] = cell
	return n
}
function bad(msg) { print FILENAME ":" FNR ": " msg; problems++ }
BEGIN {
	cells["HEAD"] = 16; cells["SY02.02"] = 22; cells["RE01"] = 15
	cells["AS02.02"] = 22; cells["SU02"] = 10; cells["FOOT"] = 6
}
FNR == 1 {
	files++; lines = 0; blocks_here = 0; summaries = 0; block = ""
	if (!match(FILENAME, /_[0-9]+of[0-9]+_/))
		bad("no x of y in the file name")
	split(substr(FILENAME, RSTART + 1, RLENGTH - 2), xy, "of")
}
{
	lines++; report_lines++
	n = split_cells($0, c)
	if (n < 0) { bad("a backslash that escapes nothing"); next }
	type = c[1]
	if (!(type in cells)) { bad("unknown record type " type); next }
	if (n != cells[type]) bad(type ": " n " cells, not " cells[type])
	if ((FNR == 1) != (type == "HEAD")) bad("HEAD is the first record and only it")
	if (type == "HEAD" && (c[7] != xy[1] || c[8] != xy[2]))
		bad("HEAD says file " c[7] " of " c[8] ", the name " xy[1] " of " xy[2])
	if (type ~ /^SY/) {
		if (block != "") bad("a summary record after a block")
		summaries++; summary_ids[c[2]] = 1
	}
	if (type == "RE01" || type == "AS02.02" || type == "SU02") {
		if (c[2] != block) {
			if (c[2] in seen_blocks) bad("block " c[2] " is split or repeated")
			seen_blocks[c[2]] = 1; block = c[2]; blocks_here++; report_blocks++
			delete refs
		}
		if (type == "AS02.02") refs[c[3]] = 1
		if (type == "SU02") {
			if (!(c[3] in summary_ids)) bad("SU02 points at no summary record: " c[3])
			if (c[6] != "" && !(c[6] in refs)) bad("SU02 points at no resource of block " block ": " c[6])
			if (c[8] !~ /^[0-9]+$/) bad("SU02 NumberOfStreams: " c[8])
		}
	}
	if (type == "FOOT") {
		if (c[2] != lines) bad("FOOT NumberOfLinesInFile " c[2] ", the file has " lines)
		if (c[4] != summaries) bad("FOOT NumberOfSummaryRecords " c[4] ", the file has " summaries)
		if (c[5] != blocks_here) bad("FOOT NumberOfBlocksInFile " c[5] ", the file has " blocks_here)
		foot_lines[files] = c[3]; foot_blocks[files] = c[6]; footed[files] = 1
	}
}
END {
	for (f = 1; f <= files; f++) {
		if (!footed[f]) { print "file " f ": no FOOT"; problems++; continue }
		if (foot_lines[f] != report_lines) {
			print "file " f ": FOOT NumberOfLinesInReport " foot_lines[f] ", the report has " report_lines
			problems++
		}
		if (foot_blocks[f] != report_blocks) {
			print "file " f ": FOOT NumberOfBlocksInReport " foot_blocks[f] ", the report has " report_blocks
			problems++
		}
	}
	if (problems) exit 1
	print "ok " files " files"
}

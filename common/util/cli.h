/*
 * cli.h - the one command-line skeleton of every 1d tool.
 *
 * A tool is a table of commands in the way of git's builtins: each
 * command has a name (NULL for what the tool does without a subcommand),
 * its own options, the operands it takes and a handler.  cli_main()
 * parses the command line against that table with getopt_long, so a
 * command accepts only its own options (and the tool's global ones),
 * names a missing required option, counts operands, and answers --help,
 * --version and the completion queries the same way in every tool.  The
 * usage text is made from the table, so the table, --help, the man
 * page's SYNOPSIS (tests/man.t) and the completions (tests/completions.t)
 * cannot disagree.
 *
 * Placeholders are one vocabulary: FILE (a file read or written), DIR,
 * PREFIX (the start of file names), MONTH (YYYY-MM), DAY (YYYY-MM-DD), N
 * (a count), NAME, ID, TEXT, LIST (comma-separated names), TZ, KEY (a key
 * file).  The completions offer files for FILE, KEY and PREFIX and
 * directories for DIR.
 */
#ifndef CLI_H
#define CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

enum cli_kind {
	CLI_FLAG,	/* no argument: *(int *)dest |= value */
	CLI_STRING,	/* *(const char **)dest = argument (the last one given wins) */
	CLI_COUNT,	/* *(int64_t *)dest = a non-negative integer, overflow checked */
	CLI_LIST,	/* appended to the struct cli_list at dest; may be repeated */
};

struct cli_option {
	const char *name;	/* long name, without "--" */
	int letter;		/* short letter, or 0 */
	enum cli_kind kind;
	const char *arg;	/* placeholder of the argument; NULL for a flag */
	void *dest;
	int value;		/* what a flag ors into *dest */
	int required;		/* a usage error when not given */
};

/* Every argument of a repeatable option, in order. */
struct cli_list {
	const char **v;
	size_t n;
};

struct cli_command {
	const char *name;	/* the subcommand, or NULL for the tool's default */
	const struct cli_option *options;	/* ends with a { NULL } entry */
	const char *operands;	/* as the usage shows them: "FILE ...", "[TRACK]" */
	int min_operands;
	int max_operands;	/* -1: any number */
	int (*run)(int argc, char **argv);	/* the operands; returns the exit status */
};

struct cli_tool {
	const struct cli_option *global;	/* options before any subcommand, or NULL */
	const struct cli_command *commands;	/* ends with a { NULL, NULL } entry */
};

/*
 * Parse argv against the tool's table and run the command it names;
 * returns the command's exit status.  -h/--help prints the usage of the
 * tool (or of the command, after its name) to stdout and exits 0; an
 * unknown option, a missing argument or required option, or a wrong
 * number of operands prints what is wrong and the usage to stderr and
 * exits with ERR_EXIT_USAGE.  Two hidden options serve the completions:
 * --list-commands prints the command names, and --list-options (after a
 * command's name) its options, one a line: "--name[=PLACEHOLDER][ -l]".
 */
int cli_main(const struct cli_tool *tool, int argc, char **argv);

/* A usage error from a handler: "prog: message", the usage, exit 2. */
noreturn void cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Progress goes to stderr only when it is a terminal or --progress was given. */
int cli_progress(int forced);

/*
 * Call fn on each operand, or once on "-" (standard input) when there are
 * none; returns the highest status fn returned.
 */
int cli_each_input(int argc, char **argv, int (*fn)(const char *path, void *ctx), void *ctx);

/*
 * Open an output (out.h) with a table writer on it, and commit it; an
 * I/O error ends the tool with ERR_EXIT_USAGE, naming the file.  Nothing
 * is committed once err_status() is ERR_EXIT_USAGE: a run that met an I/O
 * error leaves no output, while rejected rows (ERR_EXIT_DATA) still commit
 * the kept ones.
 */
struct out;
struct table_writer;
void cli_open_output(struct out *o, const char *path, struct table_writer *w, int flags);
void cli_commit_output(struct out *o);

#endif

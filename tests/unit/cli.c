/*
 * A toy tool on the command-line skeleton (common/util/cli.c), driven by
 * tests/unit-cli.t: it prints what the skeleton parsed, so the shell test
 * can check every path (global options, per-command options, required
 * options, counts, lists, operands, negative numbers, help and usage
 * errors) against what a user types.
 */
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"
#include "err.h"
#include "out.h"

static struct {
	int flags, force;
	const char *db, *month, *output;
	int64_t n;
	struct cli_list listens;
} opt = { .n = -1 };

static int
show(const char *cmd, int argc, char **argv)
{
	printf("%s flags=%d force=%d db=%s month=%s output=%s n=%" PRId64 " listens=", cmd,
	    opt.flags, opt.force, opt.db ? opt.db : "-", opt.month ? opt.month : "-",
	    opt.output ? opt.output : "-", opt.n);
	for (size_t i = 0; i < opt.listens.n; i++)
		printf("%s%s", i ? "," : "", opt.listens.v[i]);
	printf(" operands=");
	for (int i = 0; i < argc; i++)
		printf("[%s]", argv[i]);
	putchar('\n');
	return 0;
}

static int run_default(int argc, char **argv) { return show("default", argc, argv); }
static int run_sum(int argc, char **argv) { return show("sum", argc, argv); }
static int run_near(int argc, char **argv) { return show("near", argc, argv); }

/* write -o FILE WORD...: "io" raises the status to 2, "data" to 1, then -o is committed. */
static int
run_write(int argc, char **argv)
{
	struct out o;

	for (int i = 0; i < argc; i++)
		err_status_raise(argv[i][0] == 'i' ? ERR_EXIT_USAGE : ERR_EXIT_DATA);
	cli_open_output(&o, opt.output, NULL, 0);
	fputs("written\n", o.fp);
	cli_commit_output(&o);
	return ERR_EXIT_OK;
}

static const struct cli_option global[] = {
	{ "tsv", 't', CLI_FLAG, NULL, &opt.flags, 1, 0 },
	{ "database", 'd', CLI_STRING, "DB", &opt.db, 0, 0 },
	{ NULL },
};
static const struct cli_option default_options[] = {
	{ "verbose", 'v', CLI_FLAG, NULL, &opt.flags, 2, 0 },
	{ "month", 0, CLI_STRING, "MONTH", &opt.month, 0, 1 },
	{ "output", 'o', CLI_STRING, "FILE", &opt.output, 0, 0 },
	{ NULL },
};
static const struct cli_option sum_options[] = {
	{ "force", 0, CLI_FLAG, NULL, &opt.force, 1, 0 },
	{ "count", 'n', CLI_COUNT, "N", &opt.n, 0, 0 },
	{ "listens", 0, CLI_LIST, "FILE", &opt.listens, 0, 0 },
	{ NULL },
};
static const struct cli_option near_options[] = {
	{ "count", 'n', CLI_COUNT, "N", &opt.n, 0, 0 },
	{ NULL },
};
static const struct cli_option write_options[] = {
	{ "output", 'o', CLI_STRING, "FILE", &opt.output, 0, 1 },
	{ NULL },
};
static const struct cli_command commands[] = {
	{ NULL, default_options, "[FILE ...]", 0, -1, run_default },
	{ "sum", sum_options, "FILE ...", 1, -1, run_sum },
	{ "near", near_options, "LAT LON", 2, 2, run_near },
	{ "write", write_options, "[WORD ...]", 0, -1, run_write },
	{ NULL, NULL, NULL, 0, 0, NULL },
};

int
main(int argc, char **argv)
{
	static const struct cli_tool tool = { global, commands };

	return cli_main(&tool, argc, argv);
}

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "err.h"
#include "num.h"
#include "out.h"
#include "table.h"

#ifndef ONED_VERSION
#define ONED_VERSION "unknown"
#endif

/* Where a usage error prints the usage from: the command, or the whole tool. */
static const struct cli_tool *the_tool;
static const struct cli_command *the_command;

/* Option values outside any table: --help, --version and the completion queries. */
enum { OPT_HELP = 'h', OPT_VERSION = 256, OPT_LIST_COMMANDS, OPT_LIST_OPTIONS, OPT_FIRST };

static size_t
count_options(const struct cli_option *o)
{
	size_t n = 0;

	while (o && o[n].name)
		n++;
	return n;
}

/*
 * The usage line of one command, wrapped at 80 columns under the tool's
 * name: the global options, the command's name, its flags with letters
 * grouped, every other option in table order, then the operands.
 */
static void
put_word(FILE *fp, const char *word, size_t *col, size_t indent)
{
	size_t n = strlen(word);

	if (*col + 1 + n > 80 && *col > indent) {
		fprintf(fp, "\n%*s", (int)indent, "");
		*col = indent;
	} else if (*col > 0) {
		fputc(' ', fp);
		(*col)++;
	}
	fputs(word, fp);
	*col += n;
}

static void
put_options(FILE *fp, const struct cli_option *o, size_t *col, size_t indent)
{
	char word[256];
	size_t n = 0;

	/* Flags with a letter, grouped: [-tv]. */
	for (const struct cli_option *p = o; p && p->name; p++)
		if (p->kind == CLI_FLAG && p->letter && !p->required && n < 200)
			word[1 + n++] = (char)p->letter;
	if (n > 0) {
		word[0] = '[';
		word[1 + n] = '\0';
		memmove(word + 2, word + 1, n + 1);
		word[1] = '-';
		strcat(word, "]");
		put_word(fp, word, col, indent);
	}
	for (const struct cli_option *p = o; p && p->name; p++) {
		char spelt[64];

		if (p->kind == CLI_FLAG && p->letter && !p->required)
			continue;
		if (p->letter)
			snprintf(spelt, sizeof spelt, "-%c", p->letter);
		else
			snprintf(spelt, sizeof spelt, "--%s", p->name);
		snprintf(word, sizeof word, "%s%s%s%s%s%s", p->required ? "" : "[", spelt,
		    p->arg ? " " : "", p->arg ? p->arg : "", p->kind == CLI_LIST ? " ..." : "",
		    p->required ? "" : "]");
		put_word(fp, word, col, indent);
	}
}

static void
put_usage(FILE *fp, const struct cli_command *c, int first)
{
	const char *prog = err_prog();
	size_t indent = strlen("usage: ") + strlen(prog) + 1, col;

	fputs(first ? "usage:" : "      ", fp);
	col = strlen("usage:");
	put_word(fp, prog, &col, indent);
	/* put_word adds the space before a word; the first one starts the line. */
	put_options(fp, the_tool->global, &col, indent);
	if (c->name)
		put_word(fp, c->name, &col, indent);
	put_options(fp, c->options, &col, indent);
	if (c->operands && *c->operands)
		put_word(fp, c->operands, &col, indent);
	fputc('\n', fp);
}

static void
print_usage(FILE *fp, const struct cli_command *only)
{
	if (only) {
		put_usage(fp, only, 1);
		return;
	}
	for (const struct cli_command *c = the_tool->commands; c->run; c++)
		put_usage(fp, c, c == the_tool->commands);
}

/*
 * What cli_main builds for getopt, freed by whichever way the parse ends:
 * the command's return or a usage error's exit.
 */
static struct {
	char **args;
	struct option *longs;
	const struct cli_option **by_index;
	char *given, *shorts;
} parse;

static void
free_parse(void)
{
	free(parse.args);
	free(parse.longs);
	free(parse.by_index);
	free(parse.given);
	free(parse.shorts);
	memset(&parse, 0, sizeof parse);
}

static noreturn void
usage_exit(void)
{
	free_parse();
	print_usage(stderr, the_command);
	exit(ERR_EXIT_USAGE);
}

noreturn void
cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "%s: ", err_prog());
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	usage_exit();
}

/* "statements: " before a message about a named command, "" otherwise. */
static const char *
command_prefix(char *buf, size_t len)
{
	if (the_command && the_command->name)
		snprintf(buf, len, "%s: ", the_command->name);
	else
		buf[0] = '\0';
	return buf;
}

static const struct cli_command *
find_command(const char *name)
{
	for (const struct cli_command *c = the_tool->commands; c->run; c++)
		if (c->name && strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static const struct cli_command *
default_command(void)
{
	for (const struct cli_command *c = the_tool->commands; c->run; c++)
		if (c->name == NULL)
			return c;
	return NULL;
}

static const struct cli_option *
global_letter(int letter)
{
	for (const struct cli_option *p = the_tool->global; p && p->name; p++)
		if (p->letter == letter)
			return p;
	return NULL;
}

static const struct cli_option *
global_long(const char *arg)
{
	size_t n = strcspn(arg, "=");

	for (const struct cli_option *p = the_tool->global; p && p->name; p++)
		if (strlen(p->name) == n && strncmp(p->name, arg, n) == 0)
			return p;
	return NULL;
}

/*
 * The index in argv of the command's name: the first word after the
 * tool's global options (and their arguments), if it names a command;
 * 0 otherwise.
 */
static int
command_index(int argc, char **argv)
{
	int i = 1;

	while (i < argc && argv[i][0] == '-' && argv[i][1] != '\0') {
		const struct cli_option *p;

		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (argv[i][1] == '-') {
			if ((p = global_long(argv[i] + 2)) == NULL)
				break;
			i += (p->arg && strchr(argv[i], '=') == NULL) ? 2 : 1;
			continue;
		}
		for (const char *s = argv[i] + 1; *s; s++) {
			if ((p = global_letter(*s)) == NULL)
				return 0;
			if (p->arg) {
				if (s[1] == '\0')
					i++;
				break;
			}
		}
		i++;
	}
	return i < argc && find_command(argv[i]) ? i : 0;
}

static void
set_option(const struct cli_option *p, const char *arg)
{
	char pre[128];
	int64_t v;
	int rc;

	switch (p->kind) {
	case CLI_FLAG:
		*(int *)p->dest |= p->value ? p->value : 1;
		break;
	case CLI_STRING:
		*(const char **)p->dest = arg;
		break;
	case CLI_COUNT:
		if ((rc = num_parse_count_str(arg, &v)) != NUM_OK)
			cli_usage_error("%s--%s: %s: \"%s\"", command_prefix(pre, sizeof pre), p->name,
			    num_strerror(rc), arg);
		*(int64_t *)p->dest = v;
		break;
	case CLI_LIST: {
		struct cli_list *l = p->dest;

		l->v = err_realloc(l->v, (l->n + 1) * sizeof *l->v);
		l->v[l->n++] = arg;
		break;
	}
	}
}

/* An operand such as "-4.85" (a longitude west of Greenwich), not an option. */
static int
negative_number(const char *s)
{
	return s[0] == '-' && ((s[1] >= '0' && s[1] <= '9') || (s[1] == '.' && s[2] >= '0' && s[2] <= '9'));
}

static const struct cli_option *
option_named(const struct cli_option *const sets[2], const char *arg, int letter)
{
	size_t n = strcspn(arg, "=");

	for (int set = 0; set < 2; set++)
		for (const struct cli_option *p = sets[set]; p && p->name; p++)
			if (letter ? p->letter == letter : strlen(p->name) == n && strncmp(p->name, arg, n) == 0)
				return p;
	return NULL;
}

/*
 * Move every operand after a "--" when one of them looks like a negative
 * number, so that getopt does not take "-4.85" for options.  Which words
 * are option arguments is known from the table.
 */
static void
operands_last(const struct cli_option *const sets[2], int argc, char **args)
{
	char **opts = err_calloc((size_t)argc + 2, sizeof *opts), **ops = err_calloc((size_t)argc + 1, sizeof *ops);
	int nopts = 0, nops = 0, negative = 0, i;

	for (i = 1; i < argc; i++) {
		const struct cli_option *p;
		const char *a = args[i];

		if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++)
				ops[nops++] = args[i];
			break;
		}
		if (a[0] != '-' || a[1] == '\0' || negative_number(a)) {
			negative |= negative_number(a);
			ops[nops++] = args[i];
			continue;
		}
		opts[nopts++] = args[i];
		if (a[1] == '-') {
			if ((p = option_named(sets, a + 2, 0)) && p->arg && !strchr(a, '=') && i + 1 < argc)
				opts[nopts++] = args[++i];
			continue;
		}
		for (const char *l = a + 1; *l; l++)
			if ((p = option_named(sets, "", *l)) && p->arg) {
				if (l[1] == '\0' && i + 1 < argc)
					opts[nopts++] = args[++i];
				break;
			}
	}
	if (negative) {
		i = 1;
		for (int j = 0; j < nopts; j++)
			args[i++] = opts[j];
		args[i++] = "--";
		for (int j = 0; j < nops; j++)
			args[i++] = ops[j];
		args[i] = NULL;
	}
	free(opts);
	free(ops);
}

/* One line an option, "--name[=PLACEHOLDER][ -l]", for the completions. */
static void
list_options(const struct cli_option *o)
{
	for (const struct cli_option *p = o; p && p->name; p++) {
		printf("--%s%s%s", p->name, p->arg ? "=" : "", p->arg ? p->arg : "");
		if (p->letter)
			printf(" -%c", p->letter);
		putchar('\n');
	}
}


/*
 * The getopt tables of the global and the command's options, in parse:
 * longs (with --help, --version and the completion queries last),
 * shorts, and by_index from getopt's index to the option.  Returns the
 * number of table options.
 */
static size_t
build_tables(const struct cli_option *const sets[2])
{
	size_t n = count_options(sets[0]) + count_options(sets[1]), k = 0, s = 0;

	parse.longs = err_calloc(n + 5, sizeof *parse.longs);
	parse.by_index = err_calloc(n + 1, sizeof *parse.by_index);
	parse.given = err_calloc(n + 1, 1);
	parse.shorts = err_calloc(3 * n + 8, 1);
	parse.shorts[s++] = ':';
	parse.shorts[s++] = 'h';
	for (int set = 0; set < 2; set++)
		for (const struct cli_option *p = sets[set]; p && p->name; p++) {
			parse.longs[k] = (struct option){ p->name, p->arg ? required_argument : no_argument,
				NULL, OPT_FIRST + (int)k };
			parse.by_index[k++] = p;
			if (p->letter) {
				parse.shorts[s++] = (char)p->letter;
				if (p->arg)
					parse.shorts[s++] = ':';
			}
		}
	parse.longs[k] = (struct option){ "help", no_argument, NULL, OPT_HELP };
	parse.longs[k + 1] = (struct option){ "version", no_argument, NULL, OPT_VERSION };
	parse.longs[k + 2] = (struct option){ "list-commands", no_argument, NULL, OPT_LIST_COMMANDS };
	parse.longs[k + 3] = (struct option){ "list-options", no_argument, NULL, OPT_LIST_OPTIONS };
	return n;
}

/* --help, --version and the completion queries answer and exit. */
static noreturn void
answer(int c, int named)
{
	switch (c) {
	case OPT_HELP:
		print_usage(stdout, named ? the_command : NULL);
		break;
	case OPT_VERSION:
		printf("%s %s\n", err_prog(), ONED_VERSION);
		break;
	case OPT_LIST_COMMANDS:
		for (const struct cli_command *cmd = the_tool->commands; cmd->run; cmd++)
			if (cmd->name)
				puts(cmd->name);
		break;
	default:
		list_options(the_tool->global);
		list_options(the_command ? the_command->options : NULL);
	}
	free_parse();
	exit(ERR_EXIT_OK);
}

/* Parse the options of args[0..nargs) into their destinations; optind is left at the operands. */
static void
parse_options(int nargs, size_t n, int named)
{
	char pre[128];
	int c, index;

	opterr = 0;
	while ((c = getopt_long(nargs, parse.args, parse.shorts, parse.longs, &index)) != -1) {
		const char *bad = parse.args[optind - 1];

		switch (c) {
		case OPT_HELP:
		case OPT_VERSION:
		case OPT_LIST_COMMANDS:
		case OPT_LIST_OPTIONS:
			answer(c, named);
		case ':':
			cli_usage_error("%s%s: needs an argument", command_prefix(pre, sizeof pre),
			    optopt > 0 && optopt < 256 ? (char[]){ '-', (char)optopt, '\0' } : bad);
		case '?':
			if (optopt && optopt < OPT_VERSION)
				cli_usage_error("%s-%c: unknown option", command_prefix(pre, sizeof pre),
				    optopt);
			cli_usage_error("%s%.*s: unknown option", command_prefix(pre, sizeof pre),
			    (int)strcspn(bad, "="), bad);
		default:
			for (size_t i = 0; i < n; i++)
				if ((c >= OPT_FIRST && i == (size_t)(c - OPT_FIRST)) ||
				    (c < OPT_FIRST && parse.by_index[i]->letter == c)) {
					set_option(parse.by_index[i], optarg);
					parse.given[i] = 1;
					break;
				}
		}
	}
}

/* The command, its required options and its operands are all there. */
static void
check_complete(int nargs, size_t n)
{
	char pre[128];
	const struct cli_command *c = the_command;

	if (c == NULL) {
		if (optind < nargs)
			cli_usage_error("%s: unknown command", parse.args[optind]);
		cli_usage_error("no command given");
	}
	for (size_t i = 0; i < n; i++)
		if (parse.by_index[i]->required && !parse.given[i])
			cli_usage_error("%smissing --%s%s%s", command_prefix(pre, sizeof pre),
			    parse.by_index[i]->name, parse.by_index[i]->arg ? " " : "",
			    parse.by_index[i]->arg ? parse.by_index[i]->arg : "");
	if (nargs - optind < c->min_operands)
		cli_usage_error("%smissing operand%s%s", command_prefix(pre, sizeof pre),
		    c->operands ? " " : "", c->operands ? c->operands : "");
	if (c->max_operands >= 0 && nargs - optind > c->max_operands)
		cli_usage_error("%s%s: extra operand", command_prefix(pre, sizeof pre),
		    parse.args[optind + c->max_operands]);
}

int
cli_main(const struct cli_tool *tool, int argc, char **argv)
{
	const struct cli_option *sets[2];
	size_t n;
	int named, nargs, status;

	err_init(argv[0]);
	the_tool = tool;
	named = command_index(argc, argv);
	the_command = named ? find_command(argv[named]) : default_command();

	/* argv without the command's name, so that getopt sees one list. */
	parse.args = err_calloc((size_t)argc + 2, sizeof *parse.args);
	for (int i = 0, j = 0; i < argc; i++)
		if (i != named || named == 0)
			parse.args[j++] = argv[i];
	nargs = named ? argc - 1 : argc;
	sets[0] = tool->global;
	sets[1] = the_command ? the_command->options : NULL;
	operands_last(sets, nargs, parse.args);
	for (nargs = 0; parse.args[nargs]; nargs++)
		continue;
	n = build_tables(sets);
	parse_options(nargs, n, named);
	check_complete(nargs, n);
	status = the_command->run(nargs - optind, parse.args + optind);
	free_parse();
	return status > err_status() ? status : err_status();
}

int
cli_progress(int forced)
{
	return forced || isatty(STDERR_FILENO);
}

int
cli_each_input(int argc, char **argv, int (*fn)(const char *path, void *ctx), void *ctx)
{
	int status = ERR_EXIT_OK, rc;

	if (argc == 0)
		return fn("-", ctx);
	for (int i = 0; i < argc; i++)
		if ((rc = fn(argv[i], ctx)) > status)
			status = rc;
	return status;
}

void
cli_open_output(struct out *o, const char *path, struct table_writer *w, int flags)
{
	char err[512];

	if (out_open(o, path, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
	if (w)
		table_writer_init(w, o->fp, flags);
}

void
cli_commit_output(struct out *o)
{
	char err[512];

	/* After an I/O or usage error the output would be partial: none at all. */
	if (err_status() >= ERR_EXIT_USAGE) {
		out_abort(o);
		return;
	}
	if (out_commit(o, err, sizeof err) != 0)
		err_exit(ERR_EXIT_USAGE, "%s", err);
}

/*
 * Unit tests for common/util/spawn.c and file.c: running a program with
 * its output and errors where asked, its status, and removing a tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "spawn.h"
#include "tap.h"

static char dir[] = "/tmp/1d-unit-process.XXXXXX";

int
main(void)
{
	char out[256], log[256], path[256], *text;
	size_t n;
	struct stat st;

	plan(13);
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(out, sizeof out, "%s/out", dir);
	snprintf(log, sizeof log, "%s/log", dir);

	is_int(spawn_run((char *[]){ "sh", "-c", "echo to-out; echo to-err >&2; exit 3", NULL }, out, log), 3,
	    "the program's exit status");
	text = file_read(out, &n);
	is_str(text ? text : "", "to-out\n", "its output went to out");
	free(text);
	text = file_read(log, &n);
	is_str(text ? text : "", "to-err\n", "its errors to err");
	free(text);
	spawn_run((char *[]){ "sh", "-c", "echo again; echo more >&2", NULL }, log, log);
	text = file_read(log, &n);
	is_str(text ? text : "", "to-err\nagain\nmore\n", "one log for both is appended to, not replaced");
	free(text);
	is_int(spawn_run((char *[]){ "sh", "-c", "read x; echo \"[$x]\"", NULL }, out, NULL), 0,
	    "standard input is /dev/null");
	text = file_read(out, &n);
	is_str(text ? text : "", "[]\n", "so nothing is read from the caller's");
	free(text);
	is_int(spawn_run((char *[]){ "sh", "-c", "kill -TERM $$", NULL }, NULL, NULL), 128 + 15,
	    "a signal is 128 + its number");
	is_int(spawn_run((char *[]){ "1d-no-such-tool", NULL }, NULL, "/dev/null"), -1,
	    "a program that cannot be started is -1");

	snprintf(path, sizeof path, "%s/a/b/c", dir);
	snprintf(out, sizeof out, "%s/a", dir);
	mkdir(out, 0777);
	snprintf(out, sizeof out, "%s/a/b", dir);
	mkdir(out, 0777);
	mkdir(path, 0777);
	snprintf(out, sizeof out, "%s/a/b/c/file", dir);
	fclose(fopen(out, "w"));
	snprintf(out, sizeof out, "%s/a/link", dir);
	if (symlink(dir, out) != 0)
		return 1;
	snprintf(out, sizeof out, "%s/a", dir);
	is_int(file_remove_tree(out), 0, "a tree is removed");
	ok(stat(out, &st) != 0 && stat(dir, &st) == 0, "with its link, not what it points to");
	is_int(file_remove_tree(out), 0, "removing what is not there is not an error");
	{
		struct spawn_args a = { 0 };

		spawn_arg(&a, "sh");
		spawn_arg(&a, "-c");
		spawn_arg(&a, "exit %d", 7);
		ok(a.n == 3 && a.v[3] == NULL, "an argv is built word by word, NULL-terminated");
		is_int(spawn_run(a.v, NULL, NULL), 7, "and runs");
		spawn_args_free(&a);
	}
	file_remove_tree(dir);
	return done_testing();
}

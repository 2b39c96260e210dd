/*
 * Unit tests for common/domain/monthend.c: the config (%M, paths relative
 * to it, unknown, repeated and missing keys), the days check and the
 * previous month.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "monthend.h"
#include "tap.h"

static char dir[] = "/tmp/1d-unit-monthend.XXXXXX";

static const char *
config(const char *text)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/month-end.conf", dir);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

static const char good[] =
    "logs = logs/%M-*.csv.gz\nledger = ledger.csv\npolicy = /etc/coop/policy.conf\n"
    "catalog = catalog.db\nkey = keys/coop.pem\nout = months\ndrops = drops/%M\n";

int
main(void)
{
	struct monthend_config c;
	struct monthend_findings f = { 0 };
	char err[1024], want[1024], path[512], prev[8];
	long count[31];
	FILE *fp;

	plan(20);
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof path, "%s/logs", dir);
	mkdir(path, 0777);
	snprintf(path, sizeof path, "%s/logs/2026-10-b.csv.gz", dir);
	fclose(fopen(path, "w"));
	snprintf(path, sizeof path, "%s/logs/2026-10-a.csv.gz", dir);
	fclose(fopen(path, "w"));
	snprintf(path, sizeof path, "%s/logs/2026-09-a.csv.gz", dir);
	fclose(fopen(path, "w"));

	ok(monthend_config_load(config(good), "2026-10", &c, err, sizeof err) == 0, "a config is read");
	snprintf(want, sizeof want, "%s/drops/2026-10", dir);
	is_str(c.drops, want, "%%M is the month, a relative path is the config's directory's");
	is_str(c.policy, "/etc/coop/policy.conf", "an absolute path stays");
	is_int((long)c.nlogs, 2, "logs is a glob of the month's files");
	snprintf(want, sizeof want, "%s/logs/2026-10-a.csv.gz", dir);
	is_str(c.nlogs > 0 ? c.logs[0] : "", want, "in byte order");
	ok(c.maps == NULL && c.holders == NULL && c.balances == NULL, "optional keys may be absent");
	monthend_config_free(&c);

	fp = fopen(config(good), "a");
	fputs("sacem = 8.5\n", fp);
	fclose(fp);
	snprintf(path, sizeof path, "%s/month-end.conf", dir);
	ok(monthend_config_load(path, "2026-10", &c, err, sizeof err) == -1, "an unknown key is refused");
	snprintf(want, sizeof want, "%s:8: sacem: not a key of the month end's config", path);
	is_str(err, want, "naming its line");
	ok(monthend_config_load(config("logs = a\nlogs = b\n"), "2026-10", &c, err, sizeof err) == -1,
	    "a key given twice is refused");
	ok(strstr(err, ":2: logs: given again (first on line 1)") != NULL, "naming both lines");
	ok(monthend_config_load(config("logs = a\n"), "2026-10", &c, err, sizeof err) == -1,
	    "a required key missing is refused");
	ok(strstr(err, ": ledger: missing (required)") != NULL, "naming it");
	ok(monthend_config_load(config(good), "2026-13", &c, err, sizeof err) == -1, "a month 13 is refused");

	/* Days: 31 days of 100 rows, then holes and a thin day. */
	for (int d = 0; d < 31; d++)
		count[d] = 100;
	monthend_check_days("2026-10", count, 31, &f);
	is_int((long)f.n, 0, "a full month has no findings");
	count[14] = 0;
	count[20] = 9;
	count[21] = 10;
	monthend_check_days("2026-10", count, 31, &f);
	is_int((long)f.n, 2, "a day without rows and a day under a tenth of the median");
	is_str(f.n > 0 ? f.line[0] : "", "2026-10-15: no log rows", "the empty day");
	is_str(f.n > 1 ? f.line[1] : "", "2026-10-21: only 9 log rows (the month's median day has 100)",
	    "the thin day; 10 rows, a tenth exactly, is not flagged");
	monthend_findings_free(&f);

	monthend_previous("2026-10", prev);
	is_str(prev, "2026-09", "the month before October");
	monthend_previous("2026-01", prev);
	is_str(prev, "2025-12", "the month before January");
	monthend_previous("garbage", prev);
	is_str(prev, "0000-00", "no month before a bad one");
	file_remove_tree(dir);
	return done_testing();
}

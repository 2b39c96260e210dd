/* Unit tests for common/domain/transparency.c: the month on one page, whole. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "tap.h"
#include "transparency.h"

static char summary_path[] = "/tmp/1d-unit-tr-s.XXXXXX";
static char compare_path[] = "/tmp/1d-unit-tr-c.XXXXXX";

/* Three holders earning 30.00, 60.00 and 10.00: the top one holder got 60.0 %. */
static struct statement holders[] = {
	{ "A", NULL, 0, 0, 0, 0, 3000, 0, 3000, 0, NULL, 0, 0, NULL, 0, 0 },
	{ "B", NULL, 0, 0, 0, 0, 6000, 0, 6000, 0, NULL, 0, 0, NULL, 0, 0 },
	{ "C", NULL, 0, 0, 0, 0, 1000, 0, 0, 1000, NULL, 0, 0, NULL, 0, 0 },
};

int
main(void)
{
	struct statement_month m = { "2026-10", "cct", holders, 3, { [PAYOUT_FIXED] = 3000, [PAYOUT_FUND] = 1000,
	    [PAYOUT_OPERATIONS] = 2000, [PAYOUT_RND] = 1500, [PAYOUT_VARIABLE] = 7000 }, 14500, { 0 }, 0 };
	char err[512], *buf;
	size_t len;
	FILE *fp;

	close(mkstemp(summary_path));
	close(mkstemp(compare_path));
	plan(3);
	fixture_put(summary_path, "key,value\nbase,145.00\n");
	fixture_put(compare_path, "holder,cct,prorata\nA,60.00,50.00\nB,40.00,x\n");
	fp = open_memstream(&buf, &len);
	is_int(transparency_write(fp, &m, "EUR", summary_path, compare_path, err, sizeof err), 0, "written");
	fclose(fp);
	is_str(buf, "The month 2026-10 (model cct), amounts in EUR\n\n"
	    "From the month's summary:\n"
	    "  base                 145.00\n\n"
	    "Money shared: 145.00\n"
	    "  operations                 20.00\n"
	    "  research, develop.         15.00\n"
	    "  solidarity fund            10.00\n"
	    "  fixed part                 30.00\n"
	    "  variable part              70.00\n"
	    "  unallocated                 0.00\n\n"
	    "Rights holders: 3, paid 100.00 in all\n"
	    "  the top  1 % (1 holder) received 60.0 %\n"
	    "  the top 10 % (1 holder) received 60.0 %\n\n"
	    "The same month under every model (amounts to holders):\n"
	    "  cct                    100.00\n"
	    "  prorata                 50.00\n", "the page, with the summary and the comparison");
	free(buf);
	unlink(compare_path);
	fp = open_memstream(&buf, &len);
	is_int(transparency_write(fp, &m, "EUR", NULL, compare_path, err, sizeof err), -1,
	    "a missing comparison cannot be read");
	fclose(fp);
	free(buf);
	unlink(summary_path);
	return done_testing();
}

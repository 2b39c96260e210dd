/* Unit tests for common/domain/statement.c: settlement, balances, the checks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "statement.h"
#include "fixture.h"
#include "tap.h"

static char payouts[] = "/tmp/1d-unit-statement-p.XXXXXX";
static char balances[] = "/tmp/1d-unit-statement-b.XXXXXX";
static char summary[] = "/tmp/1d-unit-statement-s.XXXXXX";

static const char month_text[] =
    "month,model,holder,part,track,listens,weight,amount\n"
    "2026-10,cct,,fund,,0,1000,5.00\n"
    "2026-10,cct,B,variable,T2,3,300,6.00\n"
    "2026-10,cct,B,fixed,T2,3,1,1.50\n"
    "2026-10,cct,A,fixed,T1,0,1,2.00\n"
    "2026-10,cct,B,fixed,T1,0,1,0.50\n"
    "2026-10,cct,D,rnd,,0,1,4.00\n";

int
main(void)
{
	struct statement_month m;
	char err[512];

	close(mkstemp(payouts));
	close(mkstemp(balances));
	close(mkstemp(summary));
	plan(30);
	fixture_put(payouts, month_text);
	fixture_put(balances, "holder,balance\nA,3.00\nB,2.50\nC,-1.00\n");

	/*
	 * A earns 2.00 and brings 3.00: 5.00, under 10.00, is carried.  B earns
	 * 0.50 + 1.50 + 6.00 = 8.00 and brings 2.50: 10.50 is paid.  C only
	 * brings -1.00: carried.  D earns 4.00 of another part: carried.
	 */
	is_int(statement_month(&m, payouts, balances, "2026-10", 0, 1000, fixture_report), 0, "October settles");
	is_str(fixture_said, "", "without a complaint");
	is_int(m.n, 4, "four holders, from payouts and balances");
	ok(strcmp(m.s[0].holder, "A") == 0 && strcmp(m.s[3].holder, "D") == 0, "sorted by holder");
	ok(m.s[0].earned == 200 && m.s[0].brought == 300 && m.s[0].paid == 0 && m.s[0].carried == 500,
	    "A: 2.00 + 3.00 carried under the minimum");
	ok(m.s[1].earned == 800 && m.s[1].brought == 250 && m.s[1].paid == 1050 && m.s[1].carried == 0,
	    "B: 8.00 + 2.50 paid");
	ok(m.s[2].earned == 0 && m.s[2].paid == 0 && m.s[2].carried == -100, "C: a negative balance is carried");
	ok(m.s[3].other == 400 && m.s[3].ntitles == 0 && m.s[3].carried == 400, "D: another part, no title");
	is_int(m.s[1].ntitles, 2, "B has two titles");
	is_str(m.s[1].titles[0].track, "T1", "sorted by track");
	ok(m.s[1].titles[1].fixed == 150 && m.s[1].titles[1].variable == 600 &&
	    m.s[1].titles[1].listens == 3 && m.s[1].titles[1].weight == 300, "T2: fixed, variable, listens, weight");
	ok(m.s[1].fixed == 200 && m.s[1].variable == 600, "B's fixed and variable totals");
	ok(m.parts[PAYOUT_FUND] == 500 && m.parts[PAYOUT_FIXED] == 400 && m.parts[PAYOUT_VARIABLE] == 600 &&
	    m.parts[PAYOUT_RND] == 400 && m.parts[PAYOUT_UNALLOCATED] == 0, "the parts");
	is_int(m.total, 1900, "the month's base");
	is_str(m.model, "cct", "the model");

	/* The summary must match the payouts: rnd is 4.00, not 3.99. */
	fixture_put(summary, "key,value\nmonth,2026-10\nbase,19.00\nfund,5.00\nrnd,3.99\n");
	is_int(statement_check_summary(&m, summary, 0, fixture_report, err, sizeof err), 1, "a wrong summary");
	is_str(fixture_said, "5:rnd:3.99 in the summary, 4.00 in the payouts|", "names its line and key");
	fixture_put(summary, "key,value\nbase,19.00\nvariable,6.00\n");
	is_int(statement_check_summary(&m, summary, 0, fixture_report, err, sizeof err), 0, "a right summary");
	fixture_put(summary, "k,v\n");
	is_int(statement_check_summary(&m, summary, 0, fixture_report, err, sizeof err), -1, "a summary without columns");
	statement_month_free(&m);

	/* Without a minimum every positive due is paid; without balances nothing is brought. */
	fixture_said[0] = '\0';
	is_int(statement_month(&m, payouts, NULL, NULL, 0, 0, fixture_report), 0, "no balances, month from the lines");
	is_str(m.month, "2026-10", "the month of the first line");
	ok(m.s[0].paid == 200 && m.s[1].paid == 800 && m.s[2].paid == 400, "all paid");
	statement_month_free(&m);

	/* What does not add up is refused, each fault named. */
	fixture_put(payouts, "month,model,holder,part,track,listens,weight,amount\n"
	    "2026-10,cct,A,fixed,T1,0,1,2.00\n"
	    "2026-11,cct,A,fixed,T2,0,1,2.00\n"
	    "2026-10,prorata,A,fixed,T3,0,1,2.00\n"
	    "2026-10,cct,A,fixed,T1,0,1,0.00\n"
	    "2026-10,cct,A,fixed,T4,zero,1,1.00\n");
	fixture_put(balances, "holder,balance\nA,1.00\nA,1.00\n,2.00\n");
	fixture_said[0] = '\0';
	is_int(statement_month(&m, payouts, balances, "2026-10", 0, 0, fixture_report), -1, "bad lines are refused");
	is_int(fixture_count(), 6, "six faults");
	ok(strstr(fixture_said, "3:month:a line of 2026-11 in the statements of 2026-10|") != NULL, "the month");
	ok(strstr(fixture_said, "4:model:\"prorata\" after \"cct\": one model per statement run|") != NULL, "the model");
	ok(strstr(fixture_said, "5:track:a second fixed line for T1 of A|") != NULL, "the second fixed line");
	ok(strstr(fixture_said, "6:listens:not a non-negative integer: \"zero\"|") != NULL, "the listens");
	ok(strstr(fixture_said, "3:holder:\"A\" has two balances|") != NULL &&
	    strstr(fixture_said, "4:holder:empty|") != NULL, "two balances, an empty holder");
	statement_month_free(&m);
	unlink(payouts);
	fixture_said[0] = '\0';
	is_int(statement_month(&m, payouts, NULL, "2026-10", 0, 0, fixture_report), -2, "a missing file cannot be read");
	statement_month_free(&m);
	unlink(balances);
	unlink(summary);
	return done_testing();
}

/* Unit tests for common/domain/payout.c: the parts, the models and the one payouts reader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "payout.h"
#include "tap.h"

static char path[] = "/tmp/1d-unit-payout.XXXXXX";

static struct payout_reader *
open_text(const char *text, char *err, size_t n)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
	err[0] = '\0';
	return payout_open(path, 0, err, n);
}

int
main(void)
{
	struct payout_reader *r;
	struct payout_line l;
	const char *field;
	char err[512], want[600];
	int rc;

	close(mkstemp(path));
	plan(29);
	is_int(payout_part_parse("rnd"), PAYOUT_RND, "rnd is a part");
	is_int(payout_part_parse("bonus"), -1, "bonus is not");
	ok(payout_part_is_holder(PAYOUT_VARIABLE) && !payout_part_is_holder(PAYOUT_FUND),
	    "variable is paid to a holder, the fund is not");
	is_int(payout_model_parse("artist-centric"), PAYOUT_MODEL_ARTIST_CENTRIC, "a model by name");

	/* Columns in any order; every field checked; a bad line does not end the stream. */
	r = open_text("amount,weight,listens,track,part,holder,model,month,extra\n"
	    "14.55,4000,4,T1,variable,A Label,cct,2026-10,x\n"
	    "1.00,0,0,,fund,,cct,2026-1,\n"
	    "1.00,0,0,,fund,,cct,0000000000000000000000000000000000000000000000000000000000000000000000,\n"
	    "1.00,0,0,,bonus,,cct,2026-10,\n"
	    "1.005,0,0,,fund,,cct,2026-10,\n"
	    "1.00,0,-1,,fund,,cct,2026-10,\n"
	    "1.00,x,0,,fund,,cct,2026-10,\n"
	    "-3.10,1000,0,,unallocated,,cct,2026-10,\n", err, sizeof err);
	ok(r != NULL, "a payouts stream opens");
	is_int(payout_next(r, &l, &field, err, sizeof err), 1, "line 2 is good");
	is_str(l.month, "2026-10", "its month");
	is_str(l.holder, "A Label", "its holder");
	is_int(l.part, PAYOUT_VARIABLE, "its part");
	ok(l.listens == 4 && l.weight == 4000 && l.amount == 1455, "its listens, weight and cents");

	rc = payout_next(r, &l, &field, err, sizeof err);
	ok(rc == -1 && strcmp(field, "month") == 0, "line 3: a short month is a bad month");
	is_int(payout_lineno(r), 3, "on line 3");
	rc = payout_next(r, &l, &field, err, sizeof err);
	ok(rc == -1 && strcmp(field, "month") == 0, "line 4: a 70-digit month is a bad month");
	ok(strncmp(err, "not a month (YYYY-MM): \"0000", 28) == 0, "and says so: %s", err);
	rc = payout_next(r, &l, &field, err, sizeof err);
	ok(rc == -1 && strcmp(field, "part") == 0, "line 5: an unknown part");
	is_str(err, "not a payout part: \"bonus\"", "named");
	rc = payout_next(r, &l, &field, err, sizeof err);
	ok(rc == -1 && strcmp(field, "amount") == 0, "line 6: three decimals are not an amount");
	rc = payout_next(r, &l, &field, err, sizeof err);
	ok(rc == -1 && strcmp(field, "listens") == 0, "line 7: negative listens");
	rc = payout_next(r, &l, &field, err, sizeof err);
	ok(rc == -1 && strcmp(field, "weight") == 0, "line 8: a weight that is not a count");
	is_int(payout_lineno(r), 8, "on line 8");
	is_int(payout_next(r, &l, &field, err, sizeof err), 1, "line 9 is read after the bad ones");
	ok(l.amount == -310 && l.part == PAYOUT_UNALLOCATED && *l.holder == '\0',
	    "a negative unallocated line without a holder");
	is_int(payout_next(r, &l, &field, err, sizeof err), 0, "then the end");
	payout_close(r);

	r = open_text("month,model,holder,part,track,listens,amount\n", err, sizeof err);
	ok(r == NULL, "a stream without a weight column is refused");
	snprintf(want, sizeof want, "%s:1: weight: no such column", path);
	is_str(err, want, "naming the column");
	r = open_text("month,model,holder,part,track,listens,weight,amount\n", err, sizeof err);
	is_int(payout_next(r, &l, &field, err, sizeof err), 0, "a header alone is an empty stream");
	payout_close(r);
	unlink(path);
	ok(payout_open(path, 0, err, sizeof err) == NULL, "a missing file is refused");
	ok(strstr(err, path) != NULL, "naming it");
	payout_close(NULL);
	ok(1, "payout_close(NULL) does nothing");
	return done_testing();
}

/* Unit tests for common/domain/dsr.c: a distributor's sales report, whole. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dsr.h"
#include "fixture.h"
#include "tap.h"

static char catalog_path[] = "/tmp/1d-unit-dsr-c.XXXXXX";
static char payouts_path[] = "/tmp/1d-unit-dsr-p.XXXXXX";

int
main(void)
{
	struct catalog *cat;
	struct dsr d;
	char err[512], *buf;
	size_t len;
	FILE *fp;

	close(mkstemp(catalog_path));
	close(mkstemp(payouts_path));
	plan(8);
	fixture_put(catalog_path, "track,title,artists,holder,distributor,isrc,upc,status\n"
	    "T1,One,Art,H,Believe,ISRC1,UPC1,active\n"
	    "T2,Two,Art,H,Believe,ISRC2,UPC1,active\n"
	    "T3,Three,Other,K,IDOL,,,active\n");
	cat = catalog_load(catalog_path, 0, err, sizeof err);
	ok(cat != NULL, "the catalogue loads");

	/*
	 * February: T1 has 2 listens and 1.00 + 2.50; T2 a zero line, left out;
	 * T3 is IDOL's.  The period ends on the 28th.
	 */
	fixture_put(payouts_path, "month,model,holder,part,track,listens,weight,amount\n"
	    "2026-02,cct,,fund,,0,1000,9.00\n"
	    "2026-02,cct,H,fixed,T1,2,1,1.00\n"
	    "2026-02,cct,H,variable,T1,2,2000,2.50\n"
	    "2026-02,cct,H,fixed,T2,0,1,0.00\n"
	    "2026-02,cct,K,fixed,T3,7,1,5.00\n");
	is_int(dsr_read(&d, payouts_path, cat, "Believe", fixture_report, err, sizeof err), 0, "the payouts are read");
	fp = open_memstream(&buf, &len);
	dsr_write(&d, fp, "EUR");
	fclose(fp);
	is_str(buf, "HEAD\t1d-dsr/1\t1D-2026-02-Believe\t2026-02-28T23:59:59Z\t2026-02-01\t2026-02-28\tBelieve\tEUR\n"
	    "SY01\t1\t2\t3.50\n"
	    "AS01\tISRC1\tT1\tOne\tArt\tUPC1\t2\t3.50\tEUR\n"
	    "FOOT\t4\t1\n", "Believe's report");
	free(buf);
	dsr_free(&d);

	fixture_put(payouts_path, "month,model,holder,part,track,listens,weight,amount\n"
	    "2026-02,cct,H,fixed,T1,2,1,1.001\n"
	    "2026-02-01,cct,H,fixed,T2,2,1,1.00\n");
	is_int(dsr_read(&d, payouts_path, cat, "Believe", fixture_report, err, sizeof err), -1, "bad lines");
	is_str(fixture_said, "2:amount:not an amount: \"1.001\"|3:month:not a month (YYYY-MM): \"2026-02-01\"|",
	    "each named with its line and field");
	dsr_free(&d);
	fixture_said[0] = '\0';
	fixture_put(payouts_path, "month,model,holder,part,track,listens,weight,amount\n");
	is_int(dsr_read(&d, payouts_path, cat, "Believe", fixture_report, err, sizeof err), -1, "no line");
	is_str(fixture_said, "0::no payout line with a month|", "says there is no month");
	dsr_free(&d);
	unlink(payouts_path);
	is_int(dsr_read(&d, payouts_path, cat, "Believe", fixture_report, err, sizeof err), -2, "a missing file");
	dsr_free(&d);
	catalog_free(cat);
	unlink(catalog_path);
	return done_testing();
}

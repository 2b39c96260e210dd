/*
 * Unit tests for common/domain/dsr.c: a distributor's DDEX DSR report,
 * whole, written by hand from BasicAudioProfile 1.2 (the cell lists of
 * its XML schema) and DSR Part 1 (escaping, file names, FOOT counts).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dsr.h"
#include "fixture.h"
#include "tap.h"

static char catalog_path[] = "/tmp/1d-unit-dsr-c.XXXXXX";
static char payouts_path[] = "/tmp/1d-unit-dsr-p.XXXXXX";
static char parties_path[] = "/tmp/1d-unit-dsr-d.XXXXXX";

/* Eleven empty cells: AS02.02's optional work cells 12 to 22. */
#define NO_WORK "\t\t\t\t\t\t\t\t\t\t\t"

int
main(void)
{
	struct dsr_parties parties;
	const struct dsr_party *believe;
	struct dsr_sender s = { "PADPIDA2026000001X", "1Dtouch", "FR", "EUR" };
	struct dsr_files files;
	struct catalog *cat;
	struct dsr d;
	char err[512];

	close(mkstemp(catalog_path));
	close(mkstemp(payouts_path));
	close(mkstemp(parties_path));
	plan(23);

	ok(dsr_dpid_valid("PADPIDA2026000001X"), "a DPID");
	ok(!dsr_dpid_valid("PADPIDA2026000001") && !dsr_dpid_valid("PA-DPIDA-2026000001") &&
	    !dsr_dpid_valid("XADPIDA2026000001X") && !dsr_dpid_valid("PADPIDa2026000001X") &&
	    !dsr_dpid_valid("PADPIDB2026000001X"), "not DPIDs");
	ok(dsr_name_element_valid("1D-touch.fr"), "a file name element");
	ok(!dsr_name_element_valid("1D touch") && !dsr_name_element_valid("1D_touch") &&
	    !dsr_name_element_valid(""), "not file name elements: a space, an underscore, nothing");

	fixture_put(parties_path, "distributor,name,dpid\nBelieve,Believe Digital,PADPIDA2009000001B\n"
	    "IDOL,IDOL,PADPIDA2010000002I\n");
	is_int(dsr_parties_load(&parties, parties_path, err, sizeof err), 0, "the distributors load");
	believe = dsr_parties_find(&parties, "BELIEVE");
	ok(believe != NULL && strcmp(believe->name, "Believe Digital") == 0, "found without regard to case");
	ok(dsr_parties_find(&parties, "Believ") == NULL, "a prefix is not a distributor");

	fixture_put(catalog_path, "track,title,artists,holder,distributor,isrc,upc,status,release_title,label,"
	    "duration_ms\n"
	    "T1,One,Art,H,Believe,ISRC1,UPC1,active,Rel,Lab,61000\n"
	    "T2,\"Two\tx|y\\z\",Art,H,believe,ISRC2,,active,,,\n"
	    "T3,Three,Other,K,IDOL,,,active,,,\n"
	    "T4,Four,Art,H,BELIEVE,,UPC9,active,,Lab,\n");
	cat = catalog_load(catalog_path, 0, err, sizeof err);
	ok(cat != NULL, "the catalogue loads");

	/*
	 * February: the month's lines add up to 9.00 + 1.00 + 2.50 + 0.50 +
	 * 5.00 + 0.25 = 18.25 and its titles have 2 + 1 + 7 + 0 = 10
	 * listens (fixed and variable lines of T1 carry the same 2).
	 * Believe's (any case): T1 2 listens, 3.50; T2 1 listen, 0.50; T4
	 * none, 0.25 of fixed part: 3 listens, 4.25.  T4 has no usage, so no
	 * block; T2 has no UPC, so its block has no RE01.
	 */
	fixture_put(payouts_path, "month,model,holder,part,track,listens,weight,amount\n"
	    "2026-02,cct,,fund,,0,1000,9.00\n"
	    "2026-02,cct,H,fixed,T1,2,1,1.00\n"
	    "2026-02,cct,H,variable,T1,2,2000,2.50\n"
	    "2026-02,cct,H,fixed,T2,1,1,0.50\n"
	    "2026-02,cct,K,fixed,T3,7,1,5.00\n"
	    "2026-02,cct,H,fixed,T4,0,1,0.25\n");
	is_int(dsr_read(&d, payouts_path, cat, fixture_report, err, sizeof err), 0, "the payouts are read");
	is_int(dsr_render(&d, believe, &s, DSR_MAX_BYTES, &files, err, sizeof err), 0, "Believe's report");
	is_int((int)files.n, 1, "in one file");
	is_str(files.v[0].name, "DSR_PADPIDA2009000001B_PADPIDA2026000001X_1Dtouch_2026-02_FR_1of1_"
	    "20260228T235959.tsv", "named recipient, sender, service, period, territory, x of y, time");
	is_str(files.v[0].data,
	    "HEAD\tdsrf/1.3/1.2/1.3\tBasicAudioProfile\t1.2\t1d-2026-02-PADPIDA2009000001B\t"
	    "2026-02-28T23:59:59Z\t1\t1\t2026-02-01\t2026-02-28\tPADPIDA2026000001X\t1Dtouch\t1Dtouch\t"
	    "PADPIDA2009000001B\tBelieve Digital\tLab\n"
	    "SY02.02\t1\t\t\tSubscriptionModel\tOnDemandStream\tFR\t1Dtouch\t10\t\tEUR\t18.25\t"
	    "Believe Digital\t\t3\t4.25\t4.25\t\tMusic\t\t\t\n"
	    "RE01\t1\tR1\tUPC1\t\t\tUPC1\tArt\t\tRel\t\t\tLab\t\tBelieve Digital\n"
	    "AS02.02\t1\tA1\tT1\tISRC1\tOne\t\tArt\t\tPT1M1S\tSoundRecording" NO_WORK "\n"
	    "SU02\t1\t1\t1-A1\t\tA1\ttrue\t2\t\t\n"
	    "AS02.02\t2\tA1\tT2\tISRC2\tTwo\\\tx\\\\|y\\\\\\z\t\tArt\t\t\tSoundRecording" NO_WORK "\n"
	    "SU02\t2\t1\t2-A1\t\tA1\ttrue\t1\t\t\n"
	    "FOOT\t8\t8\t1\t2\t2\n", "HEAD, SY02.02, two blocks, FOOT; a tab, a pipe and a backslash escaped");
	dsr_files_free(&files);

	/* A limit below HEAD + SY02.02 + the first block + FOOT. */
	is_int(dsr_render(&d, believe, &s, 300, &files, err, sizeof err), -1, "a block larger than the limit");
	ok(strncmp(err, "block 1 takes ", 14) == 0, "says which block: %s", err);
	dsr_free(&d);

	fixture_said[0] = '\0';
	fixture_put(payouts_path, "month,model,holder,part,track,listens,weight,amount\n"
	    "2026-02,cct,H,fixed,T1,2,1,1.001\n"
	    "2026-02-01,cct,H,fixed,T2,2,1,1.00\n");
	is_int(dsr_read(&d, payouts_path, cat, fixture_report, err, sizeof err), -1, "bad lines");
	is_str(fixture_said, "2:amount:not an amount: \"1.001\"|3:month:not a month (YYYY-MM): \"2026-02-01\"|",
	    "each named with its line and field");
	dsr_free(&d);
	fixture_said[0] = '\0';
	fixture_put(payouts_path, "month,model,holder,part,track,listens,weight,amount\n"
	    "2026-02,cct,H,fixed,T1,2,1,92233720368547758.07\n"
	    "2026-02,cct,H,fixed,T3,2,1,0.01\n");
	is_int(dsr_read(&d, payouts_path, cat, fixture_report, err, sizeof err), -1, "a sum that overflows");
	is_str(fixture_said, "3:amount:the month's sum overflows|", "is an error, not a wrapped sum");
	dsr_free(&d);
	fixture_said[0] = '\0';
	fixture_put(payouts_path, "month,model,holder,part,track,listens,weight,amount\n");
	is_int(dsr_read(&d, payouts_path, cat, fixture_report, err, sizeof err), -1, "no line");
	is_str(fixture_said, "0::no payout line with a month|", "says there is no month");
	dsr_free(&d);
	unlink(payouts_path);
	is_int(dsr_read(&d, payouts_path, cat, fixture_report, err, sizeof err), -2, "a missing file");
	dsr_free(&d);
	dsr_parties_free(&parties);

	fixture_put(parties_path, "distributor,name,dpid\nBelieve,Believe Digital,PADPIDA2009000001B\n"
	    "believe,Again,PADPIDA2009000001C\n");
	ok(dsr_parties_load(&parties, parties_path, err, sizeof err) == -1 && strstr(err, ":3: distributor: "
	    "given twice (without regard to case): \"believe\"") != NULL, "a distributor twice: %s", err);
	dsr_parties_free(&parties);
	catalog_free(cat);
	unlink(catalog_path);
	unlink(parties_path);
	return done_testing();
}

/* Unit tests for common/domain/statement_doc.c: each document of a small month, whole. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "statement_doc.h"
#include "fixture.h"
#include "tap.h"

static char catalog_path[] = "/tmp/1d-unit-doc-c.XXXXXX";
static char holders_path[] = "/tmp/1d-unit-doc-h.XXXXXX";

/* What a writer of a FILE wrote, as a string to free. */
static char *
captured(FILE *fp, char **buf)
{
	fclose(fp);
	return *buf;
}

static struct statement_title titles[] = {
	{ "T1", 4, 4000, 100, 300, 1, 1 },
	{ "T9", 0, 0, 50, 0, 1, 0 },
};
static struct statement holders[] = {
	{ "elodie u", NULL, 0, 0, 0, 0, 1200, 0, 1200, 0, NULL, 0, 0, NULL, 0, 0 },
	{ "\xc3\x89lodie \xc3\x9c", titles, 2, 150, 300, 25, 475, 0, 0, 475, NULL, 0, 0, NULL, 0, 0 },
	{ "Small", NULL, 0, 0, 0, 0, 0, -100, 0, -100, NULL, 0, 0, NULL, 0, 0 },
};

static const char how_shared[] =
    "How the month was shared (model cct).\n"
    "After VAT and the collecting society's share, 11.70 EUR came in this month.\n"
    "Operations 2.00, research and development 1.50 and the solidarity fund 1.00\n"
    "were set aside by the cooperative's keys. The fixed part, 3.00, was shared\n"
    "among rights holders by their active titles; the variable part, 4.00, by\n"
    "qualified listens, titles released less than 36 months ago weighing 1.50 times\n"
    "as much. 0.20 could not be allocated and is kept on its own line.";

int
main(void)
{
	struct statement_month m = { "2026-10", "cct", holders, 3, { [PAYOUT_FIXED] = 300, [PAYOUT_FUND] = 100, [PAYOUT_OPERATIONS] = 200,
	    [PAYOUT_RND] = 150, [PAYOUT_UNALLOCATED] = 20, [PAYOUT_VARIABLE] = 400 }, 1170, { 0 }, 0 };
	struct policy policy;
	struct statement_doc d = { &m, NULL, &policy, NULL, 0 };
	struct table_writer w;
	char err[512], stem[200], *buf, want[4096];
	size_t len;
	FILE *fp;

	close(mkstemp(catalog_path));
	close(mkstemp(holders_path));
	plan(12);
	policy_defaults(&policy);
	fixture_put(catalog_path, "track,title,artists,holder,distributor,isrc,upc,status\n"
	    "T1,\xc3\x89t\xc3\xa9,\"A, B\",x,Believe,FRZ010000001,3610000000001,active\n");
	d.cat = catalog_load(catalog_path, 0, err, sizeof err);
	ok(d.cat != NULL, "the catalogue loads");
	fixture_put(holders_path, "holder,name\n\xc3\x89lodie \xc3\x9c,\xc3\x89lodie & Co\nSmall,\n");
	is_int(statement_doc_load_names(&d, holders_path, 0, err, sizeof err), 0, "the names load");
	is_str(statement_doc_name(&d, "Small"), "Small", "an empty name is the holder");

	/* Both slugs are "elodie-u": each gets the start of its name's SHA-256. */
	statement_doc_stem(&d, 0, stem, sizeof stem);
	is_str(stem, "elodie-u-88ea1f1d", "a clashing stem");
	statement_doc_stem(&d, 1, stem, sizeof stem);
	is_str(stem, "elodie-u-7b64a186", "accents dropped, then the clash resolved");
	statement_doc_stem(&d, 2, stem, sizeof stem);
	is_str(stem, "small", "a plain stem");

	fp = open_memstream(&buf, &len);
	table_writer_init(&w, fp, 0);
	statement_doc_csv(&d, &holders[1], &w);
	is_str(captured(fp, &buf),
	    "month,model,holder,kind,track,title,artists,listens,weight,fixed,variable,amount\n"
	    "2026-10,cct,\xc3\x89lodie \xc3\x9c,title,T1,\xc3\x89t\xc3\xa9,\"A, B\",4,4000,1.00,3.00,4.00\n"
	    "2026-10,cct,\xc3\x89lodie \xc3\x9c,title,T9,,,0,0,0.50,0.00,0.50\n"
	    "2026-10,cct,\xc3\x89lodie \xc3\x9c,other_parts,,,,,,,,0.25\n"
	    "2026-10,cct,\xc3\x89lodie \xc3\x9c,total,,,,,,1.50,3.00,4.75\n"
	    "2026-10,cct,\xc3\x89lodie \xc3\x9c,brought_forward,,,,,,,,0.00\n"
	    "2026-10,cct,\xc3\x89lodie \xc3\x9c,paid,,,,,,,,0.00\n"
	    "2026-10,cct,\xc3\x89lodie \xc3\x9c,carried_forward,,,,,,,,4.75\n", "the CSV statement");
	free(buf);

	fp = open_memstream(&buf, &len);
	statement_doc_text(&d, &holders[1], fp);
	snprintf(want, sizeof want, "%s%s\n",
	    "Statement for \xc3\x89lodie & Co, 2026-10\n\n"
	    "Title                                    Listens      Fixed   Variable      Total\n"
	    "\xc3\x89t\xc3\xa9 (T1)                                       4       1.00       3.00       4.00\n"
	    "T9 (T9)                                        0       0.50       0.00       0.50\n"
	    "Total                                          4       1.50       3.00       4.50\n\n"
	    "Other parts                                                                   0.25\n"
	    "Earned this month                                                             4.75\n"
	    "Brought forward                                                               0.00\n"
	    "Paid                                                                          0.00\n"
	    "Carried forward                                                               4.75\n\n"
	    "Below the minimum payout of 10.00 EUR, the amount is carried to next month.\n\n"
	    "Amounts in EUR.\n\n", how_shared);
	is_str(captured(fp, &buf), want, "the text statement, padded by characters");
	free(buf);

	fp = open_memstream(&buf, &len);
	statement_doc_html(&d, &holders[1], fp);
	snprintf(want, sizeof want, "%s<h2>How the month was shared (model cct).</h2>\n<p>%s</p>\n</body>\n</html>\n",
	    "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<title>\xc3\x89lodie &amp; Co 2026-10</title>\n<style>\n"
	    "body { font-family: sans-serif; max-width: 50em; margin: 2em auto; color: #222; }\n"
	    "table { border-collapse: collapse; width: 100%; }\n"
	    "th, td { padding: .3em .6em; border-bottom: 1px solid #ccc; text-align: left; }\n"
	    "td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }\n"
	    "tr.total td { font-weight: bold; border-top: 2px solid #222; }\n"
	    "@media print { body { margin: 0; } }\n</style>\n</head>\n<body>\n"
	    "<h1>\xc3\x89lodie &amp; Co</h1>\n<p>Statement for 2026-10, model cct, amounts in EUR.</p>\n"
	    "<table>\n<tr><th>Title</th><th>Artists</th><th class=\"n\">Listens</th>"
	    "<th class=\"n\">Fixed</th><th class=\"n\">Variable</th><th class=\"n\">Total</th></tr>\n"
	    "<tr><td>\xc3\x89t\xc3\xa9</td><td>A, B</td><td class=\"n\">4</td><td class=\"n\">1.00</td>"
	    "<td class=\"n\">3.00</td><td class=\"n\">4.00</td></tr>\n"
	    "<tr><td>T9</td><td></td><td class=\"n\">0</td><td class=\"n\">0.50</td>"
	    "<td class=\"n\">0.00</td><td class=\"n\">0.50</td></tr>\n"
	    "<tr class=\"total\"><td colspan=\"3\">Total</td><td class=\"n\">1.50</td>"
	    "<td class=\"n\">3.00</td><td class=\"n\">4.50</td></tr>\n</table>\n"
	    "<table>\n<tr><td>Earned this month</td><td class=\"n\">4.75</td></tr>\n"
	    "<tr><td>Brought forward</td><td class=\"n\">0.00</td></tr>\n"
	    "<tr class=\"total\"><td>Paid</td><td class=\"n\">0.00</td></tr>\n"
	    "<tr><td>Carried forward</td><td class=\"n\">4.75</td></tr>\n</table>\n",
	    strchr(how_shared, '\n') + 1);
	is_str(captured(fp, &buf), want, "the HTML statement");
	free(buf);

	fp = open_memstream(&buf, &len);
	table_writer_init(&w, fp, 0);
	statement_doc_index(&d, &w);
	is_str(captured(fp, &buf), "holder,name,file,earned,brought_forward,paid,carried_forward\n"
	    "elodie u,elodie u,elodie-u-88ea1f1d,12.00,0.00,12.00,0.00\n"
	    "\xc3\x89lodie \xc3\x9c,\xc3\x89lodie & Co,elodie-u-7b64a186,4.75,0.00,0.00,4.75\n"
	    "Small,Small,small,0.00,-1.00,0.00,-1.00\n", "the index");
	free(buf);

	fp = open_memstream(&buf, &len);
	table_writer_init(&w, fp, 0);
	statement_doc_balances(&d, &w);
	is_str(captured(fp, &buf), "holder,balance\n\xc3\x89lodie \xc3\x9c,4.75\nSmall,-1.00\n",
	    "the balances: what is carried");
	free(buf);

	unlink(holders_path);
	ok(statement_doc_load_names(&d, holders_path, 0, err, sizeof err) == -1, "a missing holders file");
	statement_doc_free(&d);
	catalog_free((struct catalog *)d.cat);
	unlink(catalog_path);
	return done_testing();
}

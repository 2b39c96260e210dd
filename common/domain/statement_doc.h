/*
 * statement_doc.h - the documents a rights holder receives for a month:
 * a statement in CSV (for machines), text (an email body) and HTML
 * (printable and self-contained), the index of the month's statements and
 * the balances carried to the next month.
 */
#ifndef STATEMENT_DOC_H
#define STATEMENT_DOC_H

#include <stddef.h>
#include <stdio.h>

#include "catalog.h"
#include "policy.h"
#include "statement.h"
#include "table.h"

struct statement_doc {
	const struct statement_month *m;
	const struct catalog *cat;	/* titles and artists; may be NULL */
	const struct policy *policy;	/* currency, minimum payout, novelty */
	char **names;			/* holder, display name, holder, ... */
	size_t nnames;
};

/*
 * The display names of the holders file (holder,name; the holder when
 * the name is empty).  0, or -1 with errbuf.
 */
int statement_doc_load_names(struct statement_doc *d, const char *holders, int flags, char *errbuf,
    size_t errlen);
/* A holder's display name: from the holders file, else the holder. */
const char *statement_doc_name(const struct statement_doc *d, const char *holder);
void statement_doc_free(struct statement_doc *d);

/*
 * The file name, without extension, of the statements of m->s[i]: the
 * holder as lowercase letters, digits and dashes (Latin-1 accents
 * dropped), with a digest of the name when it is empty or another
 * holder's gives the same.
 */
void statement_doc_stem(const struct statement_doc *d, size_t i, char *stem, size_t n);

void statement_doc_csv(const struct statement_doc *d, const struct statement *s, struct table_writer *w);
void statement_doc_text(const struct statement_doc *d, const struct statement *s, FILE *fp);
void statement_doc_html(const struct statement_doc *d, const struct statement *s, FILE *fp);
/* index.csv: a row per holder with its file stem; balances.csv: what is carried. */
void statement_doc_index(const struct statement_doc *d, struct table_writer *w);
void statement_doc_balances(const struct statement_doc *d, struct table_writer *w);

#endif

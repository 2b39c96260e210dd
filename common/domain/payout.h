/*
 * payout.h - the payouts stream (1d-formats(5)): its columns, its parts
 * and the models that make it, defined here and nowhere else.
 *
 * Parts are listed in byte order of their names, which is the order of
 * ties in the largest-remainder split of the keys (DESIGN.md section 5).
 */
#ifndef PAYOUT_H
#define PAYOUT_H

#include <stddef.h>
#include <stdint.h>

/* The columns of the payouts stream, in their order. */
#define PAYOUT_COLUMNS "month,model,holder,part,track,listens,weight,amount"

/*
 * released: money held in suspense in an earlier month, paid to the
 * title's holder now known; suspense: the variable money of a title
 * without a known holder, held (1d-cct(1), unmatched = hold).
 */
enum payout_part { PAYOUT_FIXED, PAYOUT_FUND, PAYOUT_OPERATIONS, PAYOUT_RELEASED, PAYOUT_RND,
	PAYOUT_SUSPENSE, PAYOUT_UNALLOCATED, PAYOUT_VARIABLE, PAYOUT_NPARTS };
extern const char *const payout_part_names[PAYOUT_NPARTS];
/* The part named s, or -1. */
int payout_part_parse(const char *s);
/* A part that policy keys split the base into (fixed, fund, operations, rnd, variable). */
int payout_part_is_key(enum payout_part p);
/* A part paid to a rights holder (fixed, released, variable), not a collective line. */
int payout_part_is_holder(enum payout_part p);

enum payout_model { PAYOUT_MODEL_CCT, PAYOUT_MODEL_PRORATA, PAYOUT_MODEL_USER,
	PAYOUT_MODEL_TIERS, PAYOUT_MODEL_ARTIST_CENTRIC, PAYOUT_NMODELS };
extern const char *const payout_model_names[PAYOUT_NMODELS];
/* The model named s, or -1. */
int payout_model_parse(const char *s);

/* One line of the payouts stream; its strings last until the next payout_next(). */
struct payout_line {
	const char *month;	/* YYYY-MM, checked */
	const char *model, *holder, *track;	/* holder empty on collective lines */
	enum payout_part part;
	int64_t listens, weight, amount;	/* amount in cents */
};

/* Where a bad line is described: file, line (0: the whole file), field or NULL, why. */
typedef void payout_report_fn(const char *file, long line, const char *field, const char *msg);

/*
 * The one reader of the payouts stream.  payout_open() reads the header
 * (flags: TABLE_TSV) and returns NULL with errbuf when the file cannot be
 * read or lacks a column.  payout_next() returns 1 with a checked line,
 * 0 at the end, -1 for a bad line (*field names its column and errbuf
 * says why; the next call goes on after it) and -2 when the stream cannot
 * be read (errbuf).
 */
struct payout_reader;
struct payout_reader *payout_open(const char *path, int flags, char *errbuf, size_t errlen);
int payout_next(struct payout_reader *r, struct payout_line *l, const char **field, char *errbuf,
    size_t errlen);
/* The file's name in messages, and the physical line of the last line read. */
const char *payout_name(const struct payout_reader *r);
long payout_lineno(const struct payout_reader *r);
void payout_close(struct payout_reader *r);

#endif

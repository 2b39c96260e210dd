/*
 * payout.h - the payouts stream (1d-formats(5)): its columns, its parts
 * and the models that make it, defined here and nowhere else.
 *
 * Parts are listed in byte order of their names, which is the order of
 * ties in the largest-remainder split of the keys (DESIGN.md section 5).
 */
#ifndef PAYOUT_H
#define PAYOUT_H

/* The columns of the payouts stream, in their order. */
#define PAYOUT_COLUMNS "month,model,holder,part,track,listens,weight,amount"

enum payout_part { PAYOUT_FIXED, PAYOUT_FUND, PAYOUT_OPERATIONS, PAYOUT_RND,
	PAYOUT_UNALLOCATED, PAYOUT_VARIABLE, PAYOUT_NPARTS };
extern const char *const payout_part_names[PAYOUT_NPARTS];
/* The part named s, or -1. */
int payout_part_parse(const char *s);
/* A part that policy keys split the base into (all but unallocated). */
int payout_part_is_key(enum payout_part p);
/* A part paid to a rights holder (fixed, variable), not a collective line. */
int payout_part_is_holder(enum payout_part p);

enum payout_model { PAYOUT_MODEL_CCT, PAYOUT_MODEL_PRORATA, PAYOUT_MODEL_USER,
	PAYOUT_MODEL_TIERS, PAYOUT_MODEL_ARTIST_CENTRIC, PAYOUT_NMODELS };
extern const char *const payout_model_names[PAYOUT_NMODELS];
/* The model named s, or -1. */
int payout_model_parse(const char *s);

#endif

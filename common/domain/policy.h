/*
 * policy.h - the policy file: "key = value" lines, "#" comments.
 *
 * Every key the toolkit knows is listed in policy.c with its default; an
 * unknown key, a malformed value or keys that do not sum to 100 % is an
 * error naming the file and line.
 */
#ifndef POLICY_H
#define POLICY_H

#include <stddef.h>
#include <stdint.h>

#include "payout.h"

#define POLICY_MAX_TIERS 32
#define POLICY_MAX_GIVEN 64
/* Coefficients and multipliers in thousandths: at most x1000. */
#define POLICY_MAX_MULTIPLIER 1000000

struct policy_tier {
	char name[64];
	int64_t multiplier;	/* thousandths */
};

struct policy {
	enum payout_model model;
	char territory[8];	/* ISO 3166 alpha-2, e.g. FR */
	char currency[8];	/* ISO 4217, e.g. EUR */
	int64_t sacem_rate;	/* percent scaled by 10^4: 8.5 % is 85000 */
	int64_t keys[PAYOUT_NPARTS];	/* per key part (payout_part_is_key), basis points, sum 10000 */
	int novelty_months;
	int64_t novelty_coef;	/* thousandths: 1500 */
	int64_t min_ms;		/* a qualified listen lasts at least this */
	int64_t min_payout;	/* cents */
	char weight[16];	/* user-centric weight: listens or ms */
	struct policy_tier tiers[POLICY_MAX_TIERS];
	int ntiers;
	/* artist-centric */
	int64_t ac_min_listens;		/* monthly qualified listens to be boosted */
	int64_t ac_min_listeners;	/* distinct listeners to be boosted */
	int64_t ac_boost;		/* thousandths */
	int64_t ac_user_cap;		/* listens one user can weigh a month, 0 none */
	char pool[16];		/* month or structure */
	char dpid[24];		/* the platform's DDEX party id, "" when not given */
	char service[64];	/* the service's name in DSR reports, "" when not given */
	char unmatched[16];	/* share or hold: usage on titles without a known holder */
	int suspense_months;	/* held money returns to the variable part after this */
	/* The keys the file gave, with their lines (a key given twice is an error). */
	struct {
		char key[72];
		long line;
	} given[POLICY_MAX_GIVEN];
	int ngiven;
};

/* The defaults of DESIGN.md. */
void policy_defaults(struct policy *p);
/*
 * Read a policy file over the defaults; 0, or -1 with "file:line: ..." in
 * errbuf.  Lines may be of any length; a key given twice is an error
 * naming both lines.
 */
int policy_load(struct policy *p, const char *path, char *errbuf, size_t errlen);
/* The line on which the file gave key (a prefix ending in "." for tier.*), or 0. */
long policy_given(const struct policy *p, const char *key);
/* The multiplier of a tier in thousandths; 1000 for no tier or an unlisted one. */
int64_t policy_tier_multiplier(const struct policy *p, const char *tier);

#endif

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsr.h"
#include "money.h"
#include "num.h"
#include "policy.h"

void
policy_defaults(struct policy *p)
{
	memset(p, 0, sizeof *p);
	p->model = PAYOUT_MODEL_CCT;
	strcpy(p->territory, "FR");
	strcpy(p->currency, "EUR");
	p->sacem_rate = 85000;
	p->keys[PAYOUT_OPERATIONS] = 2000;
	p->keys[PAYOUT_RND] = 1500;
	p->keys[PAYOUT_FUND] = 1000;
	p->keys[PAYOUT_FIXED] = 1500;
	p->keys[PAYOUT_VARIABLE] = 4000;
	p->novelty_months = 36;
	p->novelty_coef = 1500;
	p->min_ms = 30000;
	p->min_payout = 1000;
	strcpy(p->weight, "listens");
	strcpy(p->pool, "month");
	strcpy(p->unmatched, "share");
	p->suspense_months = 6;
	strcpy(p->tiers[0].name, "known");
	p->tiers[0].multiplier = 0;
	strcpy(p->tiers[1].name, "emerging");
	p->tiers[1].multiplier = 1500;
	p->ntiers = 2;
	p->ac_min_listens = 1000;
	p->ac_min_listeners = 500;
	p->ac_boost = 2000;
	p->ac_user_cap = 0;
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int
copy_word(char *dst, size_t n, const char *v, const char *const *allowed)
{
	if (strlen(v) == 0 || strlen(v) >= n)
		return -1;
	if (allowed) {
		int found = 0;

		for (; *allowed; allowed++)
			found |= strcmp(*allowed, v) == 0;
		if (!found)
			return -1;
	}
	strcpy(dst, v);
	return 0;
}

static int
parse_keys(struct policy *p, char *v, char *why, size_t whylen)
{
	int64_t keys[PAYOUT_NPARTS] = { 0 }, sum = 0;
	int seen[PAYOUT_NPARTS] = { 0 };

	for (char *tok = strtok(v, " \t"); tok; tok = strtok(NULL, " \t")) {
		char *colon = strchr(tok, ':');
		int part;
		int64_t n;

		if (colon == NULL) {
			snprintf(why, whylen, "expected part:basis_points, got \"%s\"", tok);
			return -1;
		}
		*colon = '\0';
		if ((part = payout_part_parse(tok)) < 0 || !payout_part_is_key((enum payout_part)part)) {
			snprintf(why, whylen, "unknown part \"%s\"", tok);
			return -1;
		}
		if (seen[part]++) {
			snprintf(why, whylen, "part \"%s\" given twice", tok);
			return -1;
		}
		if (num_parse_count_str(colon + 1, &n) != 0 || n > 10000) {
			snprintf(why, whylen, "%s: not a number of basis points: \"%s\"", tok, colon + 1);
			return -1;
		}
		keys[part] = n;
		sum += n;
	}
	if (sum != 10000) {
		snprintf(why, whylen, "keys sum to %lld basis points, not 10000 (100 %%)", (long long)sum);
		return -1;
	}
	memcpy(p->keys, keys, sizeof keys);
	return 0;
}

static int
set_tier(struct policy *p, const char *name, const char *v)
{
	int64_t m;
	int i;

	if (num_parse_count_str(v, &m) != 0 || m > POLICY_MAX_MULTIPLIER || strlen(name) == 0 ||
	    strlen(name) >= sizeof p->tiers[0].name)
		return -1;
	for (i = 0; i < p->ntiers; i++)
		if (strcmp(p->tiers[i].name, name) == 0)
			break;
	if (i == p->ntiers) {
		if (p->ntiers == POLICY_MAX_TIERS)
			return -1;
		p->ntiers++;
		strcpy(p->tiers[i].name, name);
	}
	p->tiers[i].multiplier = m;
	return 0;
}

/* Apply one key; 0, or -1 with the reason in why. */
static int
apply(struct policy *p, const char *key, char *v, char *why, size_t whylen)
{
	static const char *const weights[] = { "listens", "ms", NULL };
	static const char *const pools[] = { "month", "structure", NULL };
	static const char *const unmatched[] = { "share", "hold", NULL };
	int64_t n;
	int rc;

#define BAD(...) do { snprintf(why, whylen, __VA_ARGS__); return -1; } while (0)
	if (strcmp(key, "model") == 0) {
		if ((rc = payout_model_parse(v)) < 0)
			BAD("model: not one of cct, prorata, user, tiers, artist-centric: \"%s\"", v);
		p->model = (enum payout_model)rc;
	} else if (strcmp(key, "territory") == 0) {
		/* Compared with the catalogue's codes without regard to case. */
		if (strlen(v) != 2 || !isascii(v[0]) || !isascii(v[1]) || !isalpha((unsigned char)v[0]) ||
		    !isalpha((unsigned char)v[1]))
			BAD("territory: not an ISO 3166 code: \"%s\"", v);
		strcpy(p->territory, v);
	} else if (strcmp(key, "currency") == 0) {
		if (strlen(v) != 3)
			BAD("currency: not an ISO 4217 code: \"%s\"", v);
		strcpy(p->currency, v);
	} else if (strcmp(key, "sacem_rate") == 0) {
		if ((rc = money_parse_scaled(v, 4, &n)) != 0 || n < 0 || n > 1000000)
			BAD("sacem_rate: not a rate from 0 to 100: \"%s\"", v);
		p->sacem_rate = n;
	} else if (strcmp(key, "keys") == 0) {
		if (parse_keys(p, v, why, whylen))
			return -1;
	} else if (strcmp(key, "novelty_months") == 0) {
		if (num_parse_count_str(v, &n) != 0 || n > 1200)
			BAD("novelty_months: not a number of months: \"%s\"", v);
		p->novelty_months = (int)n;
	} else if (strcmp(key, "novelty_coef") == 0) {
		if (num_parse_count_str(v, &p->novelty_coef) != 0 || p->novelty_coef > POLICY_MAX_MULTIPLIER)
			BAD("novelty_coef: not a coefficient in thousandths from 0 to %d: \"%s\"",
			    POLICY_MAX_MULTIPLIER, v);
	} else if (strcmp(key, "min_ms") == 0) {
		if (num_parse_count_str(v, &p->min_ms) != 0)
			BAD("min_ms: not a non-negative integer: \"%s\"", v);
	} else if (strcmp(key, "min_payout") == 0) {
		if ((rc = money_parse(v, &n)) != 0 || n < 0)
			BAD("min_payout: %s: \"%s\"", rc ? money_strerror(rc) : "negative", v);
		p->min_payout = n;
	} else if (strcmp(key, "weight") == 0) {
		if (copy_word(p->weight, sizeof p->weight, v, weights))
			BAD("weight: not listens or ms: \"%s\"", v);
	} else if (strcmp(key, "pool") == 0) {
		if (copy_word(p->pool, sizeof p->pool, v, pools))
			BAD("pool: not month or structure: \"%s\"", v);
	} else if (strcmp(key, "dpid") == 0) {
		if (!dsr_dpid_valid(v))
			BAD("dpid: not a DDEX party id (PADPIDA and 11 letters or digits): \"%s\"", v);
		strcpy(p->dpid, v);
	} else if (strcmp(key, "service") == 0) {
		if (!dsr_name_element_valid(v) || strlen(v) >= sizeof p->service)
			BAD("service: not a name of at most %zu letters, digits, \"-\" or \".\": \"%s\"",
			    sizeof p->service - 1, v);
		strcpy(p->service, v);
	} else if (strcmp(key, "unmatched") == 0) {
		if (copy_word(p->unmatched, sizeof p->unmatched, v, unmatched))
			BAD("unmatched: not share or hold: \"%s\"", v);
	} else if (strcmp(key, "suspense_months") == 0) {
		if (num_parse_count_str(v, &n) != 0 || n > 1200)
			BAD("suspense_months: not a number of months from 0 to 1200: \"%s\"", v);
		p->suspense_months = (int)n;
	} else if (strncmp(key, "tier.", 5) == 0) {
		if (set_tier(p, key + 5, v))
			BAD("%s: not a multiplier in thousandths from 0 to %d: \"%s\"", key,
			    POLICY_MAX_MULTIPLIER, v);
	} else if (strcmp(key, "ac_min_listens") == 0) {
		if (num_parse_count_str(v, &p->ac_min_listens) != 0)
			BAD("ac_min_listens: not a non-negative integer: \"%s\"", v);
	} else if (strcmp(key, "ac_min_listeners") == 0) {
		if (num_parse_count_str(v, &p->ac_min_listeners) != 0)
			BAD("ac_min_listeners: not a non-negative integer: \"%s\"", v);
	} else if (strcmp(key, "ac_boost") == 0) {
		if (num_parse_count_str(v, &p->ac_boost) != 0 || p->ac_boost > POLICY_MAX_MULTIPLIER)
			BAD("ac_boost: not a multiplier in thousandths from 0 to %d: \"%s\"",
			    POLICY_MAX_MULTIPLIER, v);
	} else if (strcmp(key, "ac_user_cap") == 0) {
		if (num_parse_count_str(v, &p->ac_user_cap) != 0)
			BAD("ac_user_cap: not a non-negative integer: \"%s\"", v);
	} else {
		BAD("unknown key \"%s\"", key);
	}
#undef BAD
	return 0;
}

/* Has the policy file given this key (a "tier." prefix matches any tier)? */
long
policy_given(const struct policy *p, const char *key)
{
	size_t n = strlen(key);
	int prefix = n > 0 && key[n - 1] == '.';

	for (int i = 0; i < p->ngiven; i++)
		if (prefix ? strncmp(p->given[i].key, key, n) == 0 : strcmp(p->given[i].key, key) == 0)
			return p->given[i].line;
	return 0;
}

/* Remember a key and its line; -1 when it was given before (*first its line). */
static int
remember(struct policy *p, const char *key, long line, long *first)
{
	for (int i = 0; i < p->ngiven; i++)
		if (strcmp(p->given[i].key, key) == 0) {
			*first = p->given[i].line;
			return -1;
		}
	if (p->ngiven < POLICY_MAX_GIVEN && strlen(key) < sizeof p->given[0].key) {
		strcpy(p->given[p->ngiven].key, key);
		p->given[p->ngiven++].line = line;
	}
	return 0;
}

int
policy_load(struct policy *p, const char *path, char *errbuf, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, why[512];
	size_t cap = 0;
	long lineno = 0, first;
	int rc = 0;

	if (f == NULL) {
		snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	/* Lines of any length: a long comment is a comment to its end. */
	while (getline(&line, &cap, f) >= 0) {
		char *s, *eq, *hash, *key;

		lineno++;
		if ((hash = strchr(line, '#')) != NULL)
			*hash = '\0';
		s = trim(line);
		if (*s == '\0')
			continue;
		if ((eq = strchr(s, '=')) == NULL) {
			snprintf(errbuf, errlen, "%s:%ld: expected key = value", path, lineno);
			rc = -1;
			break;
		}
		*eq = '\0';
		key = trim(s);
		if (remember(p, key, lineno, &first) != 0) {
			snprintf(errbuf, errlen, "%s:%ld: %.64s: given twice, on lines %ld and %ld", path,
			    lineno, key, first, lineno);
			rc = -1;
			break;
		}
		if (apply(p, key, trim(eq + 1), why, sizeof why) != 0) {
			snprintf(errbuf, errlen, "%s:%ld: %s", path, lineno, why);
			rc = -1;
			break;
		}
	}
	if (rc == 0 && ferror(f)) {
		snprintf(errbuf, errlen, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	free(line);
	fclose(f);
	return rc;
}

int64_t
policy_tier_multiplier(const struct policy *p, const char *tier)
{
	if (tier == NULL || *tier == '\0')
		return 1000;
	for (int i = 0; i < p->ntiers; i++)
		if (strcmp(p->tiers[i].name, tier) == 0)
			return p->tiers[i].multiplier;
	return 1000;
}

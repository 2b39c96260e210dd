/* Unit tests for common/domain/policy.c: defaults, every error names its line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "policy.h"
#include "tap.h"

static char path[] = "/tmp/1d-unit-policy.XXXXXX";
static char err[512];

static int
load(struct policy *p, const char *text)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
	policy_defaults(p);
	err[0] = '\0';
	return policy_load(p, path, err, sizeof err);
}

static int
says(const char *want)
{
	const char *colon = strchr(err, ':');

	if (colon == NULL || strcmp(colon + 1, want) != 0) {
		printf("# error was \"%s\"\n", err);
		return 0;
	}
	return 1;
}

int
main(void)
{
	struct policy p;

	close(mkstemp(path));
	plan(25);
	policy_defaults(&p);
	ok(p.keys[PAYOUT_OPERATIONS] == 2000 && p.keys[PAYOUT_RND] == 1500 &&
	    p.keys[PAYOUT_FUND] == 1000 && p.keys[PAYOUT_FIXED] == 1500 &&
	    p.keys[PAYOUT_VARIABLE] == 4000, "default keys 20/15/10/15/40 %%");
	ok(p.sacem_rate == 85000 && p.novelty_months == 36 && p.novelty_coef == 1500 &&
	    p.min_ms == 30000 && p.min_payout == 1000, "default rates and thresholds");
	is_int(policy_tier_multiplier(&p, "known"), 0, "tier known is 0");
	is_int(policy_tier_multiplier(&p, "emerging"), 1500, "tier emerging is 1500");
	is_int(policy_tier_multiplier(&p, ""), 1000, "no tier is 1000");

	ok(load(&p, "# a comment\nmodel = prorata\n\nterritory = BE  # trailing\n"
	    "sacem_rate = 10.25\nkeys = operations:1000 rnd:1000 fund:1000 fixed:2000 variable:5000\n"
	    "min_payout = 5.50\ntier.independent = 1200\n") == 0, "a full policy loads");
	is_int(p.model, PAYOUT_MODEL_PRORATA, "model read");
	is_str(p.territory, "BE", "territory read, comment stripped");
	is_int(p.sacem_rate, 102500, "sacem_rate 10.25 %%");
	is_int(p.keys[PAYOUT_VARIABLE], 5000, "variable key read");
	is_int(p.min_payout, 550, "min_payout 5.50");
	is_int(policy_tier_multiplier(&p, "independent"), 1200, "a new tier");

	ok(load(&p, "model = cct\ncolour = blue\n") == -1 && says("2: unknown key \"colour\""),
	    "unknown key names line 2");
	ok(load(&p, "keys = operations:2000 rnd:1500 fund:1000 fixed:1500 variable:3000\n") == -1 &&
	    says("1: keys sum to 9000 basis points, not 10000 (100 %)"), "keys must sum to 100 %%");
	ok(load(&p, "sacem_rate = -1\n") == -1 && says("1: sacem_rate: not a rate from 0 to 100: \"-1\""),
	    "negative rate refused");
	ok(load(&p, "min_payout = 1.005\n") == -1 && says("1: min_payout: too many decimals: \"1.005\""),
	    "min_payout with three decimals refused");
	ok(load(&p, "\n\nmodel\n") == -1 && says("3: expected key = value"), "line without = refused");
	ok(load(&p, "model = fair\n") == -1 &&
	    says("1: model: not one of cct, prorata, user, tiers, artist-centric: \"fair\""),
	    "unknown model refused");
	ok(load(&p, "model = artist-centric\n") == 0 && p.model == PAYOUT_MODEL_ARTIST_CENTRIC,
	    "every model of payout.h is known");
	ok(load(&p, "keys = operations:2000 rnd:1500 fund:1000 fixed:1500 variable:4000 unallocated:0\n")
	    == -1 && says("1: unknown part \"unallocated\""), "unallocated is not a key");
	ok(load(&p, "keys = operations:2000 rnd:1500 fund:1000 fixed:1500 variable:4000\n") == 0 &&
	    p.keys[PAYOUT_UNALLOCATED] == 0 && p.keys[PAYOUT_VARIABLE] == 4000, "keys in any order");
	ok(load(&p, "min_ms = 99999999999999999999\n") == -1 &&
	    says("1: min_ms: not a non-negative integer: \"99999999999999999999\""),
	    "a count beyond int64 refused");
	ok(load(&p, "novelty_coef = +5\n") == -1, "a signed count refused");
	ok(load(&p, "keys = fixed:5000 fixed:5000\n") == -1 && says("1: part \"fixed\" given twice"),
	    "a part given twice refused");
	policy_defaults(&p);
	ok(policy_load(&p, "/nonexistent/policy.conf", err, sizeof err) == -1 &&
	    strstr(err, "No such file") != NULL, "missing file reported");
	unlink(path);
	return done_testing();
}

#include <string.h>

#include "payout.h"

const char *const payout_part_names[PAYOUT_NPARTS] = {
	"fixed", "fund", "operations", "rnd", "unallocated", "variable",
};

const char *const payout_model_names[PAYOUT_NMODELS] = {
	"cct", "prorata", "user", "tiers", "artist-centric",
};

int
payout_part_parse(const char *s)
{
	for (int i = 0; i < PAYOUT_NPARTS; i++)
		if (strcmp(payout_part_names[i], s) == 0)
			return i;
	return -1;
}

int
payout_part_is_key(enum payout_part p)
{
	return p != PAYOUT_UNALLOCATED;
}

int
payout_part_is_holder(enum payout_part p)
{
	return p == PAYOUT_FIXED || p == PAYOUT_VARIABLE;
}

int
payout_model_parse(const char *s)
{
	for (int i = 0; i < PAYOUT_NMODELS; i++)
		if (strcmp(payout_model_names[i], s) == 0)
			return i;
	return -1;
}

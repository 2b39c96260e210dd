#include <stdlib.h>
#include <string.h>

#include "apportion.h"
#include "err.h"

struct remainder {
	__int128 rem;
	size_t index;
	const char *key;
};

static int
by_remainder_then_key(const void *a, const void *b)
{
	const struct remainder *x = a, *y = b;

	if (x->rem != y->rem)
		return x->rem > y->rem ? -1 : 1;
	return strcmp(x->key ? x->key : "", y->key ? y->key : "");
}

int
apportion(int64_t total, struct apportion_item *items, size_t n)
{
	__int128 sum_w = 0, given = 0, t;
	struct remainder *rems;
	int neg = total < 0;
	size_t left;

	for (size_t i = 0; i < n; i++) {
		items[i].amount = 0;
		if (items[i].weight < 0)
			return -1;
		sum_w += items[i].weight;
	}
	if (sum_w == 0)
		return -1;
	t = neg ? -(__int128)total : (__int128)total;
	rems = err_malloc(n * sizeof *rems);
	for (size_t i = 0; i < n; i++) {
		__int128 p = t * items[i].weight;

		items[i].amount = (int64_t)(p / sum_w);
		given += items[i].amount;
		rems[i].rem = p % sum_w;
		rems[i].index = i;
		rems[i].key = items[i].key;
	}
	left = (size_t)(t - given);
	if (left > 0) {
		qsort(rems, n, sizeof *rems, by_remainder_then_key);
		for (size_t i = 0; i < left; i++)
			items[rems[i].index].amount++;
	}
	free(rems);
	if (neg)
		for (size_t i = 0; i < n; i++)
			items[i].amount = -items[i].amount;
	return 0;
}

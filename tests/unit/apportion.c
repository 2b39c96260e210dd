/*
 * Unit tests for common/util/apportion.c: hand-worked allocations, then properties
 * on seeded random inputs (sum exact, order independent, monotone).
 */
#include <stdint.h>
#include <stdlib.h>

#include "apportion.h"
#include "tap.h"

static uint64_t seed = 88172645463325252ULL;

static uint64_t
rnd(void)	/* xorshift64: the same sequence on every machine */
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

static const char *keys[] = { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j",
	"k", "l", "m", "n", "o", "p" };

int
main(void)
{
	struct apportion_item it[16], sh[16];
	int sum_ok = 1, order_ok = 1, monotone_ok = 1, neg_ok = 1;

	plan(16);

	/* 100 cents over 1:1:1: 33 each, the last cent to the smallest key. */
	it[0] = (struct apportion_item){ "c", 1, 0 };
	it[1] = (struct apportion_item){ "a", 1, 0 };
	it[2] = (struct apportion_item){ "b", 1, 0 };
	ok(apportion(100, it, 3) == 0, "alloc 100 over three equal weights");
	ok(it[0].amount == 33 && it[1].amount == 34 && it[2].amount == 33,
	    "tie goes to key a: c=%lld a=%lld b=%lld", (long long)it[0].amount,
	    (long long)it[1].amount, (long long)it[2].amount);

	/* 1000 over 2:3:5 is exact. */
	it[0] = (struct apportion_item){ "x", 2, 0 };
	it[1] = (struct apportion_item){ "y", 3, 0 };
	it[2] = (struct apportion_item){ "z", 5, 0 };
	apportion(1000, it, 3);
	ok(it[0].amount == 200 && it[1].amount == 300 && it[2].amount == 500, "1000 over 2:3:5");

	/* 10 over 3:3:1 (W=7): 30/7=4 r2, 4 r2, 10/7=1 r3 -> the 1 left goes to r3. */
	it[0] = (struct apportion_item){ "a", 3, 0 };
	it[1] = (struct apportion_item){ "b", 3, 0 };
	it[2] = (struct apportion_item){ "c", 1, 0 };
	apportion(10, it, 3);
	ok(it[0].amount == 4 && it[1].amount == 4 && it[2].amount == 2, "largest remainder wins over key");

	/* Negative total: -apportion(-T). */
	it[0] = (struct apportion_item){ "a", 1, 0 };
	it[1] = (struct apportion_item){ "b", 1, 0 };
	apportion(-3, it, 2);
	ok(it[0].amount == -2 && it[1].amount == -1, "-3 over 1:1 is -2, -1");

	/*
	 * The derivation of 10 over a:3 b:3 c:1 (W = 7): 30 = 4*7 + 2 for a
	 * and b, 10 = 1*7 + 3 for c; 10 - (4+4+1) = 1 cent left, remainders
	 * ranked 3 (c), 2 (a, key before b), 2 (b): c ranks 1 and gets it.
	 */
	{
		struct apportion_detail d[3];
		struct apportion_sums s;

		it[0] = (struct apportion_item){ "a", 3, 0 };
		it[1] = (struct apportion_item){ "b", 3, 0 };
		it[2] = (struct apportion_item){ "c", 1, 0 };
		ok(apportion_explain(10, it, 3, d, &s) == 0 && s.weight_sum == 7 && s.leftover == 1,
		    "explain 10 over 3:3:1: W 7, 1 cent left over");
		ok(d[0].quotient == 4 && d[0].remainder == 2 && d[0].rank == 2 && !d[0].plus &&
		    d[1].quotient == 4 && d[1].remainder == 2 && d[1].rank == 3 && !d[1].plus &&
		    d[2].quotient == 1 && d[2].remainder == 3 && d[2].rank == 1 && d[2].plus,
		    "quotients 4 4 1, remainders 2 2 3, ranks 2 3 1, c gets the cent");
		ok(it[0].amount == 0 && it[2].weight == 1, "the items are left as they were");
		it[0] = (struct apportion_item){ "a", 0, 0 };
		it[1] = (struct apportion_item){ "b", 0, 0 };
		ok(apportion_explain(5, it, 2, d, &s) == -1, "explain with no weight: -1 as apportion()");
	}

	it[0] = (struct apportion_item){ "a", 0, 0 };
	ok(apportion(5, it, 1) == -1 && it[0].amount == 0, "zero total weight allocates nothing");
	it[0] = (struct apportion_item){ "a", -1, 0 };
	ok(apportion(5, it, 1) == -1, "a negative weight is refused");

	/* Huge values need the 128-bit intermediates. */
	it[0] = (struct apportion_item){ "a", INT64_MAX, 0 };
	it[1] = (struct apportion_item){ "b", INT64_MAX, 0 };
	apportion(INT64_MAX, it, 2);
	ok(it[0].amount + it[1].amount == INT64_MAX && it[0].amount == INT64_MAX / 2 + 1,
	    "INT64_MAX over two INT64_MAX weights");

	for (int round = 0; round < 2000; round++) {
		int n = 1 + (int)(rnd() % 16);
		int64_t total = (int64_t)(rnd() % 1000000) - 200000, sum = 0, sum2 = 0;

		for (int i = 0; i < n; i++)
			it[i] = (struct apportion_item){ keys[i], (int64_t)(rnd() % 1000), 0 };
		it[0].weight++;
		if (apportion(total, it, (size_t)n) != 0)
			sum_ok = 0;
		for (int i = 0; i < n; i++) {
			sum += it[i].amount;
			if ((total >= 0 && it[i].amount < 0) || (total < 0 && it[i].amount > 0))
				neg_ok = 0;
		}
		if (sum != total)
			sum_ok = 0;
		/* Reversed order gives the same amount to each key. */
		for (int i = 0; i < n; i++)
			sh[i] = it[n - 1 - i];
		apportion(total, sh, (size_t)n);
		for (int i = 0; i < n; i++)
			if (sh[i].amount != it[n - 1 - i].amount)
				order_ok = 0;
		/* Raising one weight never lowers its amount (for a positive total). */
		if (total > 0) {
			int k = (int)(rnd() % (uint64_t)n);
			int64_t before = it[k].amount;

			it[k].weight += 1 + (int64_t)(rnd() % 100);
			apportion(total, it, (size_t)n);
			if (it[k].amount < before)
				monotone_ok = 0;
			for (int i = 0; i < n; i++)
				sum2 += it[i].amount;
			if (sum2 != total)
				sum_ok = 0;
		}
	}
	ok(sum_ok, "2000 random allocations sum exactly to their total");
	ok(order_ok, "the result does not depend on the order of the items");
	ok(monotone_ok, "raising a weight never lowers that item's amount");
	ok(neg_ok, "amounts have the sign of the total");
	return done_testing();
}

-- Shared by cct-cct.sql and cct-user.sql (pasted in front by bench-cct.sh,
-- with @DIR@, @MONTH@ and @NOVELTY@ replaced).  What it
-- covers of DESIGN section 5, with examples/policy.conf written in:
-- territory FR, sacem_rate 8.5, keys operations:2000 rnd:1500 fund:1000
-- fixed:1500 variable:4000, novelty_months 36 (@NOVELTY@ is the last day of
-- the month less 36 months, written in bench-cct.sh), novelty_coef 1500.
--   1. accrual: each ledger row's gross and VAT spread over the months of
--      its period by largest remainder on days (key: the month);
--   2. VAT = round(gross * r / (100 + r)), halves away from zero, exact;
--   3. society = round(net * 8.5 / 100) per structure, base_s = net - it;
--   4. the keys split by largest remainder (key: the part name);
--   5./6. active titles (status active, a holder, territory FR or
--      Worldwide; the generated catalogue has no available_from and
--      available_until columns, so they are not read) and usage of the
--      month on them.
-- Not covered: ledger validation (bad rows, currency, kinds, duplicate
-- refs) -- the generated ledger is clean; tiers, artist-centric, prorata
-- and --pool structure.
-- alloc(T, w), inline for the accrual and as the alloc() macro below:
--   q = |T|*w // W, r = |T|*w % W, then the |T| - sum(q) cents left go one
--   each to the rows ranked first by r descending, key ascending (VARCHAR
--   compares bytes in DuckDB when no collation is set); sign(T) applied.
CREATE MACRO rdiv(n, d) AS   -- n / d rounded, halves away from zero (d > 0)
	CAST(sign(n) * ((2 * abs(CAST(n AS HUGEINT)) + d) // (2 * d)) AS BIGINT);
CREATE MACRO money(c) AS     -- cents as 1d writes them: -12.05, 0.00
	(CASE WHEN c < 0 THEN '-' ELSE '' END) || CAST(abs(c) // 100 AS VARCHAR) || '.' ||
	lpad(CAST(abs(c) % 100 AS VARCHAR), 2, '0');

CREATE TEMP TABLE ledger AS
SELECT ordinality AS rid, structure, CAST(gross * 100 AS BIGINT) AS gross,
       rdiv(CAST(gross * 100 AS BIGINT) * CAST(vat_rate * 10000 AS BIGINT),
            1000000 + CAST(vat_rate * 10000 AS BIGINT)) AS vat,
       period_start, period_end
  FROM read_csv('@DIR@/ledger.csv', header = true, auto_detect = false,
       columns = {'date': 'DATE', 'structure': 'VARCHAR', 'kind': 'VARCHAR',
                  'gross': 'DECIMAL(18,2)', 'currency': 'VARCHAR', 'vat_rate': 'DECIMAL(9,4)',
                  'period_start': 'DATE', 'period_end': 'DATE', 'ref': 'VARCHAR'})
       WITH ORDINALITY;

-- Each row's months and days in them, then alloc(gross) and alloc(vat).
CREATE TEMP TABLE accrued AS
WITH months AS (
	SELECT rid, structure, gross, vat, strftime(m, '%Y-%m') AS month,
	       CAST(least(last_day(m), period_end) - greatest(m, period_start) + 1 AS BIGINT) AS days
	  FROM ledger, unnest(generate_series(CAST(date_trunc('month', period_start) AS DATE),
	                                      CAST(date_trunc('month', period_end) AS DATE),
	                                      INTERVAL 1 MONTH)) AS g(m0),
	       LATERAL (SELECT CAST(m0 AS DATE) AS m)
), q AS (
	SELECT *, sum(days) OVER w AS w_all,
	       abs(CAST(gross AS HUGEINT)) * days // sum(days) OVER w AS gq,
	       abs(CAST(gross AS HUGEINT)) * days %  sum(days) OVER w AS gr,
	       abs(CAST(vat AS HUGEINT)) * days // sum(days) OVER w AS vq,
	       abs(CAST(vat AS HUGEINT)) * days %  sum(days) OVER w AS vr
	  FROM months WINDOW w AS (PARTITION BY rid)
), r AS (
	SELECT *, abs(gross) - sum(gq) OVER (PARTITION BY rid) AS gleft,
	       abs(vat) - sum(vq) OVER (PARTITION BY rid) AS vleft,
	       row_number() OVER (PARTITION BY rid ORDER BY gr DESC, month) AS grank,
	       row_number() OVER (PARTITION BY rid ORDER BY vr DESC, month) AS vrank
	  FROM q
)
SELECT rid, structure, CAST(sign(gross) * (gq + CAST(grank <= gleft AS INT)) AS BIGINT) AS g,
       CAST(sign(vat) * (vq + CAST(vrank <= vleft AS INT)) AS BIGINT) AS v
  FROM r WHERE month = '@MONTH@';

-- Each structure's base (structures whose rows give the month something).
CREATE TEMP TABLE struct AS
SELECT structure, net - rdiv(net * 85000, 1000000) AS base
  FROM (SELECT structure, sum(g) - sum(v) AS net FROM accrued
         WHERE g <> 0 OR v <> 0 GROUP BY structure);

CREATE TEMP TABLE keys AS
SELECT * FROM (VALUES ('fixed', 1500), ('fund', 1000), ('operations', 2000),
                      ('rnd', 1500), ('variable', 4000)) AS k(part, bp);

-- alloc('T'): the largest remainder over a table T with columns grp (one
-- allocation per value), total (its cents), key and w (weight); other
-- columns are passed through.  A group whose weights sum to 0 gets 0
-- everywhere: the callers put its total on the unallocated line.
CREATE MACRO alloc(t) AS TABLE
WITH a AS (
	SELECT *, sum(w) OVER (PARTITION BY grp) AS w_all FROM query_table(t)
), q AS (
	SELECT *, CASE WHEN w_all = 0 THEN 0 ELSE abs(CAST(total AS HUGEINT)) * w // w_all END AS q_,
	       CASE WHEN w_all = 0 THEN 0 ELSE abs(CAST(total AS HUGEINT)) * w % w_all END AS r_
	  FROM a
), r AS (
	SELECT *, abs(total) - sum(q_) OVER (PARTITION BY grp) AS left_,
	       row_number() OVER (PARTITION BY grp ORDER BY r_ DESC, key) AS rk_
	  FROM q
)
SELECT * EXCLUDE (q_, r_, left_, rk_),
       CAST(sign(total) * (q_ + CAST(rk_ <= left_ AS INT)) AS BIGINT) AS amount
  FROM r;

CREATE TEMP TABLE catalog AS
SELECT track, holder,
       CASE WHEN release_date > DATE '@NOVELTY@' THEN 1500 ELSE 1000 END AS coef
  FROM read_csv('@DIR@/catalog.csv', header = true, auto_detect = false,
       columns = {'track': 'VARCHAR', 'holder': 'VARCHAR', 'release_date': 'DATE',
                  'territories': 'VARCHAR', 'status': 'VARCHAR'})
 WHERE status = 'active' AND holder <> ''
   AND (list_contains(string_split(territories, ' '), 'FR')
        OR list_contains(string_split(territories, ' '), 'Worldwide'));

-- Usage of the month on active titles (the rest is set aside).
CREATE TEMP VIEW used AS
SELECT u.structure, u.user, u.track, u.listens, u.ms, c.holder, c.coef
  FROM read_csv('@DIR@/usage.csv', header = true, auto_detect = false,
       columns = {'month': 'VARCHAR', 'structure': 'VARCHAR', 'user': 'VARCHAR',
                  'track': 'VARCHAR', 'plays': 'BIGINT', 'listens': 'BIGINT', 'ms': 'BIGINT'}) u
  JOIN catalog c USING (track)
 WHERE u.month = '@MONTH@';

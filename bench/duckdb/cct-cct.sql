-- 1d-cct --model cct (month pool), after cct-common.sql: DESIGN section 5,
-- steps 4 to 6.  Lines sorted by holder (empty first), part, track.
CREATE TEMP TABLE tl AS SELECT track, sum(listens) AS listens FROM used GROUP BY track;
CREATE TEMP TABLE kp AS
SELECT 1 AS grp, (SELECT sum(base) FROM struct) AS total, part AS key, bp AS w FROM keys;
CREATE TEMP TABLE parts AS SELECT key AS part, w AS bp, amount FROM alloc('kp');

-- Fixed: holders by their number of active titles, then equally per title.
CREATE TEMP TABLE ft AS
SELECT c.track, c.holder, coalesce(tl.listens, 0) AS listens FROM catalog c LEFT JOIN tl USING (track);
CREATE TEMP TABLE fh AS
SELECT 1 AS grp, (SELECT amount FROM parts WHERE part = 'fixed') AS total, holder AS key, count(*) AS w
  FROM ft GROUP BY holder;
CREATE TEMP TABLE fha AS SELECT key AS holder, w_all, amount FROM alloc('fh');
CREATE TEMP TABLE ftt AS
SELECT holder AS grp, fha.amount AS total, track AS key, 1 AS w, listens FROM ft JOIN fha USING (holder);

-- Variable: holders by listens x coefficient, then their titles the same way.
CREATE TEMP TABLE vt AS
SELECT tl.track, c.holder, tl.listens, tl.listens * c.coef AS weight
  FROM tl JOIN catalog c USING (track) WHERE tl.listens > 0;
CREATE TEMP TABLE vh AS
SELECT 1 AS grp, (SELECT amount FROM parts WHERE part = 'variable') AS total, holder AS key,
       sum(weight) AS w
  FROM vt GROUP BY holder;
CREATE TEMP TABLE vha AS SELECT key AS holder, w_all, amount FROM alloc('vh');
CREATE TEMP TABLE vtt AS
SELECT holder AS grp, vha.amount AS total, track AS key, weight AS w, listens FROM vt JOIN vha USING (holder);

CREATE TEMP TABLE lines AS
SELECT '' AS holder, part, '' AS track, 0 AS listens, bp AS weight, amount
  FROM parts WHERE part IN ('fund', 'operations', 'rnd')
UNION ALL
SELECT grp, 'fixed', key, listens, w, amount FROM alloc('ftt')
UNION ALL
SELECT grp, 'variable', key, listens, w, amount FROM alloc('vtt')
UNION ALL
SELECT '', 'unallocated', '', 0, 0, u FROM (
	SELECT coalesce((SELECT amount FROM parts WHERE part = 'fixed') * ((SELECT count(*) FROM fh) = 0)::INT, 0) +
	       coalesce((SELECT amount FROM parts WHERE part = 'variable') * ((SELECT count(*) FROM vh) = 0)::INT, 0) AS u
) WHERE u <> 0;

COPY (
SELECT '@MONTH@' AS month, 'cct' AS model, NULLIF(holder, '') AS holder, part,
       NULLIF(track, '') AS track, listens, weight, money(amount) AS amount
  FROM lines ORDER BY lines.holder, part, lines.track
) TO '@OUT@' (HEADER, DELIMITER ',');

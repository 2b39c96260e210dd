-- 1d-cct --model user (user-centric), after cct-common.sql: DESIGN section
-- 5, step 7 "user", weight = qualified listens.  The keys per structure;
-- fund, operations and rnd summed; a structure's fixed + variable money
-- equally to its users with a qualified listen (key: user), each user's
-- share over the titles with at least one qualified listen by that user,
-- by listens (key: track): a title only skipped earns nothing; lines
-- summed per holder and track.  Sorted by holder (empty first), part, track.
CREATE TEMP TABLE kp AS SELECT structure AS grp, base AS total, part AS key, bp AS w FROM struct, keys;
CREATE TEMP TABLE parts AS SELECT grp AS structure, key AS part, w AS bp, amount FROM alloc('kp');
CREATE TEMP TABLE sm AS
SELECT structure, sum(amount) AS money FROM parts WHERE part IN ('fixed', 'variable') GROUP BY structure;

CREATE TEMP TABLE entries AS
SELECT structure, user, track, any_value(holder) AS holder, sum(listens) AS listens
  FROM used WHERE structure IN (SELECT structure FROM struct) GROUP BY structure, user, track;
CREATE TEMP TABLE ul AS
SELECT structure, user FROM entries GROUP BY structure, user HAVING sum(listens) > 0;
CREATE TEMP TABLE uin AS
SELECT structure AS grp, sm.money AS total, user AS key, 1 AS w FROM ul JOIN sm USING (structure);
CREATE TEMP TABLE ua AS SELECT grp AS structure, key AS user, amount FROM alloc('uin');
CREATE TEMP TABLE tin AS
SELECT e.structure || chr(1) || e.user AS grp, ua.amount AS total, e.track AS key, e.listens AS w,
       e.listens, e.holder
  FROM entries e JOIN ua USING (structure, user) WHERE e.listens > 0;

CREATE TEMP TABLE lines AS
SELECT '' AS holder, part, '' AS track, 0 AS listens, any_value(bp) AS weight, sum(amount) AS amount
  FROM parts WHERE part IN ('fund', 'operations', 'rnd') GROUP BY part
UNION ALL
SELECT holder, 'variable', key, sum(listens), sum(w), sum(amount) FROM alloc('tin') GROUP BY holder, key
UNION ALL
SELECT '', 'unallocated', '', 0, 0, u FROM (
	SELECT sum(money) AS u FROM sm WHERE structure NOT IN (SELECT structure FROM ul)
) WHERE u <> 0;

COPY (
SELECT '@MONTH@' AS month, 'user' AS model, NULLIF(holder, '') AS holder, part,
       NULLIF(track, '') AS track, listens, weight, money(amount) AS amount
  FROM lines ORDER BY lines.holder, part, lines.track
) TO '@OUT@' (HEADER, DELIMITER ',');

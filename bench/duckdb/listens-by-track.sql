-- 1d-listens --month @MONTH@ --by month,track: plays, qualified listens,
-- time played and distinct users per track, sorted by track (byte order:
-- DuckDB compares VARCHAR by bytes without a collation).
COPY (
SELECT '@MONTH@' AS month, track, count(*) AS plays,
       count(*) FILTER (ms_played >= 30000) AS listens, sum(ms_played) AS ms,
       count(DISTINCT user) AS users
  FROM kept GROUP BY track ORDER BY track
) TO '@OUT@' (HEADER, DELIMITER ',');

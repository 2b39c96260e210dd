-- 1d-listens --month @MONTH@: the full usage, one row per structure, user
-- and track, sorted by those keys in byte order.
COPY (
SELECT '@MONTH@' AS month, structure, user, track, count(*) AS plays,
       count(*) FILTER (ms_played >= 30000) AS listens, sum(ms_played) AS ms
  FROM kept GROUP BY structure, user, track ORDER BY structure, user, track
) TO '@OUT@' (HEADER, DELIMITER ',');

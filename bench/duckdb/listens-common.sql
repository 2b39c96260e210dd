-- Shared by listens-by-track.sql and listens-usage.sql (the bench scripts
-- paste it in front, with @LOG@ and @MONTH@ replaced): the raw log read
-- with explicit column types, validated, kept to the month (in UTC) and
-- with exact duplicates dropped, as 1d-listens does (man/1d-listens.1).
--   rejected: a field that does not convert to its type (ignore_errors:
--     a timestamp without a zone is not caught by the cast, see the
--     bench report), an empty user, structure or track, ms_played < 0;
--   duplicate: same instant to the ms, user and track; the first row of
--     the file is kept (WITH ORDINALITY is the row's place in the file);
--   listens: ms_played >= 30000 (the default --min-ms).
SET TimeZone = 'UTC';
CREATE MACRO month_start() AS CAST('@MONTH@-01 00:00:00+00' AS TIMESTAMPTZ);
CREATE TEMP VIEW kept AS
SELECT ts, user, arg_min(structure, ordinality) AS structure, track,
       arg_min(ms_played, ordinality) AS ms_played
  FROM read_csv('@LOG@', header = true, auto_detect = false, delim = ',', quote = '"',
       escape = '"', ignore_errors = true,
       columns = {'ts': 'TIMESTAMPTZ', 'user': 'VARCHAR', 'structure': 'VARCHAR',
                  'track': 'VARCHAR', 'ms_played': 'BIGINT', 'source': 'VARCHAR'})
       WITH ORDINALITY
 WHERE ts >= month_start() AND ts < month_start() + INTERVAL 1 MONTH
   AND user <> '' AND structure <> '' AND track <> '' AND ms_played >= 0
 GROUP BY ts, user, track;

/**
 * Every distinct journey in `runs`, sorted. A loose index scan over `runs (journey, started_at_ms)`:
 * each step jumps to the next journey with one index seek, so the cost grows with the number of
 * journeys, not of runs (a plain DISTINCT would read every run). Same SQL on SQLite and PostgreSQL.
 */
export const JOURNEY_NAMES_SQL = `
  WITH RECURSIVE names (journey) AS (
    SELECT MIN(journey) FROM runs
    UNION ALL
    SELECT (SELECT MIN(r.journey) FROM runs r WHERE r.journey > names.journey) FROM names WHERE names.journey IS NOT NULL
  )
  SELECT journey FROM names WHERE journey IS NOT NULL`;

import type { CoverageRow } from './coverage.js';

/**
 * The coverage aggregation over `endpoints`, for the runs matched by `where` (a {@link runFilter}
 * clause, placeholders already written). `collate` follows each text sort key: PostgreSQL passes
 * ` COLLATE "C"` so rows come back in SQLite's byte order whatever the database's locale.
 */
export function coverageSql(where: string, collate = ''): string {
  // NULLIF: dividing by zero gives NULL in SQLite but fails in PostgreSQL; with it both answer NULL.
  return `
    SELECT r.journey AS journey, e.step_index AS step, s.name AS step_name, e.method AS method, e.host AS host,
           e.path AS path, e.status AS status, COUNT(*) AS runs, SUM(e.request_count) AS requests,
           SUM(e.total_ms) / NULLIF(SUM(e.request_count), 0) AS mean_ms, MAX(r.started_at_ms) AS last_seen_ms
    FROM endpoints e
    JOIN runs r ON r.id = e.run_id
    LEFT JOIN steps s ON s.run_id = e.run_id AND s.step_index = e.step_index
    WHERE e.run_id IN (SELECT id FROM runs ${where})
    GROUP BY r.journey, e.step_index, s.name, e.method, e.host, e.path, e.status
    ORDER BY r.journey${collate}, e.step_index, e.host${collate}, e.path${collate}, e.method${collate}, e.status`;
}

/** One row of {@link coverageSql}'s result as a {@link CoverageRow}; drivers differ in number types, so all are converted. */
export function toCoverageRow(row: Record<string, unknown>): CoverageRow {
  return {
    journey: String(row.journey),
    step: Number(row.step),
    stepName: row.step_name === null ? undefined : String(row.step_name),
    method: String(row.method),
    host: String(row.host),
    path: String(row.path),
    status: Number(row.status),
    runs: Number(row.runs),
    requests: Number(row.requests),
    meanMs: Number(row.mean_ms),
    lastSeen: new Date(Number(row.last_seen_ms)).toISOString(),
  };
}

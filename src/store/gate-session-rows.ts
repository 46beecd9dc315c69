import type { GateKind, GateSession, GateSessionQuery } from './gate-session.js';
import type { coverageSql } from './coverage-query.js';
import { checkPage, type Placeholder } from './run-filter.js';
import { StoreError } from './store-errors.js';

/** One row of the `gate_sessions` table; the targets and CUJ tables are JSON text. */
export interface GateSessionRow {
  id: string;
  kind: string;
  started_at: string;
  started_at_ms: number;
  duration_ms: number;
  verdict: string;
  score: number | null;
  reason: string;
  interrupted: number;
  location: string;
  targets_json: string;
  cujs_json: string;
}

export const GATE_SESSION_COLUMNS = [
  'id', 'kind', 'started_at', 'started_at_ms', 'duration_ms', 'verdict', 'score', 'reason', 'interrupted', 'location', 'targets_json', 'cujs_json',
] as const satisfies readonly (keyof GateSessionRow)[];

export function toGateSessionRow(session: GateSession): GateSessionRow {
  const startedAtMs = Date.parse(session.startedAt);
  if (Number.isNaN(startedAtMs)) {
    throw new StoreError('save', 'invalid', `gate session ${session.id}: startedAt ${JSON.stringify(session.startedAt)} is not an ISO-8601 time`);
  }
  return {
    id: session.id,
    kind: session.kind,
    started_at: session.startedAt,
    started_at_ms: startedAtMs,
    duration_ms: session.durationMs,
    verdict: session.verdict,
    score: session.score,
    reason: session.reason,
    interrupted: session.interrupted ? 1 : 0,
    location: session.location,
    targets_json: JSON.stringify(session.targets),
    cujs_json: JSON.stringify(session.cujs),
  };
}

/** Drivers differ in number types (PostgreSQL's BIGINT arrives as text), so numbers are converted. */
export function fromGateSessionRow(row: GateSessionRow): GateSession {
  return {
    id: row.id,
    kind: row.kind as GateKind,
    startedAt: row.started_at,
    durationMs: Number(row.duration_ms),
    verdict: row.verdict,
    score: row.score === null ? null : Number(row.score),
    reason: row.reason,
    interrupted: Number(row.interrupted) === 1,
    location: row.location,
    targets: JSON.parse(row.targets_json) as GateSession['targets'],
    cujs: JSON.parse(row.cujs_json) as GateSession['cujs'],
  };
}

export function insertGateSessionSql(placeholder: Placeholder): string {
  return `INSERT INTO gate_sessions (${GATE_SESSION_COLUMNS.join(', ')}) VALUES (${GATE_SESSION_COLUMNS.map((_, i) => placeholder(i + 1)).join(', ')})`;
}

export function gateSessionParams(session: GateSession): (string | number | null)[] {
  const row = toGateSessionRow(session);
  return GATE_SESSION_COLUMNS.map((column) => row[column]);
}

/**
 * The newest-first page of sessions `query` asks for. `noLimit` is what the database takes for
 * "no LIMIT" (SQLite -1, PostgreSQL NULL); `collate` as in {@link coverageSql}.
 */
export function selectGateSessions(
  query: GateSessionQuery,
  placeholder: Placeholder,
  noLimit: number | null,
  collate = '',
): { sql: string; params: (string | number | null)[] } {
  checkPage(query);
  const params: (string | number | null)[] = [];
  const next = (value: string | number | null) => placeholder(params.push(value));
  const where = query.kind === undefined ? '' : `WHERE kind = ${next(query.kind)}`;
  const sql = `SELECT * FROM gate_sessions ${where} ORDER BY started_at_ms DESC, id${collate} DESC LIMIT ${next(query.limit ?? noLimit)} OFFSET ${next(query.offset ?? 0)}`;
  return { sql, params };
}

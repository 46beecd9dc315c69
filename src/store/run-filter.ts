import type { RunQuery } from './result-store.js';
import { StoreError } from './store-errors.js';

/** A WHERE clause (empty when nothing is filtered) and its positional parameters, in order. */
export interface RunFilter {
  where: string;
  params: (string | number)[];
}

/**
 * Writes the placeholder for the parameter at 1-based `position`: `?` for SQLite,
 * `$1`, `$2`, … for PostgreSQL (see {@link numberedPlaceholder}).
 */
export type Placeholder = (position: number) => string;

/** SQLite's anonymous positional placeholder. */
export const questionMark: Placeholder = () => '?';

/** PostgreSQL's numbered placeholder, `$<position>`. */
export const numberedPlaceholder: Placeholder = (position) => `$${position}`;

/**
 * Turns the filtering part of a {@link RunQuery} into SQL over the `runs` table.
 * Placeholders are written by `placeholder`, numbered from 1 in the order of `params`; further
 * parameters (LIMIT, OFFSET) continue at `params.length + 1`.
 */
export function runFilter(query: RunQuery, placeholder: Placeholder = questionMark): RunFilter {
  const conditions: string[] = [];
  const params: (string | number)[] = [];
  const next = (value: string | number): string => placeholder(params.push(value));
  const matchAny = (column: string, value: string | readonly string[] | undefined): void => {
    if (value === undefined) return;
    const values = typeof value === 'string' ? [value] : value;
    // `IN ()` is not valid SQL; an empty list means "none of these", which no run matches.
    conditions.push(values.length === 0 ? '1 = 0' : `${column} IN (${values.map(next).join(', ')})`);
  };
  matchAny('journey', query.journey);
  matchAny('cuj_id', query.cuj);
  matchAny('location', query.location);
  matchAny('target_name', query.target);
  matchAny('status', query.status);
  matchAny('session_id', query.sessionId);
  if (query.from !== undefined) conditions.push(`started_at_ms >= ${next(epochMs('from', query.from))}`);
  if (query.to !== undefined) conditions.push(`started_at_ms < ${next(epochMs('to', query.to))}`);
  return { where: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`, params };
}

/** Throws an `invalid` StoreError unless `limit` and `offset` are absent or whole numbers ≥ 0. */
export function checkPage(query: Pick<RunQuery, 'limit' | 'offset'>): void {
  for (const field of ['limit', 'offset'] as const) {
    const value = query[field];
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
      throw new StoreError('query', 'invalid', `${field} must be a whole number ≥ 0, got ${value}`);
    }
  }
}

function epochMs(field: string, value: Date | string): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new StoreError('query', 'invalid', `${field} ${JSON.stringify(value)} is not a time`);
  return ms;
}

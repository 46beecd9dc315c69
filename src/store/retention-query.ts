import type { Placeholder } from './run-filter.js';
import { StoreError } from './store-errors.js';

/** A statement with its positional parameters. */
export interface Statement {
  sql: string;
  params: number[];
}

/**
 * One batch of retention as one statement: deletes at most `limit` of the oldest runs that started
 * before `before`. Their steps and endpoints go with them (`ON DELETE CASCADE`). Both stores run it;
 * the subquery walks the `runs_started_at` index, so a batch costs its size, not the table's.
 * Throws an `invalid` StoreError for a time that is not one or a limit that is not a whole number ≥ 1.
 */
export function deleteRunsBeforeStatement(before: Date, limit: number, placeholder: Placeholder): Statement {
  const beforeMs = before.getTime();
  if (Number.isNaN(beforeMs)) throw new StoreError('delete', 'invalid', 'the cutoff is not a time');
  if (!Number.isSafeInteger(limit) || limit < 1) throw new StoreError('delete', 'invalid', `limit must be a whole number ≥ 1, got ${limit}`);
  const sql = `DELETE FROM runs WHERE id IN (
    SELECT id FROM runs WHERE started_at_ms < ${placeholder(1)} ORDER BY started_at_ms LIMIT ${placeholder(2)})`;
  return { sql, params: [beforeMs, limit] };
}

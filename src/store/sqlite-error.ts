import { StoreError, type StoreErrorKind } from './store-errors.js';

// SQLite primary result codes (https://sqlite.org/rescode.html). Extended codes keep the primary
// code in their low byte, e.g. SQLITE_BUSY_SNAPSHOT (517) & 0xff = SQLITE_BUSY.
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_CONSTRAINT = 19;

/** Wraps what node:sqlite threw as a {@link StoreError}, so callers see one error type with a kind. */
export function toStoreError(operation: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StoreError(operation, kindOf(error), message, { cause: error });
}

function kindOf(error: unknown): StoreErrorKind {
  const errcode = (error as { errcode?: unknown } | null)?.errcode;
  if (typeof errcode !== 'number') return 'failed';
  const primary = errcode & 0xff;
  if (primary === SQLITE_BUSY || primary === SQLITE_LOCKED) return 'busy';
  if (primary === SQLITE_CONSTRAINT) return 'conflict';
  return 'failed';
}

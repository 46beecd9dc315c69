import { StoreError, type StoreErrorKind } from './store-errors.js';

// SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html) worth trying
// again: the same statement may well succeed once the other transaction or the outage is gone.
const RETRYABLE_CODES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available (lock_timeout)
  '57014', // query_canceled (statement_timeout)
  '53300', // too_many_connections
  '57P01', // admin_shutdown (connection terminated)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (server starting up)
]);
const CONFLICT_CODES = new Set([
  '23505', // unique_violation: the run id is already stored
  '23503', // foreign_key_violation
  '23P01', // exclusion_violation
]);
const INVALID_CODES = new Set([
  '23502', // not_null_violation: e.g. NaN, which JSON carries as null
  '23514', // check_violation
]);
// Errors Node raises when the server cannot be reached or the socket breaks.
const RETRYABLE_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// pg reports a dropped connection and a full pool's wait as plain Errors without a code.
const RETRYABLE_DRIVER_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Connection ended unexpectedly/i;

/**
 * Wraps what `pg` threw as a {@link StoreError}. `secrets` (the connection password) are cut out of
 * the message; when the driver's message quoted one, its error is not kept as `cause` either.
 */
export function postgresStoreError(operation: string, error: unknown, secrets: readonly string[] = []): StoreError {
  if (error instanceof StoreError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const message = hideSecrets(raw, secrets);
  return new StoreError(operation, postgresErrorKind(error), message, message === raw ? { cause: error } : {});
}

/** The {@link StoreErrorKind} for an error from `pg` (a server error with a SQLSTATE, a socket error, or the driver's own). */
export function postgresErrorKind(error: unknown): StoreErrorKind {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return kindOfCode(code);
  if (error instanceof Error && RETRYABLE_DRIVER_MESSAGES.test(error.message)) return 'busy';
  return 'failed';
}

function kindOfCode(code: string): StoreErrorKind {
  if (RETRYABLE_CODES.has(code) || RETRYABLE_NETWORK_CODES.has(code)) return 'busy';
  // Class 08: connection exceptions (the connection failed or was lost).
  if (code.startsWith('08')) return 'busy';
  if (CONFLICT_CODES.has(code)) return 'conflict';
  // Class 22: data exceptions (bad number or text, e.g. a NUL character, a value out of range).
  if (INVALID_CODES.has(code) || code.startsWith('22')) return 'invalid';
  return 'failed';
}

function hideSecrets(message: string, secrets: readonly string[]): string {
  return secrets.filter((secret) => secret !== '').reduce((text, secret) => text.split(secret).join('***'), message);
}

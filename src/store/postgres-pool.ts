import pg, { type Pool } from 'pg';

/** How the PostgreSQL store connects. */
export interface PostgresPoolOptions {
  /**
   * How long a statement waits for a lock held by another transaction before failing as `busy`
   * (PostgreSQL's `lock_timeout`). Default 5000; values below 1 ms are raised to 1, because 0 would
   * mean "wait forever" to PostgreSQL but "do not wait" to SQLite.
   */
  busyTimeoutMs?: number;
  /** How long to wait for a connection (to the server, or a free one in the pool) before failing as `busy`. Default 10000. */
  connectTimeoutMs?: number;
  /** Most connections this store holds open at once. Default 10. */
  maxConnections?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_CONNECTIONS = 10;
const INT8_OID = 20;

/**
 * A connection pool for `url`. BIGINT (`started_at_ms`, `COUNT(*)`, `SUM(integer)`) is read as a
 * number, not pg's default string: epoch milliseconds and row counts stay far below 2^53.
 * Set per pool rather than through `pg.types`, so other users of `pg` in the process are untouched.
 */
export function createPostgresPool(url: string, options: PostgresPoolOptions = {}): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    application_name: 'outpost',
    lock_timeout: Math.max(1, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS),
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    max: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    // An idle pool must not keep a CLI process alive after its work is done.
    allowExitOnIdle: true,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection that the server drops (restart, failover, pg_terminate_backend) emits
  // 'error' on the pool; unhandled, that would crash the process. The pool has already discarded
  // the connection and the next call opens a new one, so there is nothing more to do.
  pool.on('error', () => undefined);
  return pool;
}

/** The password parts of a connection URL (as written and decoded), to keep them out of messages. */
export function connectionSecrets(url: string): string[] {
  if (!URL.canParse(url)) return [];
  const parsed = new URL(url);
  const written = [parsed.password, parsed.searchParams.get('password') ?? '', parsed.searchParams.get('sslpassword') ?? ''];
  return [...new Set([...written, ...written.map(safeDecode)])].filter((secret) => secret !== '');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

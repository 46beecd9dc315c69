import type { Pool, QueryResult, QueryResultRow } from 'pg';
import { StoreError, openMigratedPostgresPool, postgresStoreError, type PostgresPoolOptions } from '../../store/index.js';

/** How coordination connects to PostgreSQL: the result store's pool options. */
export type PostgresCoordinationOptions = PostgresPoolOptions;

// Claims are short single statements; a replica seldom has more than a few in flight.
const DEFAULT_MAX_CONNECTIONS = 4;

/**
 * A connection pool to the result store's database for the scheduler's coordination tables.
 * Every failure surfaces as a {@link StoreError} (`busy` when trying again may help), with the
 * password cut out, as the store's own errors are.
 */
export class PostgresCoordinationPool {
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly secrets: readonly string[],
  ) {}

  /**
   * Connects to `url` and brings the schema up to date (the same migrations as the result store,
   * so the `slots` table exists whichever opens first). Throws `SchemaVersionError` for a database
   * written by a newer Outpost, `StoreError` otherwise.
   */
  static async open(url: string, options: PostgresCoordinationOptions = {}): Promise<PostgresCoordinationPool> {
    const { pool, secrets } = await openMigratedPostgresPool(url, { maxConnections: DEFAULT_MAX_CONNECTIONS, ...options });
    return new PostgresCoordinationPool(pool, secrets);
  }

  /** Runs one statement (its own transaction). */
  async query<R extends QueryResultRow>(operation: string, sql: string, params: readonly unknown[]): Promise<QueryResult<R>> {
    if (this.closed) throw new StoreError(operation, 'closed', 'the coordination pool is closed');
    try {
      return await this.pool.query<R>(sql, [...params]);
    } catch (error) {
      if (this.closed) throw new StoreError(operation, 'closed', 'the coordination pool was closed during the call', { cause: error });
      throw postgresStoreError(operation, error, this.secrets);
    }
  }

  /** Ends every connection. Calling it again does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

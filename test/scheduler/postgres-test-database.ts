import type pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server.js';

/** A real PostgreSQL for a describe block, and an empty database for each of its tests. */
export interface TestDatabase {
  readonly server: PostgresServer;
  /** The current test's database. */
  readonly name: string;
  readonly url: string;
  /** Runs SQL as the superuser in the current test's database. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
}

/** Registers the hooks (call it inside the describe block); databases are named `<prefix>_1`, `<prefix>_2`, … */
export function useTestDatabase(prefix: string): TestDatabase {
  let server: PostgresServer | undefined;
  let count = 0;
  let name = '';
  let url = '';
  const started = (): PostgresServer => {
    if (server === undefined) throw new Error('PostgreSQL has not started');
    return server;
  };

  beforeAll(async () => {
    server = await startPostgres();
  });

  afterAll(async () => {
    await server?.stop();
  });

  beforeEach(async () => {
    name = `${prefix}_${++count}`;
    url = await started().createDatabase(name);
  });

  return {
    get server() {
      return started();
    },
    get name() {
      return name;
    },
    get url() {
      return url;
    },
    query: (sql, params = []) => started().query(sql, params, name),
  };
}

import type { Pool, PoolClient } from 'pg';
import { postgresStoreError } from './postgres-error.js';
import { inPostgresTransaction } from './postgres-transaction.js';
import { driveAsync, ProgramAbort, type ProgramRunner, type SqlRow, type Statement, type StatementResult } from './sql-program.js';
import { StoreError } from './store-errors.js';

/**
 * Runs store programs on a PostgreSQL pool: with `transaction`, every statement on one connection
 * between BEGIN and COMMIT (rolled back when the program throws). `isClosed` tells a call cut
 * short by the store's close() from a database failure.
 */
export function postgresProgramRunner(pool: Pool, secrets: readonly string[], isClosed: () => boolean): ProgramRunner {
  const on = (client: Pool | PoolClient) => async (statement: Statement): Promise<StatementResult> => {
    const result = await client.query<SqlRow>(statement.sql, [...statement.params]);
    return { rows: result.rows, changes: result.rowCount ?? 0 };
  };
  return {
    run: async (program, { operation, transaction }) => {
      if (isClosed()) throw new StoreError(operation, 'closed', 'the store is closed');
      try {
        if (!transaction) return await driveAsync(program(), on(pool));
        return await inPostgresTransaction(pool, (client) => driveAsync(program(), on(client)));
      } catch (error) {
        if (error instanceof ProgramAbort) throw error;
        if (isClosed()) throw new StoreError(operation, 'closed', 'the store was closed during the call', { cause: error });
        throw postgresStoreError(operation, error, secrets);
      }
    },
  };
}

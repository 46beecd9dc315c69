import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { driveSync, ProgramAbort, toSqlitePlaceholders, type ProgramRunner, type SqlRow, type Statement, type StatementResult } from './sql-program.js';
import { toStoreError } from './sqlite-error.js';
import { StoreError } from './store-errors.js';
import { inTransaction } from './sqlite-transaction.js';

// Prepared statements are reused by their SQL text; a few shapes vary with list lengths, so the cache is bounded.
const MAX_CACHED_STATEMENTS = 200;

/**
 * Runs store programs on a SQLite connection. The driver is synchronous, so a program runs to its
 * end without yielding to other work: with `transaction`, inside one `BEGIN IMMEDIATE` write lock.
 */
export function sqliteProgramRunner(db: DatabaseSync): ProgramRunner {
  const cache = new Map<string, StatementSync>();
  const prepare = (sql: string): StatementSync => {
    const cached = cache.get(sql);
    if (cached !== undefined) return cached;
    if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
    const statement = db.prepare(toSqlitePlaceholders(sql));
    cache.set(sql, statement);
    return statement;
  };
  const execute = (statement: Statement): StatementResult => {
    const prepared = prepare(statement.sql);
    if (statement.read === 'rows') return { rows: prepared.all(...statement.params) as SqlRow[], changes: 0 };
    return { rows: [], changes: Number(prepared.run(...statement.params).changes) };
  };
  return {
    run: async (program, { operation, transaction }) => {
      if (!db.isOpen) throw new StoreError(operation, 'closed', 'the store is closed');
      try {
        return transaction ? inTransaction(db, () => driveSync(program(), execute)) : driveSync(program(), execute);
      } catch (error) {
        if (error instanceof ProgramAbort) throw error;
        throw toStoreError(operation, error);
      }
    },
  };
}

import type { DatabaseSync } from 'node:sqlite';

/**
 * Runs `work` in one transaction: committed when it returns, rolled back when it throws.
 * `BEGIN IMMEDIATE` takes the write lock up front, so a busy database waits (busy timeout) and then
 * fails at the start, instead of failing halfway when a read lock cannot be upgraded.
 */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const value = work();
    db.exec('COMMIT');
    return value;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * A store operation written once for both databases: a generator that yields SQL statements and
 * receives their results. SQLite (synchronous driver) runs it in one go inside its write lock;
 * PostgreSQL runs it statement by statement on one connection. Statements use `$1, $2, …`
 * placeholders; the SQLite runner rewrites them to SQLite's equivalent `?1, ?2, …`.
 */

export type SqlValue = string | number | null;
export type SqlRow = Record<string, unknown>;

/** `rows`: read the rows (SELECT, or RETURNING); `changes`: count the rows changed. */
export interface Statement {
  sql: string;
  params: readonly SqlValue[];
  read: 'rows' | 'changes';
}

export interface StatementResult {
  rows: SqlRow[];
  changes: number;
}

/** A store operation: yields statements, gets each one's result back, returns its value. */
export type Program<T> = Generator<Statement, T, StatementResult>;

/** How a runner executes a program. */
export interface ProgramOptions {
  /** Named in errors (`store <operation> failed …`). */
  operation: string;
  /** All statements in one transaction (a program with one statement needs none). */
  transaction: boolean;
}

/**
 * Thrown by a program to roll its transaction back on purpose (not a database failure): runners
 * pass it through unchanged instead of wrapping it in a StoreError.
 */
export class ProgramAbort extends Error {}

/** Runs programs against one database. */
export interface ProgramRunner {
  run<T>(program: () => Program<T>, options: ProgramOptions): Promise<T>;
}

export function rowsOf(sql: string, params: readonly SqlValue[] = []): Statement {
  return { sql, params, read: 'rows' };
}

export function changesOf(sql: string, params: readonly SqlValue[] = []): Statement {
  return { sql, params, read: 'changes' };
}

/** Drives `program` synchronously with `execute` answering each statement. */
export function driveSync<T>(program: Program<T>, execute: (statement: Statement) => StatementResult): T {
  let step = program.next();
  while (!step.done) step = program.next(execute(step.value));
  return step.value;
}

/** Drives `program`, awaiting `execute` for each statement. */
export async function driveAsync<T>(program: Program<T>, execute: (statement: Statement) => Promise<StatementResult>): Promise<T> {
  let step = program.next();
  while (!step.done) step = program.next(await execute(step.value));
  return step.value;
}

/** `$1` → `?1`: SQLite's numbered parameters bind the same positional values. */
export function toSqlitePlaceholders(sql: string): string {
  return sql.replace(/\$(\d+)/g, '?$1');
}

/** `$<first>, $<first+1>, …` for a list of `count` values (an `IN (…)` list). */
export function placeholderList(first: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `$${first + i}`).join(', ');
}

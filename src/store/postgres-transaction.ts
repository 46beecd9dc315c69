import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction on one pooled connection: committed when it resolves, rolled back
 * when it rejects. A connection whose rollback failed, or that the server dropped meanwhile, is
 * closed rather than handed back to the pool.
 */
export async function inPostgresTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const { client, onError, state } = await begin(pool);
  let broken: Error | undefined;
  try {
    const value = await work(client);
    await client.query('COMMIT');
    return value;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.removeListener('error', onError);
    client.release(broken ?? state.broken);
  }
}

/**
 * A pooled connection with a transaction begun. An idle connection the server dropped a moment ago
 * may still be handed out before the pool notices: when BEGIN fails on it, nothing was done, so
 * one fresh connection is tried.
 */
async function begin(pool: Pool, retry = true): Promise<{ client: PoolClient; onError: (error: Error) => void; state: { broken?: Error } }> {
  const client = await pool.connect();
  const state: { broken?: Error } = {};
  // A checked-out connection that the server drops emits 'error' (the pool only listens to idle
  // ones); unheard, that would crash the process. The query in flight rejects on its own.
  const onError = (error: Error) => {
    state.broken = error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    return { client, onError, state };
  } catch (error) {
    client.removeListener('error', onError);
    client.release(error instanceof Error ? error : new Error(String(error)));
    if (!retry) throw error;
    return begin(pool, false);
  }
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { leaderLockKey } from '../../src/scheduler/coordination/postgres-leader-lock-key.js';
import { PostgresLeaderLease, type PostgresLeaderLeaseOptions } from '../../src/scheduler/coordination/postgres-leader-lease.js';
import type { StoreError } from '../../src/store/store-errors.js';
import { freePort } from '../helpers/free-port.js';
import { postgresMissingReason } from '../helpers/postgres-server.js';
import { useTestDatabase } from './postgres-test-database.js';

if (postgresMissingReason) console.warn(`[postgres-leader-lease] skipping the real-PostgreSQL leader lease tests: ${postgresMissingReason}`);

describe.skipIf(postgresMissingReason !== undefined)('PostgresLeaderLease on a real PostgreSQL', () => {
  const db = useTestDatabase('lease');
  let leases: PostgresLeaderLease[];
  let errors: StoreError[][];

  /** A replica's lease; what it reports to `onError` lands in `errors[i]`. */
  const replica = (options: PostgresLeaderLeaseOptions = {}, location = db.url): PostgresLeaderLease => {
    const reported: StoreError[] = [];
    errors.push(reported);
    const lease = new PostgresLeaderLease(location, { onError: (error) => reported.push(error), ...options });
    leases.push(lease);
    return lease;
  };
  const ask = (replicas: readonly PostgresLeaderLease[]) => Promise.all(replicas.map((lease) => lease.isLeader()));
  const onlyOne = (answers: readonly boolean[]) => answers.filter(Boolean).length === 1;

  /** Backends holding the lease's lock, found the way the lock key's documentation says. */
  const holders = async (scope?: string): Promise<number[]> => {
    const rows = await db.query<{ pid: number }>(
      `SELECT pid FROM pg_locks
       WHERE locktype = 'advisory' AND objsubid = 1 AND granted AND (classid::bigint << 32 | objid::bigint) = $1::bigint`,
      [leaderLockKey(scope)],
    );
    return rows.map((row) => row.pid);
  };

  beforeEach(() => {
    leases = [];
    errors = [];
  });

  afterEach(async () => {
    for (const lease of leases) await lease.release();
  });

  it('makes exactly one of three replicas the leader, and keeps it there', async () => {
    const replicas = [replica(), replica(), replica()];
    const first = await ask(replicas);
    expect(onlyOne(first)).toBe(true);
    expect(await ask(replicas)).toEqual(first);
    expect(await holders()).toHaveLength(1);
    expect(errors.flat()).toEqual([]);
  });

  it("moves to another replica when the leader's connection is killed", async () => {
    const replicas = [replica(), replica(), replica()];
    const leader = (await ask(replicas)).indexOf(true);
    const [pid] = await holders();
    const [terminated] = await db.query<{ done: boolean }>('SELECT pg_terminate_backend($1, 10000) AS done', [pid]);
    expect(terminated?.done).toBe(true);

    const survivors = replicas.filter((_, i) => i !== leader);
    expect(onlyOne(await ask(survivors))).toBe(true);
    expect(await replicas[leader]!.isLeader()).toBe(false);
    expect(await holders()).toHaveLength(1);
    expect(errors[leader]).toHaveLength(1);
    expect(errors[leader]![0]).toMatchObject({ name: 'StoreError', operation: 'lead', kind: 'busy' });
  });

  it('answers false once after its session was lost, then wins the lock back on a new session', async () => {
    const lease = replica();
    expect(await lease.isLeader()).toBe(true);
    const [pid] = await holders();
    await db.query('SELECT pg_terminate_backend($1, 10000)', [pid]);
    expect(await lease.isLeader()).toBe(false);
    expect(await lease.isLeader()).toBe(true);
    const [newPid] = await holders();
    expect(newPid).not.toBe(pid);
  });

  it('hands over on release; a released lease never leads again', async () => {
    const [a, b] = [replica(), replica()];
    expect(await a.isLeader()).toBe(true);
    expect(await b.isLeader()).toBe(false);
    await a.release();
    expect(await b.isLeader()).toBe(true);
    expect(await a.isLeader()).toBe(false);
    await b.release();
    expect(await a.isLeader()).toBe(false);
    expect(await holders()).toEqual([]);
  });

  it('answers concurrent questions over one session', async () => {
    const lease = replica();
    expect(await Promise.all([lease.isLeader(), lease.isLeader(), lease.isLeader()])).toEqual([true, true, true]);
    const sessions = await db.query("SELECT 1 FROM pg_stat_activity WHERE application_name = 'outpost-leader' AND datname = $1", [db.name]);
    expect(sessions).toHaveLength(1);
  });

  it('elects one leader per scope', async () => {
    const alerts = [replica({ scope: 'alerts' }), replica({ scope: 'alerts' })];
    const retention = [replica({ scope: 'retention' }), replica({ scope: 'retention' })];
    expect(onlyOne(await ask(alerts))).toBe(true);
    expect(onlyOne(await ask(retention))).toBe(true);
    expect(await holders('alerts')).toHaveLength(1);
    expect(await holders('retention')).toHaveLength(1);
    expect(leaderLockKey('alerts')).not.toBe(leaderLockKey('retention'));
  });

  it('is not the leader while the database cannot be reached, and says why without the password', async () => {
    const lease = replica({ connectTimeoutMs: 2000 }, `postgres://outpost:s3cret-pw@127.0.0.1:${await freePort()}/nowhere`);
    expect(await lease.isLeader()).toBe(false);
    expect(await lease.isLeader()).toBe(false);
    const reported = errors[0]!;
    expect(reported).toHaveLength(2);
    expect(reported[0]).toMatchObject({ operation: 'lead', kind: 'busy', retryable: true });
    expect(JSON.stringify(reported.map((error) => error.message))).not.toContain('s3cret-pw');
  });
});

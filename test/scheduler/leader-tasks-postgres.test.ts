import { afterEach, describe, expect, it } from 'vitest';
import { leaderLockKey } from '../../src/scheduler/coordination/postgres-leader-lock-key.js';
import { LeaderTasks, PostgresLeaderLease, runWhileLeader, type LeaderTask, type LogFields, type Logger } from '../../src/scheduler/index.js';
import { postgresMissingReason } from '../helpers/postgres-server.js';
import { eventually } from '../serve/serve-harness.js';
import { useTestDatabase } from './postgres-test-database.js';

if (postgresMissingReason) console.warn(`[leader-tasks-postgres] skipping the real-PostgreSQL leader task tests: ${postgresMissingReason}`);

/** One replica's leader-only work: a task that records each round and whether its lease was aborted. */
interface Replica {
  name: string;
  lease: PostgresLeaderLease;
  leader: LeaderTasks;
  rounds: { at: number; signal: AbortSignal }[];
  events: string[];
}

describe.skipIf(postgresMissingReason !== undefined)('leader-only tasks on a real PostgreSQL lease', () => {
  const db = useTestDatabase('leader_tasks');
  let replicas: Replica[] = [];

  afterEach(async () => {
    for (const replica of replicas) {
      await replica.leader.stop(5_000);
      await replica.lease.release();
    }
    replicas = [];
  });

  /** Wired the way serve wires it: the lease's connection errors trigger an immediate re-check. */
  const replica = (name: string): Replica => {
    const rounds: Replica['rounds'] = [];
    const events: string[] = [];
    const log = (event: string, _fields?: LogFields) => void events.push(event);
    const logger: Logger = { info: log, warn: log, error: log };
    const task: LeaderTask = {
      name: 'work',
      intervalMs: 20,
      run: async (at, signal) => void rounds.push({ at, signal }),
    };
    let leader: LeaderTasks | undefined;
    const lease = new PostgresLeaderLease(db.url, { onError: () => leader?.recheck() });
    leader = runWhileLeader(lease, [task], { checkEveryMs: 100, logger });
    const created = { name, lease, leader, rounds, events };
    replicas.push(created);
    return created;
  };

  const lockHolders = async (): Promise<number[]> =>
    (await db.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND granted AND (classid::bigint << 32 | objid::bigint) = $1::bigint`,
      [leaderLockKey()],
    )).map((row) => row.pid);

  it('runs the task on exactly one of two replicas, and takes it over when the holder dies', async () => {
    const [a, b] = [replica('a'), replica('b')];
    await eventually(() => a.rounds.length + b.rounds.length >= 3, 'rounds on the leader', 20_000);
    const [holder, standby] = a.leader.leading ? [a, b] : [b, a];
    expect(holder.leader.leading).toBe(true);
    await eventually(() => standby.events.includes('leader.standby'), 'the standby to have checked', 20_000);
    expect(standby.leader.leading).toBe(false);
    expect(standby.rounds).toEqual([]);
    expect(await lockHolders()).toHaveLength(1);

    // The holder's process dies: its loop stops (without releasing anything) and its session ends,
    // as the server sees a SIGKILLed replica's socket close.
    await holder.leader.stop();
    const [pid] = await lockHolders();
    await db.query('SELECT pg_terminate_backend($1, 10000)', [pid]);

    await eventually(() => standby.rounds.length > 0, 'the standby to run the task', 20_000);
    expect(standby.leader.leading).toBe(true);
    expect(standby.events).toContain('leader.acquired');
    expect(await lockHolders()).toHaveLength(1);
  });

  it("stops the holder's task when its lease connection drops; one replica leads afterwards", async () => {
    const [a, b] = [replica('a'), replica('b')];
    await eventually(() => a.rounds.length + b.rounds.length >= 3, 'rounds on the leader', 20_000);
    const [holder, standby] = a.leader.leading ? [a, b] : [b, a];
    const before = { holder: holder.rounds.length, standby: standby.rounds.length };
    const [pid] = await lockHolders();
    await db.query('SELECT pg_terminate_backend($1, 10000)', [pid]);

    await eventually(() => holder.events.includes('leader.lost'), 'the holder to notice', 20_000);
    // Every round it ran under the lost session was told to stop.
    expect(holder.rounds.slice(0, before.holder).every((round) => round.signal.aborted)).toBe(true);
    // Then whichever replica wins the lock (the standby, or the old holder on a new session) runs the task.
    await eventually(() => holder.rounds.length > before.holder || standby.rounds.length > before.standby, 'a new term', 20_000);
    await eventually(async () => (await lockHolders()).length === 1 && a.leader.leading !== b.leader.leading, 'one leader', 20_000);
    const winner = a.leader.leading ? a : b;
    const loser = winner === a ? b : a;
    const since = Date.now();
    await eventually(() => winner.rounds.some((round) => round.at > since), 'rounds of the new leader', 20_000);
    expect(loser.rounds.filter((round) => round.at > since)).toEqual([]);
  });

  it('hands over when the leader stops and releases its lease (rolling update)', async () => {
    const [a, b] = [replica('a'), replica('b')];
    await eventually(() => a.leader.leading || b.leader.leading, 'a leader', 20_000);
    const [holder, standby] = a.leader.leading ? [a, b] : [b, a];
    await holder.leader.stop();
    await holder.lease.release();
    await eventually(() => standby.rounds.length > 0, 'the standby to run the task', 20_000);
    expect(standby.leader.leading).toBe(true);
  });
});

import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostgresSlotClaims } from '../../src/scheduler/coordination/postgres-slot-claims.js';
import { slotKey, type Slot } from '../../src/scheduler/coordination/slot-claims.js';
import { minimalResult } from '../../src/store/journey-result-fixture.js';
import { openStore } from '../../src/store/open-store.js';
import { applyRetention } from '../../src/store/retention.js';
import { StoreError } from '../../src/store/store-errors.js';
import { postgresMissingReason } from '../helpers/postgres-server.js';
import { useTestDatabase } from './postgres-test-database.js';

if (postgresMissingReason) console.warn(`[postgres-slot-claims] skipping the real-PostgreSQL slot claim tests: ${postgresMissingReason}`);

const T0 = Date.UTC(2025, 5, 1, 12);
const MINUTE = 60_000;
const LEASE = 30_000;

/** `count` slots at `location`: five journeys, one slot each per minute from T0. */
const slotsOf = (count: number, location = 'eu'): Slot[] =>
  Array.from({ length: count }, (_, i) => ({ journey: `journey-${i % 5}`, location, plannedAt: T0 + Math.floor(i / 5) * MINUTE }));

const keys = (slots: readonly Slot[]): string[] => slots.map(slotKey).sort();

interface SlotRow {
  journey: string;
  location: string;
  planned_at_ms: string;
  owner: string;
  status: string;
  run_id: string | null;
}

describe.skipIf(postgresMissingReason !== undefined)('PostgresSlotClaims on a real PostgreSQL', () => {
  const db = useTestDatabase('claims');
  let opened: PostgresSlotClaims[];

  /** A replica: its own claims object, with its own connection pool. */
  const replica = async (now?: () => number): Promise<PostgresSlotClaims> => {
    // A short busy timeout: a takeover that waited on another's locks would fail fast instead of passing late.
    const claims = await PostgresSlotClaims.open(db.url, { now, busyTimeoutMs: 1000 });
    opened.push(claims);
    return claims;
  };
  const rows = (where = 'TRUE') => db.query<SlotRow>(`SELECT * FROM slots WHERE ${where} ORDER BY planned_at_ms, journey`);
  const rowOf = async (slot: Slot) => (await rows(`journey = '${slot.journey}' AND location = '${slot.location}' AND planned_at_ms = ${slot.plannedAt}`))[0];

  beforeEach(() => {
    opened = [];
  });

  afterEach(async () => {
    for (const claims of opened) await claims.close();
  });

  it('gives each of 200 slots to exactly one of three replicas claiming all of them at once', async () => {
    const replicas = await Promise.all(['a', 'b', 'c'].map(() => replica()));
    const slots = slotsOf(200);
    const attempts = replicas.flatMap((claims, i) =>
      slots.map(async (slot) => ({ slot, owner: `replica-${i}`, won: await claims.claim(slot, `replica-${i}`, LEASE) })),
    );
    const winners = (await Promise.all(attempts)).filter((attempt) => attempt.won);
    expect(keys(winners.map((w) => w.slot))).toEqual(keys(slots));
    const stored = await rows();
    expect(stored).toHaveLength(200);
    const ownerOf = new Map(stored.map((row) => [`${row.journey}@${row.location}@${row.planned_at_ms}`, row.owner]));
    for (const { slot, owner } of winners) expect(ownerOf.get(slotKey(slot))).toBe(owner);
  });

  it("hands a dead replica's expired slots to two survivors taking over at once, each slot once", async () => {
    const clock = () => T0;
    const [dead, b, c] = [await replica(clock), await replica(clock), await replica(clock)];
    const orphans = slotsOf(200);
    expect(await Promise.all(orphans.map((slot) => dead.claim(slot, 'dead', LEASE)))).toEqual(orphans.map(() => true));
    // Not to be taken: another location's orphan, a live lease, and a completed slot whose lease ended.
    const elsewhere = slotsOf(1, 'us')[0]!;
    const live: Slot = { journey: 'live', location: 'eu', plannedAt: T0 };
    const done: Slot = { journey: 'done', location: 'eu', plannedAt: T0 };
    await dead.claim(elsewhere, 'dead', LEASE);
    await b.claim(live, 'b', 10 * LEASE);
    await b.claim(done, 'b', 1);
    await b.complete(done, 'b', 'run-done');
    await dead.close();

    expect(await b.takeOverExpired('eu', 'b', T0 + LEASE - 1, LEASE, 100)).toEqual([]);
    const now = T0 + LEASE;
    const takeAll = async (claims: PostgresSlotClaims, owner: string): Promise<Slot[]> => {
      const taken: Slot[] = [];
      for (let batch = await claims.takeOverExpired('eu', owner, now, LEASE, 4); batch.length > 0; batch = await claims.takeOverExpired('eu', owner, now, LEASE, 4)) {
        expect(batch.length).toBeLessThanOrEqual(4);
        taken.push(...batch);
      }
      return taken;
    };
    const [byB, byC] = await Promise.all([takeAll(b, 'b'), takeAll(c, 'c')]);

    expect(keys([...byB, ...byC])).toEqual(keys(orphans));
    const stored = await rows("location = 'eu' AND journey LIKE 'journey-%'");
    const leaseOf = (owner: string) => ({ owner, status: 'claimed', lease_expires_at_ms: String(now + LEASE) });
    expect(stored.filter((row) => row.owner === 'b')).toEqual(byB.map(() => expect.objectContaining(leaseOf('b'))));
    expect(stored.filter((row) => row.owner === 'c')).toEqual(byC.map(() => expect.objectContaining(leaseOf('c'))));
    expect((await rows("owner = 'dead'")).map((row) => row.location)).toEqual(['us']);
    expect(await c.takeOverExpired('eu', 'c', now, LEASE, 100)).toEqual([]);
  });

  it('passes over slots another survivor is taking at that moment, without waiting for it', async () => {
    const [dead, b, c] = [await replica(() => T0), await replica(), await replica()];
    const orphans = slotsOf(20);
    for (const slot of orphans) await dead.claim(slot, 'dead', LEASE);
    await dead.close();
    // Another survivor mid-takeover: its transaction holds the row locks of journey-0's slots.
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      const locked = await other.query("SELECT 1 FROM slots WHERE journey = 'journey-0' FOR UPDATE");
      expect(locked.rowCount).toBe(4);
      const now = T0 + LEASE;
      const taken = await b.takeOverExpired('eu', 'b', now, LEASE, 100);
      expect(keys(taken)).toEqual(keys(orphans.filter((slot) => slot.journey !== 'journey-0')));
      await other.query('ROLLBACK');
      expect(keys(await c.takeOverExpired('eu', 'c', now, LEASE, 100))).toEqual(keys(orphans.filter((slot) => slot.journey === 'journey-0')));
    } finally {
      await other.end();
    }
  });

  it('takes over only the journeys asked for, and a released claim at once', async () => {
    const [dead, b, c] = [await replica(() => T0), await replica(() => T0), await replica(() => T0)];
    const orphans = slotsOf(10);
    for (const slot of orphans) await dead.claim(slot, 'dead', LEASE);
    const now = T0 + LEASE;
    const taken = await b.takeOverExpired('eu', 'b', now, LEASE, 100, ['journey-1', 'journey-3']);
    expect(keys(taken)).toEqual(keys(orphans.filter((slot) => ['journey-1', 'journey-3'].includes(slot.journey))));
    expect(await b.takeOverExpired('eu', 'b', now, LEASE, 100, [])).toEqual([]);

    // b cannot run one of them after all: it gives it back, and c takes it long before b's lease ends.
    const [back] = taken;
    await c.release(back!, 'c');
    expect(await rowOf(back!)).toMatchObject({ owner: 'b', lease_expires_at_ms: String(now + LEASE) });
    await b.release(back!, 'b');
    // The takeover names the replica whose claim expired (b, which released it).
    expect(await c.takeOverExpired('eu', 'c', now + 1, LEASE, 100, ['journey-1', 'journey-3'])).toEqual([{ ...back, previousOwner: 'b' }]);
    // A completed slot is not released.
    await c.complete(back!, 'c', 'run-c');
    await c.release(back!, 'c');
    expect(await rowOf(back!)).toMatchObject({ owner: 'c', status: 'completed', run_id: 'run-c' });
  });

  it('lets only the current owner complete a slot', async () => {
    let now = T0;
    const [a, b] = [await replica(() => now), await replica(() => now)];
    const [slot] = slotsOf(1);
    expect(await a.claim(slot!, 'a', LEASE)).toBe(true);
    await b.complete(slot!, 'b', 'run-b');
    expect(await rowOf(slot!)).toMatchObject({ owner: 'a', status: 'claimed', run_id: null });

    // a stalls past its lease; b takes the slot over; a's late completion changes nothing.
    now = T0 + LEASE;
    expect(await b.takeOverExpired('eu', 'b', now, LEASE, 10)).toEqual([{ ...slot, previousOwner: 'a' }]);
    await a.complete(slot!, 'a', 'run-a-late');
    expect(await rowOf(slot!)).toMatchObject({ owner: 'b', status: 'claimed', run_id: null });
    await b.complete(slot!, 'b', 'run-b');
    await a.complete(slot!, 'a', 'run-a-later');
    expect(await rowOf(slot!)).toMatchObject({ owner: 'b', status: 'completed', run_id: 'run-b' });

    expect(await a.claim(slot!, 'a', LEASE)).toBe(false);
    expect(await a.takeOverExpired('eu', 'a', now + 100 * LEASE, LEASE, 10)).toEqual([]);
  });

  it('prunes completed and long-abandoned slots before the retention cutoff, in batches, keeping live leases', async () => {
    const DAY = 86_400_000;
    const old = T0 - 40 * DAY;
    const [then, current] = [await replica(() => old), await replica(() => T0)];
    for (const slot of slotsOf(7).map((s) => ({ ...s, plannedAt: old + s.plannedAt - T0 }))) {
      await then.claim(slot, 'a', LEASE);
      await then.complete(slot, 'a', `run-${slotKey(slot)}`);
    }
    await then.claim({ journey: 'abandoned', location: 'eu', plannedAt: old }, 'gone', LEASE);
    // Planned before the cutoff but leased now: someone may be running it, so it stays.
    await current.claim({ journey: 'late', location: 'eu', plannedAt: old }, 'b', LEASE);
    const recentDone: Slot = { journey: 'recent-done', location: 'eu', plannedAt: T0 };
    await current.claim(recentDone, 'b', LEASE);
    await current.complete(recentDone, 'b', 'run-recent');

    const store = await openStore(db.url);
    await store.saveRuns([
      minimalResult({ id: 'old-run', startedAt: new Date(old).toISOString() }),
      minimalResult({ id: 'new-run', startedAt: new Date(T0).toISOString() }),
    ]);
    const batches: number[] = [];
    const report = await applyRetention(store, {
      maxAgeDays: 30,
      now: T0,
      batchSize: 3,
      slots: current,
      onBatch: (batch) => void (batch.table === 'slots' && batches.push(batch.deleted)),
      sleep: async () => undefined,
    });
    const kept = (await store.queryRuns()).map((run) => run.id);
    await store.close();

    expect(report).toMatchObject({ deletedRuns: 1, deletedSlots: 8 });
    expect(kept).toEqual(['new-run']);
    expect(batches).toEqual([3, 3, 2]);
    expect((await rows()).map((row) => row.journey).sort()).toEqual(['late', 'recent-done']);
  });

  it('fails with a closed StoreError after close', async () => {
    const claims = await replica();
    await claims.close();
    const error = await claims.claim(slotsOf(1)[0]!, 'a', LEASE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ operation: 'claim', kind: 'closed' });
  });
});

import { describe, expect, it } from 'vitest';
import { InMemorySlotClaims } from './in-memory-slot-claims.js';
import { SingleReplicaLease } from './single-replica-lease.js';

const slot = (plannedAt: number, journey = 'checkout', location = 'eu') => ({ journey, location, plannedAt });

describe('InMemorySlotClaims', () => {
  it('gives each slot to one owner only', async () => {
    const claims = new InMemorySlotClaims(() => 0);
    expect(await claims.claim(slot(1000), 'a', 5000)).toBe(true);
    expect(await claims.claim(slot(1000), 'b', 5000)).toBe(false);
    expect(await claims.claim(slot(1000), 'a', 5000)).toBe(false);
    expect(await claims.claim(slot(2000), 'b', 5000)).toBe(true);
  });

  it('takes over slots whose lease expired before they completed, for this location only', async () => {
    let now = 0;
    const claims = new InMemorySlotClaims(() => now);
    await claims.claim(slot(1000), 'dead', 5000);
    await claims.claim(slot(1000, 'search'), 'alive', 5000);
    await claims.claim(slot(1000, 'checkout', 'us'), 'dead', 5000);
    await claims.complete(slot(1000, 'search'), 'alive', 'run-1');
    expect(await claims.takeOverExpired('eu', 'b', 4000, 5000, 10)).toEqual([]);
    now = 6000;
    expect(await claims.takeOverExpired('eu', 'b', now, 5000, 10)).toEqual([{ ...slot(1000), previousOwner: 'dead' }]);
    // Taken over: b owns it now, under a fresh lease.
    expect(await claims.takeOverExpired('eu', 'c', now, 5000, 10)).toEqual([]);
    await claims.complete(slot(1000), 'dead', 'late-run');
    expect(await claims.takeOverExpired('eu', 'c', 12_000, 5000, 10)).toEqual([{ ...slot(1000), previousOwner: 'b' }]);
  });

  it('takes over only the journeys asked for, oldest first, and a released claim at once', async () => {
    const claims = new InMemorySlotClaims(() => 0);
    await claims.claim(slot(2000, 'search'), 'dead', 10);
    await claims.claim(slot(1000, 'checkout'), 'dead', 10);
    await claims.claim(slot(1000, 'search'), 'dead', 10);
    expect(await claims.takeOverExpired('eu', 'b', 100, 1000, 10, ['search'])).toEqual([{ ...slot(1000, 'search'), previousOwner: 'dead' }, { ...slot(2000, 'search'), previousOwner: 'dead' }]);
    await claims.release(slot(1000, 'search'), 'c');
    expect(await claims.takeOverExpired('eu', 'c', 100, 1000, 10, ['search'])).toEqual([]);
    await claims.release(slot(1000, 'search'), 'b');
    expect(await claims.takeOverExpired('eu', 'c', 100, 1000, 10, ['search'])).toEqual([{ ...slot(1000, 'search'), previousOwner: 'b' }]);
    expect(await claims.takeOverExpired('eu', 'c', 100, 1000, 10)).toEqual([{ ...slot(1000, 'checkout'), previousOwner: 'dead' }]);
  });

  it('takes over at most `limit` slots', async () => {
    const claims = new InMemorySlotClaims(() => 0);
    for (const t of [1, 2, 3]) await claims.claim(slot(t), 'dead', 10);
    expect(await claims.takeOverExpired('eu', 'b', 100, 1000, 2)).toHaveLength(2);
    expect(await claims.takeOverExpired('eu', 'b', 100, 1000, 2)).toHaveLength(1);
  });

  it('forgets claims ten minutes past their slot, completed or abandoned, but not running ones', async () => {
    let now = 0;
    const claims = new InMemorySlotClaims(() => now);
    await claims.claim(slot(0, 'done'), 'a', 1_000);
    await claims.complete(slot(0, 'done'), 'a', 'run-1');
    await claims.claim(slot(0, 'abandoned'), 'dead', 1_000);
    await claims.claim(slot(0, 'long-run'), 'a', 3_600_000);
    now = 10 * 60_000 + 1;
    await claims.claim(slot(now), 'a', 1_000);
    expect(await claims.takeOverExpired('eu', 'b', now, 1_000, 10)).toEqual([]);
    expect(await claims.claim(slot(0, 'done'), 'a', 1_000)).toBe(true);
    expect(await claims.claim(slot(0, 'long-run'), 'b', 1_000)).toBe(false);
  });

  it('fails after close', async () => {
    const claims = new InMemorySlotClaims();
    await claims.close();
    await expect(claims.claim(slot(1), 'a', 1)).rejects.toThrow(/closed/);
  });
});

describe('SingleReplicaLease', () => {
  it('leads until released', async () => {
    const lease = new SingleReplicaLease();
    expect(await lease.isLeader()).toBe(true);
    await lease.release();
    expect(await lease.isLeader()).toBe(false);
  });
});

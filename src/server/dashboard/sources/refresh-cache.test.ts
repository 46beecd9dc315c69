import { describe, expect, it } from 'vitest';
import { RefreshCache } from './refresh-cache.js';

/** A cache over a load that counts its calls and resolves when told to. */
function harness() {
  let now = 0;
  let loads = 0;
  const waiting: ((value: number) => void)[] = [];
  const cache = new RefreshCache(
    () => {
      loads += 1;
      return new Promise<number>((resolve) => waiting.push(resolve));
    },
    { maxAgeMs: 1_000, staleMs: 5_000, clock: () => now },
  );
  return {
    cache,
    loads: () => loads,
    advance: (ms: number) => (now += ms),
    finish: (value: number) => waiting.shift()!(value),
  };
}

describe('RefreshCache', () => {
  it('loads once for concurrent first requests, then answers from the kept value within maxAge', async () => {
    const h = harness();
    const first = Promise.all([h.cache.get(), h.cache.get()]);
    h.finish(1);
    expect(await first).toEqual([1, 1]);
    h.advance(999);
    expect(await h.cache.get()).toBe(1);
    expect(h.loads()).toBe(1);
  });

  it('answers the kept value past maxAge while one reload runs in the background, then the new one', async () => {
    const h = harness();
    const first = h.cache.get();
    h.finish(1);
    await first;
    h.advance(1_000);
    expect(await h.cache.get()).toBe(1);
    expect(await h.cache.get()).toBe(1);
    expect(h.loads()).toBe(2);
    h.finish(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await h.cache.get()).toBe(2);
  });

  it('waits for a fresh value past staleMs, and reports a failed load to the waiting request', async () => {
    let fail = false;
    let now = 0;
    const cache = new RefreshCache(async () => {
      if (fail) throw new Error('store closed');
      return now;
    }, { maxAgeMs: 1_000, staleMs: 5_000, clock: () => now });
    expect(await cache.get()).toBe(0);
    now = 6_000;
    expect(await cache.get()).toBe(6_000);
    fail = true;
    now = 12_000;
    await expect(cache.get()).rejects.toThrow('store closed');
  });

  it('keeps the value warm: reloads every maxAge without requests, so a late request does not wait', async () => {
    let loads = 0;
    let fail = false;
    const cache = new RefreshCache(
      async () => {
        if (fail) throw new Error('store closed');
        return ++loads;
      },
      { maxAgeMs: 20, staleMs: 40, clock: () => performance.now(), keepWarm: true },
    );
    expect(await cache.get()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    // Several reloads ran with nobody asking; the value is at most one interval old, past staleMs since the first.
    expect(loads).toBeGreaterThanOrEqual(3);
    // The request is answered from the kept value (a request past staleMs without keepWarm would start a load).
    const before = loads;
    expect(await cache.get()).toBe(before);
    // A failed reload stops the timer: no more loads until a request comes.
    fail = true;
    await new Promise((resolve) => setTimeout(resolve, 60));
    const attempts = loads;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(loads).toBe(attempts);
    cache.stop();
  });
});

import { describe, expect, it } from 'vitest';
import { Readiness, type ReadinessCheck } from './readiness.js';

/** A check that counts its calls and fails while `failing` is set. */
function counted(name: string) {
  const state = { calls: 0, failing: undefined as string | undefined };
  const check: ReadinessCheck = {
    name,
    check: async () => {
      state.calls++;
      if (state.failing !== undefined) throw new Error(state.failing);
    },
  };
  return { state, check };
}

describe('Readiness', () => {
  it('is ready when every check passes, and caches passing results', async () => {
    let now = 0;
    const browser = counted('browser');
    const readiness = new Readiness([browser.check], { passCacheMs: 10_000, now: () => now });
    expect(await readiness.report()).toMatchObject({ ready: true, checks: [{ name: 'browser', ok: true }] });
    now = 9_999;
    await readiness.report();
    expect(browser.state.calls).toBe(1);
    now = 10_000;
    await readiness.report();
    expect(browser.state.calls).toBe(2);
  });

  it('is not ready when a check fails, says why, and re-checks a failure sooner', async () => {
    let now = 0;
    const browser = counted('browser');
    const store = counted('store');
    store.state.failing = 'database is locked';
    const readiness = new Readiness([browser.check, store.check], { passCacheMs: 10_000, failCacheMs: 1_000, now: () => now });
    expect(await readiness.report()).toMatchObject({ ready: false, checks: [{ ok: true }, { name: 'store', ok: false, error: 'database is locked' }] });
    store.state.failing = undefined;
    now = 1_000;
    expect((await readiness.report()).ready).toBe(true);
    expect(browser.state.calls).toBe(1);
  });

  it('shares one running check among concurrent probes', async () => {
    const browser = counted('browser');
    const readiness = new Readiness([browser.check]);
    await Promise.all([readiness.report(), readiness.report(), readiness.report()]);
    expect(browser.state.calls).toBe(1);
  });

  it('fails a check that does not answer in time', async () => {
    const readiness = new Readiness([{ name: 'store', check: () => new Promise(() => {}) }], { timeoutMs: 10 });
    expect(await readiness.report()).toMatchObject({ ready: false, checks: [{ error: 'no answer within 10 ms' }] });
  });

  it('is not ready once shutdown began', async () => {
    const readiness = new Readiness([counted('browser').check]);
    readiness.markShuttingDown();
    expect(await readiness.report()).toMatchObject({ ready: false, shuttingDown: true });
  });
});

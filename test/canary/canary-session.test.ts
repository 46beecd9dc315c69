import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCanary, type CanarySide, type MetricResult } from '../../src/canary/index.js';
import type { FaultRule } from '../../src/demo-shop/index.js';
import type { JourneyResult } from '../../src/journey/index.js';
import { recordingObserver } from '../helpers/recording-observer.js';
import { apiCheckout, apiSearch, CHECKOUT_FAILURES, SLOW_SEARCH, startSessionHarness, startShopPair, type SessionHarness, type ShopPair } from './canary-harness.js';

let harness: SessionHarness;
const pairs: ShopPair[] = [];
beforeAll(async () => {
  harness = await startSessionHarness();
});
afterAll(async () => {
  await Promise.all(pairs.map((pair) => pair.close()));
  await harness.close();
});

async function shops(faults: FaultRule[] = []): Promise<ShopPair> {
  const pair = await startShopPair(faults);
  pairs.push(pair);
  return pair;
}

function targets(pair: ShopPair) {
  return { baseline: { name: 'baseline', baseURL: pair.baseline.url }, canary: { name: 'canary', baseURL: pair.canary.url } };
}

function metric(metrics: readonly MetricResult[], id: string): MetricResult {
  const found = metrics.find((m) => m.id === id);
  if (found === undefined) throw new Error(`no metric ${id} among ${metrics.map((m) => m.id).join(', ')}`);
  return found;
}

describe('runCanary against two demo shops', () => {
  it('passes identical deployments at the default run count', async () => {
    const session = await runCanary({ run: harness.run, journeys: [apiCheckout, apiSearch], concurrency: 2, ...targets(await shops()) });
    expect(session.runsPerSide).toBe(50);
    expect(session.analysis.reason).toBe('all 2 CUJs pass');
    expect(session.analysis.verdict).toBe('PASS');
    expect(session.analysis.cujs.map((cuj) => cuj.cuj)).toEqual(['checkout', 'search']);
  });

  it('fails a canary whose checkout fails 20% of the time, on the success ratio', async () => {
    const session = await runCanary({ run: harness.run, journeys: [apiCheckout], concurrency: 2, ...targets(await shops(CHECKOUT_FAILURES)) });
    expect(session.analysis.verdict).toBe('FAIL');
    const [checkout] = session.analysis.cujs;
    expect(checkout?.reason).toMatch(/^critical success ratio is High: canary failed \d+ of 50 runs/);
    expect(metric(checkout!.metrics, 'success-ratio')).toMatchObject({ classification: 'High', decided: true, baseline: { failed: 0 } });
    expect(session.samples.checkout?.canary.failed).toBeGreaterThan(4);
  });

  it('flags a canary whose search is 400 ms slower, with search latency High', async () => {
    const session = await runCanary({ run: harness.run, journeys: [apiSearch], concurrency: 2, runs: 8, ...targets(await shops(SLOW_SEARCH)) });
    expect(['FAIL', 'MARGINAL']).toContain(session.analysis.verdict);
    const [search] = session.analysis.cujs;
    const step = metric(search!.metrics, 'step:search');
    expect(step).toMatchObject({ classification: 'High', decided: true });
    expect(step.kind === 'latency' && step.shift!.estimateMs).toBeGreaterThan(350);
    expect(metric(search!.metrics, 'step:list products').classification).toBe('Pass');
    expect(search?.reason).toContain("step 'search' latency High");
  });

  it('is INCONCLUSIVE with too few runs and says how many are needed; runs interleave and carry the session', async () => {
    const { observer, runs: observed } = recordingObserver();
    const finished: { side: CanarySide; result: JourneyResult }[] = [];
    const session = await runCanary({
      run: { ...harness.run, observer },
      journeys: [apiSearch],
      concurrency: 2,
      runs: 3,
      sessionId: 'canary-session-1',
      ...targets(await shops()),
      onResult: (result, side) => void finished.push({ side, result }),
    });
    expect(session.analysis.verdict).toBe('INCONCLUSIVE');
    expect(session.analysis.neededRunsPerSide).toBeGreaterThanOrEqual(5);
    expect(session.analysis.reason).toMatch(/^too few runs to decide, run at least \d+ per side/);
    // Interleaved: in start order, every pair of runs is one baseline and one canary run.
    const sides = [...finished].sort((a, b) => a.result.startedAt.localeCompare(b.result.startedAt)).map((run) => run.side);
    for (let i = 0; i < sides.length; i += 2) expect(new Set(sides.slice(i, i + 2))).toEqual(new Set(['baseline', 'canary']));
    expect(finished.map((run) => [run.side, run.result.target.name]).every(([side, name]) => side === name)).toBe(true);
    expect(finished.every((run) => run.result.sessionId === 'canary-session-1')).toBe(true);
    expect(observed.map((run) => run.info.sessionId)).toEqual(Array(6).fill('canary-session-1'));
  });
});

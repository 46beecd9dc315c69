import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyResult, RunStatus } from '../journey/index.js';
import {
  buildSloSeries,
  classifyRun,
  DAY_MS,
  evaluateSlo,
  HOUR_MS,
  MINUTE_MS,
  resolveSlo,
  rollUpRuns,
  seriesRangeFor,
  type ResolvedSlo,
  type SloDefinition,
} from '../scoring/index.js';
import { minimalResult } from '../store/journey-result-fixture.js';
import { maintainRollups, openStore, type ResultStore } from '../store/index.js';
import { evaluateSlos } from './index.js';

const NOW = Date.UTC(2025, 4, 20, 9, 37, 20);
const LOCATIONS = ['eu', 'us', 'ap'];

/** A deterministic PRNG. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Four days of probes every 5 minutes from three locations, each probe with its attempts: mostly
 * good, a three-hour outage in `us` a day ago, an hour of slow checkouts two hours ago, and random
 * flakes (half of them passing on retry).
 */
function probes(target = 'production'): JourneyResult[][] {
  const next = random(11);
  const all: JourneyResult[][] = [];
  for (let t = NOW - 4 * DAY_MS; t < NOW; t += 5 * MINUTE_MS) {
    LOCATIONS.forEach((location, l) => {
      const start = t + l * 7_000;
      const outage = location === 'us' && start > NOW - DAY_MS - 3 * HOUR_MS && start < NOW - DAY_MS;
      const slow = start > NOW - 3 * HOUR_MS && start < NOW - 2 * HOUR_MS;
      const flake = next() < 0.03;
      const duration = slow ? 4200 : 800 + Math.round(next() * 900);
      const attempts: JourneyResult[] = [];
      const statuses: RunStatus[] = outage ? ['failed', 'failed'] : flake ? (next() < 0.5 ? ['failed', 'passed'] : ['timedOut', 'failed']) : ['passed'];
      statuses.forEach((status, i) => {
        attempts.push(
          minimalResult({
            id: `${target}-${location}-${start}-${i}`,
            journey: 'checkout',
            location,
            target: { name: target, url: 'https://shop.example.com' },
            startedAt: new Date(start + i * 20_000).toISOString(),
            status,
            durationMs: duration,
            attempt: i + 1,
            sessionId: `${target}-${location}-${start}`,
            steps: [
              { index: 0, name: 'login', soft: false, status: 'passed', durationMs: 200 + Math.round(next() * 200) },
              { index: 1, name: 'pay', soft: false, status: status === 'passed' ? 'passed' : 'failed', durationMs: duration - 400 },
            ],
          }),
        );
      });
      all.push(attempts);
    });
  }
  return all;
}

const definitions: SloDefinition[] = [
  { name: 'checkout-availability', journey: 'checkout', sli: { kind: 'availability' }, objective: 0.995, periodMs: 7 * DAY_MS },
  { name: 'checkout-latency', journey: 'checkout', sli: { kind: 'latency', thresholdMs: 2500 }, objective: 0.99, periodMs: 7 * DAY_MS },
  { name: 'pay-step', journey: 'checkout', sli: { kind: 'step-availability', step: 'pay' }, objective: 0.999, periodMs: 7 * DAY_MS },
  { name: 'login-latency', journey: 'checkout', sli: { kind: 'latency', thresholdMs: 300, step: 'login' }, objective: 0.9, periodMs: 7 * DAY_MS },
  {
    name: 'checkout-slices',
    journey: 'checkout',
    sli: { kind: 'availability' },
    objective: 0.999,
    periodMs: 7 * DAY_MS,
    budgeting: { method: 'timeslices', sliceMs: 5 * MINUTE_MS, quorum: { share: 0.5 } },
  },
];
const slos: ResolvedSlo[] = definitions.map(resolveSlo);

/** The scoring engine's evaluation straight from the raw attempts, as `slo simulate` would compute it. */
function reference(slo: ResolvedSlo, all: readonly JourneyResult[][]) {
  const runs = all.map((attempts) => ({ startedAtMs: Date.parse(attempts[0]!.startedAt), location: attempts[0]!.location, outcome: classifyRun(slo.sli, attempts) }));
  return evaluateSlo(slo, buildSloSeries(slo, rollUpRuns(runs), seriesRangeFor(slo, NOW)), NOW);
}

describe('evaluateSlos', () => {
  let store: ResultStore;
  const all = probes();

  beforeEach(async () => {
    store = await openStore(':memory:');
    await store.saveRuns(all.flat());
  });
  afterEach(async () => {
    await store.close();
  });

  it('gives the same evaluation as the scoring engine on the raw runs, for every kind of SLI and budgeting', async () => {
    const statuses = await evaluateSlos({ store, slos, nowMs: NOW });
    for (const [i, slo] of slos.entries()) {
      expect(statuses[i]!.evaluation, slo.name).toEqual(reference(slo, all));
      expect(statuses[i]!.exact).toBe(true);
    }
    // The fixture really exercises the engine: the outage and the slow hour burn budget, flakes are degraded.
    const [availability, latency] = statuses;
    expect(availability!.evaluation.budget.bad).toBeGreaterThan(30);
    expect(availability!.degradedRuns).toBeGreaterThan(10);
    expect(latency!.burnRates.find((b) => b.windowMs === 6 * HOUR_MS)!.burnRate).toBeGreaterThan(1);
    expect(latency!.latency).toMatchObject({ boundMs: 2500, exact: true });
  });

  it('gives the same once compaction folded hours and days, reading far fewer rows', async () => {
    const before = await evaluateSlos({ store, slos, nowMs: NOW });
    const report = await maintainRollups(store, { now: NOW, sleep: async () => undefined, retention: { minute: 30 * DAY_MS } });
    expect(report.foldedHours).toBeGreaterThan(90);
    expect(report.foldedDays).toBe(4);
    expect(await evaluateSlos({ store, slos, nowMs: NOW })).toEqual(before);
  });

  it('charts each budget per day of the period, as the scoring engine counts the raw runs, before and after folding', async () => {
    const [first] = await evaluateSlos({ store, slos, nowMs: NOW, burnDown: true });
    const periodFrom = Math.ceil(NOW / MINUTE_MS) * MINUTE_MS - 7 * DAY_MS;
    // The period's start, the 7 midnights inside it, and now.
    expect(first!.burnDown!.map((p) => p.atMs)).toEqual([periodFrom, ...Array.from({ length: 7 }, (_, i) => Date.UTC(2025, 4, 14 + i)), NOW]);
    const statuses = await evaluateSlos({ store, slos, nowMs: NOW, burnDown: true });
    for (const [i, slo] of slos.entries()) {
      const counter = buildSloSeries(slo, rollUpRuns(all.map((a) => ({ startedAtMs: Date.parse(a[0]!.startedAt), location: a[0]!.location, outcome: classifyRun(slo.sli, a) }))), seriesRangeFor(slo, NOW)).budgeting;
      const allowed = statuses[i]!.evaluation.budget.badEvents.allowed;
      const expected = statuses[i]!.burnDown!.map((p, j, points) => {
        if (j === 0) return 1;
        const bad = j === points.length - 1 ? counter.badIn(NOW, slo.periodMs) : counter.badIn(p.atMs, p.atMs - periodFrom);
        return 1 - bad / allowed;
      });
      expect(statuses[i]!.burnDown!.map((p) => p.remaining), slo.name).toEqual(expected.map((r) => expect.closeTo(r, 12)));
      expect(statuses[i]!.burnDown!.at(-1)!.remaining).toBeCloseTo(statuses[i]!.evaluation.budget.ratio.remaining, 12);
    }
    // The outage a day ago spends the availability budget in the day it happened.
    const availability = statuses[0]!.burnDown!;
    expect(availability[5]!.remaining - availability[7]!.remaining).toBeGreaterThan(0.2);
    await maintainRollups(store, { now: NOW, sleep: async () => undefined, retention: { minute: 30 * DAY_MS } });
    expect((await evaluateSlos({ store, slos, nowMs: NOW, burnDown: true })).map((s) => s.burnDown)).toEqual(statuses.map((s) => s.burnDown));
  });

  it('rounds only the old edges it must once minute rows are deleted, and says so', async () => {
    const before = await evaluateSlos({ store, slos: [slos[0]!], nowMs: NOW });
    await maintainRollups(store, { now: NOW, sleep: async () => undefined });
    const [after] = await evaluateSlos({ store, slos: [slos[0]!], nowMs: NOW });
    expect(after!.exact).toBe(false);
    const tier = (status: typeof after, name: string) => status!.evaluation.tiers.find((t) => t.tier === name)!;
    // Windows within the 8 hours of minute rows are exact: the 1h and 6h page tiers.
    expect(tier(after, 'page-1h')).toEqual(tier(before[0], 'page-1h'));
    expect(tier(after, 'page-6h')).toEqual(tier(before[0], 'page-6h'));
    // The 72h window's old edge moved to the nearest hour: at most 12 probes (an hour of 3 locations every 5 min) apart.
    expect(Math.abs(tier(after, 'ticket-72h').long.events - tier(before[0], 'ticket-72h').long.events)).toBeLessThanOrEqual(12);
  });

  it('counts only the target asked for', async () => {
    await store.saveRuns(probes('canary').slice(-50).flat());
    const everyTarget = await evaluateSlos({ store, slos: [slos[0]!], nowMs: NOW });
    const production = await evaluateSlos({ store, slos: [slos[0]!], nowMs: NOW, target: 'production' });
    expect(everyTarget[0]!.runs - production[0]!.runs).toBe(50);
    expect(production[0]!.evaluation).toEqual(reference(slos[0]!, all));
  });

  it('answers an SLO without any run with no SLI and nothing firing', async () => {
    const [status] = await evaluateSlos({ store, slos: [resolveSlo({ name: 'search', journey: 'search', sli: { kind: 'availability' }, objective: 0.99 })], nowMs: NOW });
    expect(status).toMatchObject({ sli: null, runs: 0, degradedRuns: 0, firingTiers: [] });
    expect(status!.burnRates.every((b) => b.burnRate === null)).toBe(true);
  });
});

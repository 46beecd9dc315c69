import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  type Quorum,
  type ResolvedSlo,
  type SliSpec,
} from '../scoring/index.js';
import { minimalResult } from '../store/journey-result-fixture.js';
import { maintainRollups, MINUTE_STATE, openStore, type ResultStore, type RollupStore, type TimesliceDay } from '../store/index.js';
import { evaluateSlos } from './index.js';
import { judgeDays, judgeMinutes, mergeRanges, planSliceWindows, queryKey, SliceCounter } from './timeslice-windows.js';

const BASE = Date.UTC(2025, 4, 16);
const END = BASE + 4 * DAY_MS + 10 * HOUR_MS;
const LOCATIONS = ['eu', 'us', 'ap'];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A probe a minute from each of three locations over four days and ten hours: each location skips
 * ~15% of minutes (so minutes have 0 to 3 reporters), flakes at 4% (half pass on retry), has a
 * random duration around the latency thresholds, and two locations are down together for two hours
 * on day 2, one alone for an hour on day 3.
 */
function probes(): JourneyResult[][] {
  const next = random(7);
  const all: JourneyResult[][] = [];
  for (let t = BASE; t < END; t += MINUTE_MS) {
    LOCATIONS.forEach((location, l) => {
      if (next() < 0.15) return;
      const start = t + l * 5_000;
      const bothDown = l < 2 && start >= BASE + DAY_MS + 13 * HOUR_MS && start < BASE + DAY_MS + 15 * HOUR_MS;
      const oneDown = l === 2 && start >= BASE + 2 * DAY_MS + 3 * HOUR_MS && start < BASE + 2 * DAY_MS + 4 * HOUR_MS;
      const flake = next() < 0.04;
      const statuses: RunStatus[] = bothDown || oneDown ? ['failed', 'failed'] : flake ? (next() < 0.5 ? ['failed', 'passed'] : ['failed', 'failed']) : ['passed'];
      const duration = 600 + Math.round(next() * 2400);
      all.push(
        statuses.map((status, i) =>
          minimalResult({
            id: `${location}-${start}-${i}`,
            journey: 'checkout',
            location,
            target: { name: 'production', url: 'https://shop.example.com' },
            startedAt: new Date(start + i * 15_000).toISOString(),
            status,
            durationMs: duration,
            attempt: i + 1,
            sessionId: `${location}-${start}`,
            steps: [{ index: 0, name: 'pay', soft: false, status: status === 'passed' ? 'passed' : 'failed', durationMs: duration - 100 }],
          }),
        ),
      );
    });
  }
  return all;
}

const QUORUMS: Quorum[] = [{ share: 0.5 }, { share: 1 }, { share: 1 / 3 }, { share: 2 / 3 }, { share: 0.01 }, { count: 1 }, { count: 2 }, { count: 3 }, { count: 5 }];
const SLIS: SliSpec[] = [{ kind: 'availability' }, { kind: 'latency', thresholdMs: 2000 }, { kind: 'step-availability', step: 'pay' }];

function sliceSlos(periodMs: number): ResolvedSlo[] {
  return SLIS.flatMap((sli, s) =>
    QUORUMS.map((quorum, q) =>
      resolveSlo({ name: `slices-${periodMs / DAY_MS}d-${s}-${q}`, journey: 'checkout', sli, objective: 0.99, periodMs, budgeting: { method: 'timeslices', quorum } }),
    ),
  );
}

/** The scoring engine's evaluation straight from the raw attempts (what the minute-by-minute path was tested against). */
function reference(slo: ResolvedSlo, all: readonly JourneyResult[][], nowMs: number) {
  return evaluateSlo(slo, buildSloSeries(slo, rollUpRuns(runsOf(slo, all)), seriesRangeFor(slo, nowMs)), nowMs);
}

function runsOf(slo: ResolvedSlo, all: readonly JourneyResult[][]) {
  return all.map((attempts) => ({ startedAtMs: Date.parse(attempts[0]!.startedAt), location: attempts[0]!.location, outcome: classifyRun(slo.sli, attempts) }));
}

/** The store, recording how many minute-state rows evaluation read. */
function counting(store: ResultStore, override: Partial<RollupStore> = {}) {
  const read = { minuteRows: 0, summaryDays: 0 };
  const rollups: RollupStore = {
    ...store.rollups,
    minuteStates: async (range) => {
      const rows = await store.rollups.minuteStates(range);
      read.minuteRows += rows.length;
      return rows;
    },
    timesliceDays: async (query) => {
      const days = await store.rollups.timesliceDays(query);
      read.summaryDays += days.days.length;
      return days;
    },
    ...override,
  };
  return { store: { rollups }, read };
}

describe('time-slice evaluation from day summaries', () => {
  let store: ResultStore;
  const all = probes();
  // Late attempts: a retry that turns a day-1 failure into a pass, and a probe from a new location on day 2, saved after the folds.
  const late: JourneyResult[][] = [];

  beforeAll(async () => {
    store = await openStore(':memory:');
    await store.saveRuns(all.flat());
    const report = await maintainRollups(store, { now: END, sleep: async () => undefined, retention: { minute: 30 * DAY_MS } });
    expect(report.foldedDays).toBe(4);
    const failed = all.find((attempts) => attempts.length === 2 && attempts[1]!.status === 'failed' && Date.parse(attempts[0]!.startedAt) < BASE + DAY_MS)!;
    const retry = { ...failed[1]!, id: `${failed[1]!.id}-3`, attempt: 3, status: 'passed' as const, startedAt: new Date(Date.parse(failed[1]!.startedAt) + 15_000).toISOString(), steps: [{ ...failed[1]!.steps[0]!, status: 'passed' as const }] };
    const stranger = minimalResult({ id: 'stranger', journey: 'checkout', location: 'sa', target: { name: 'production', url: 'https://shop.example.com' }, startedAt: new Date(BASE + DAY_MS + 14 * HOUR_MS).toISOString(), status: 'failed', durationMs: 900, attempt: 1, steps: [{ index: 0, name: 'pay', soft: false, status: 'failed', durationMs: 800 }] });
    await store.saveRuns([retry, stranger]);
    failed.push(retry);
    late.push([stranger]);
  }, 120_000);
  afterAll(async () => {
    await store.close();
  });

  const nows = [END - 17 * MINUTE_MS - 20_000, END - 10 * HOUR_MS, END - 10 * HOUR_MS - MINUTE_MS, BASE + 3 * DAY_MS + 12 * HOUR_MS];
  for (const nowMs of nows) {
    it(`gives the scoring engine's evaluation on the raw attempts for every quorum and SLI, now = ${new Date(nowMs).toISOString()}`, async () => {
      const slos = [...sliceSlos(3 * DAY_MS), ...sliceSlos(4 * DAY_MS)];
      const { store: spied, read } = counting(store);
      const statuses = await evaluateSlos({ store: spied, slos, nowMs });
      for (const [i, slo] of slos.entries()) expect(statuses[i]!.evaluation, slo.name).toEqual(reference(slo, [...all, ...late], nowMs));
      // The day summaries were read (the early-recovery walk over the 72 h tier reads most of these short periods' minutes anyway).
      expect(read.summaryDays).toBeGreaterThan(0);
    });
  }

  it('charts the burn-down of a time-slice SLO from the summaries as the scoring engine counts it', async () => {
    const nowMs = nows[0]!;
    const slos = [...sliceSlos(4 * DAY_MS).slice(0, 3), ...sliceSlos(3 * DAY_MS).slice(0, 3)];
    const statuses = await evaluateSlos({ store, slos, nowMs, burnDown: true });
    for (const [i, slo] of slos.entries()) {
      const points = statuses[i]!.burnDown!;
      const counter = buildSloSeries(slo, rollUpRuns(runsOf(slo, [...all, ...late])), seriesRangeFor(slo, nowMs)).budgeting;
      const allowed = statuses[i]!.evaluation.budget.badEvents.allowed;
      expect(points.length).toBeGreaterThan(3);
      for (const [k, point] of points.entries()) {
        if (k === 0) continue;
        const bad = k === points.length - 1 ? counter.badIn(nowMs, slo.periodMs) : counter.badIn(point.atMs, point.atMs - points[0]!.atMs);
        expect(point.remaining, `${slo.name} point ${k}`).toBe(allowed > 0 ? 1 - bad / allowed : 1);
      }
    }
  });

  it('exercises every kind of slice: some bad under one quorum and good under another', async () => {
    const nowMs = nows[0]!;
    const statuses = await evaluateSlos({ store, slos: sliceSlos(3 * DAY_MS), nowMs });
    const bad = statuses.map((s) => s.evaluation.budget.bad);
    expect(new Set(bad).size).toBeGreaterThan(5);
    expect(Math.min(...bad)).toBeGreaterThan(0);
  });

  it('reads the minute states of days the summaries do not cover, with the same result', async () => {
    const nowMs = nows[0]!;
    const slos = sliceSlos(3 * DAY_MS);
    const full = await evaluateSlos({ store, slos, nowMs });
    // As a store migrated on day 3 sees it: no summaries before then.
    const from = BASE + 3 * DAY_MS;
    const { store: migrated, read } = counting(store, {
      timesliceDays: async (query) => {
        const days = await store.rollups.timesliceDays(query);
        return { summarized: { fromMs: Math.max(from, days.summarized.fromMs), toMs: days.summarized.toMs }, days: days.days.filter((d) => d.dayMs >= from) };
      },
    });
    expect(await evaluateSlos({ store: migrated, slos, nowMs })).toEqual(full);
    expect(read.minuteRows).toBeGreaterThan(2 * 24 * 4);
  });

  it('evaluates an SLO over several targets minute by minute, as before', async () => {
    const nowMs = nows[0]!;
    const canary = all.slice(-40).map((attempts) => attempts.map((a) => ({ ...a, id: `canary-${a.id}`, target: { name: 'canary', url: 'https://canary.example.com' } })));
    const second = await openStore(':memory:');
    try {
      await second.saveRuns([...all, ...canary].flat());
      await maintainRollups(second, { now: END, sleep: async () => undefined, retention: { minute: 30 * DAY_MS } });
      const slos = sliceSlos(3 * DAY_MS).slice(0, 3);
      const statuses = await evaluateSlos({ store: second, slos, nowMs });
      for (const [i, slo] of slos.entries()) expect(statuses[i]!.evaluation).toEqual(reference(slo, [...all, ...canary], nowMs));
      const production = await evaluateSlos({ store: second, slos, nowMs, target: 'production' });
      for (const [i, slo] of slos.entries()) expect(production[i]!.evaluation).toEqual(reference(slo, all, nowMs));
    } finally {
      await second.close();
    }
  }, 60_000);
});

describe('planSliceWindows', () => {
  const summarized = { fromMs: BASE, toMs: BASE + 4 * DAY_MS };

  it('reads whole summarized days from the summaries and the edges minute by minute', () => {
    const nowMs = BASE + 4 * DAY_MS + 9 * HOUR_MS + 30_000;
    const plan = planSliceWindows([3 * DAY_MS, HOUR_MS].map((windowMs) => ({ endMs: nowMs, windowMs })), 0, summarized);
    const end = BASE + 4 * DAY_MS + 9 * HOUR_MS + MINUTE_MS;
    expect(plan.windows.get(queryKey(nowMs, 3 * DAY_MS))).toEqual({
      days: { fromMs: BASE + 2 * DAY_MS, toMs: BASE + 4 * DAY_MS },
      minutes: [
        { fromMs: end - 3 * DAY_MS, toMs: BASE + 2 * DAY_MS },
        { fromMs: BASE + 4 * DAY_MS, toMs: end },
      ],
    });
    expect(plan.windows.get(queryKey(nowMs, HOUR_MS))!.minutes).toEqual([{ fromMs: end - HOUR_MS, toMs: end }]);
    expect(plan.minuteRanges).toEqual([
      { fromMs: end - 3 * DAY_MS, toMs: BASE + 2 * DAY_MS },
      { fromMs: BASE + 4 * DAY_MS, toMs: end },
    ]);
  });

  it('reads minute by minute outside the summarized days and before the grid start counts nothing', () => {
    const nowMs = BASE + 4 * DAY_MS;
    const plan = planSliceWindows([{ endMs: nowMs, windowMs: 7 * DAY_MS }], BASE - 12 * HOUR_MS, { fromMs: BASE + DAY_MS, toMs: BASE + 3 * DAY_MS });
    expect(plan.windows.get(queryKey(nowMs, 7 * DAY_MS))).toEqual({
      days: { fromMs: BASE + DAY_MS, toMs: BASE + 3 * DAY_MS },
      minutes: [
        { fromMs: BASE - 12 * HOUR_MS, toMs: BASE + DAY_MS },
        { fromMs: BASE + 3 * DAY_MS, toMs: BASE + 4 * DAY_MS },
      ],
    });
  });

  it('merges overlapping ranges', () => {
    expect(mergeRanges([{ fromMs: 5, toMs: 9 }, { fromMs: 0, toMs: 3 }, { fromMs: 3, toMs: 6 }, { fromMs: 10, toMs: 11 }])).toEqual([
      { fromMs: 0, toMs: 9 },
      { fromMs: 10, toMs: 11 },
    ]);
  });
});

describe('judging slices', () => {
  const A = String.fromCharCode(MINUTE_STATE.firstBucketCode);
  const slow = String.fromCharCode(MINUTE_STATE.firstBucketCode + 20);
  const day = (minutes: Record<string, number>): TimesliceDay => ({ journey: 'j', step: '', target: 't', dayMs: 0, minutes });
  const judge = (quorum: Quorum, cut = 32) => ({ failsAbove: MINUTE_STATE.firstBucketCode + cut, quorum });

  it('judges each sorted state string against the quorum and the cut', () => {
    const minutes = { [A + A + A]: 10, [A + A + '~']: 5, [A + '~~']: 3, ['~']: 2, [A]: 1, [A + slow]: 4 };
    expect(judgeDays([day(minutes)], judge({ share: 0.5 })).get(0)).toEqual({ valid: 25, bad: 3 + 2 });
    expect(judgeDays([day(minutes)], judge({ share: 1 })).get(0)).toEqual({ valid: 25, bad: 5 + 3 + 2 });
    expect(judgeDays([day(minutes)], judge({ count: 1 })).get(0)).toEqual({ valid: 25, bad: 2 });
    // With a cut below the slow bucket, a slow location fails too.
    expect(judgeDays([day(minutes)], judge({ share: 1 }, 10)).get(0)).toEqual({ valid: 25, bad: 5 + 3 + 2 + 4 });
    expect(judgeDays([day(minutes)], judge({ share: 0.5 }, 10)).get(0)).toEqual({ valid: 25, bad: 3 + 2 });
  });

  it('judges minutes like the day summaries do, and a window adds both', () => {
    const hourMs = 0;
    const states = (s: string) => s.padEnd(60, MINUTE_STATE.none);
    const rows = [
      { seriesId: 1, startMs: hourMs, states: states(`${A}${A}~.`) },
      { seriesId: 2, startMs: hourMs, states: states(`~${A}~${A}`) },
      { seriesId: 3, startMs: hourMs, states: states(`.~~.`) },
    ];
    const locations = new Map([
      [1, 'eu'],
      [2, 'us'],
      [3, 'ap'],
    ]);
    const prefix = judgeMinutes(rows, locations, { fromMs: 0, toMs: 4 * MINUTE_MS }, judge({ share: 0.5 }));
    // Minute 0: A,~ → 1 of 2 good: good. Minute 1: A,A,~ good. Minute 2: all bad. Minute 3: A only: good.
    expect([...prefix.valid]).toEqual([0, 1, 2, 3, 4]);
    expect([...prefix.bad]).toEqual([0, 0, 0, 1, 1]);
    // A counter over minutes [0, 4 min) and a summarized day [1 day, 2 days): a window from minute 1 to the day's end adds both.
    const counter = new SliceCounter(0, new Map([[DAY_MS, { valid: 100, bad: 7 }]]), { fromMs: DAY_MS, toMs: 2 * DAY_MS }, [prefix]);
    expect(() => counter.count(2 * DAY_MS, 2 * DAY_MS - MINUTE_MS)).toThrow(RangeError);
    const judgedToo = judgeMinutes(rows, locations, { fromMs: 4 * MINUTE_MS, toMs: DAY_MS }, judge({ share: 0.5 }));
    const both = new SliceCounter(0, new Map([[DAY_MS, { valid: 100, bad: 7 }]]), { fromMs: DAY_MS, toMs: 2 * DAY_MS }, [prefix, judgedToo]);
    expect(both.count(2 * DAY_MS, 2 * DAY_MS - MINUTE_MS)).toEqual({ events: 103, bad: 8 });
    expect(both.count(2 * MINUTE_MS, MINUTE_MS)).toEqual({ events: 1, bad: 0 });
    expect(both.count(3 * MINUTE_MS, MINUTE_MS)).toEqual({ events: 1, bad: 1 });
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import type { JourneyResult, RunStatus, StepResult } from '../journey/index.js';
import { classifyRun, LATENCY_BOUNDS_MS, latencyCut, type SliSpec } from '../scoring/index.js';
import { minimalResult } from './journey-result-fixture.js';
import { bucketState, MINUTE_STATE, RESOLUTION_MS } from './rollup-columns.js';
import type { RollupRow } from './rollup-store.js';
import { seriesIdOf } from './rollup-series.js';
import type { ResultStore } from './result-store.js';

type Open = () => Promise<ResultStore>;

/** Runs SQL on the contract's database without the store (to age a database back to before rollups). */
export type RawExec = (sql: string) => Promise<void>;

const T0 = Date.UTC(2025, 2, 1, 10, 0);
const MINUTE = RESOLUTION_MS.minute;
const HOUR = RESOLUTION_MS.hour;
const DAY = RESOLUTION_MS.day;

interface ProbeFields {
  id: string;
  minute?: number;
  second?: number;
  status?: RunStatus;
  durationMs?: number;
  attempt?: number;
  session?: string;
  journey?: string;
  location?: string;
  target?: string;
  steps?: [name: string, status: StepResult['status'], durationMs: number][];
}

/** One attempt, `minute` minutes after T0. */
function attempt(fields: ProbeFields): JourneyResult {
  const startedAt = new Date(T0 + (fields.minute ?? 0) * MINUTE + (fields.second ?? 0) * 1000).toISOString();
  return minimalResult({
    id: fields.id,
    journey: fields.journey ?? 'checkout',
    location: fields.location ?? 'eu',
    target: { name: fields.target ?? 'production', url: 'https://shop.example.com' },
    startedAt,
    status: fields.status ?? 'passed',
    durationMs: fields.durationMs ?? 1200,
    attempt: fields.attempt ?? 1,
    ...(fields.session === undefined ? {} : { sessionId: fields.session }),
    steps: (fields.steps ?? []).map(([name, status, durationMs], index) => ({ index, name, soft: false, status, durationMs })),
  });
}

const series = (step = '', location = 'eu', journey = 'checkout', target = 'production') => seriesIdOf({ journey, step, target, location });
const counts = (row: RollupRow | undefined) => row && { runs: row.counts.runs, bad: row.counts.bad, degraded: row.counts.degraded, invalid: row.counts.invalid };

/**
 * The behaviour of `ResultStore.rollups` every store must have; part of the ResultStore contract.
 * `exec` runs raw SQL on the same database (both dialects accept the statements used here).
 */
export function describeRollupContract(open: Open, exec: RawExec | undefined): void {
  describe('SLO rollups', () => {
    let store: ResultStore;
    beforeEach(async () => {
      store = await open();
    });

    const rowsAt = (resolution: keyof typeof RESOLUTION_MS, fromMs = 0, toMs = T0 + 30 * DAY) => store.rollups.rows({ resolution, fromMs, toMs });
    /** Folds everything that ends by `untilMs` into hours, then days; resolves to the buckets folded. */
    const fold = async (untilMs = T0 + 3 * DAY): Promise<number[]> => {
      const folded: number[] = [];
      for (const resolution of ['hour', 'day'] as const) {
        for (let start = await store.rollups.foldNext(resolution, untilMs); start !== undefined; start = await store.rollups.foldNext(resolution, untilMs)) folded.push(start);
      }
      return folded;
    };
    const rowOf = async (resolution: keyof typeof RESOLUTION_MS, startMs: number, seriesId = series()) =>
      (await rowsAt(resolution)).find((r) => r.startMs === startMs && r.seriesId === seriesId);

    describeOutcomes();
    describeRetries();
    describeLatency();
    describeStates();
    describeFolding();
    describeMaintenance();
    describeTimesliceDays();

    function describeOutcomes(): void {
      it('counts each probe in its minute, hour and day, for the run and for each step', async () => {
        await store.saveRuns([
          attempt({ id: 'a', minute: 1, steps: [['login', 'passed', 300], ['pay', 'passed', 900]] }),
          attempt({ id: 'b', minute: 1, second: 30, status: 'failed', steps: [['login', 'passed', 280], ['pay', 'failed', 50]] }),
          attempt({ id: 'c', minute: 2, status: 'failed', steps: [['login', 'failed', 10], ['pay', 'skipped', 0]] }),
          attempt({ id: 'd', minute: 2, status: 'error' }),
        ]);
        await fold();
        expect(counts(await rowOf('minute', T0 + MINUTE))).toEqual({ runs: 2, bad: 1, degraded: 0, invalid: 0 });
        expect(counts(await rowOf('minute', T0 + 2 * MINUTE))).toEqual({ runs: 1, bad: 1, degraded: 0, invalid: 1 });
        expect(counts(await rowOf('hour', T0))).toEqual({ runs: 3, bad: 2, degraded: 0, invalid: 1 });
        expect(counts(await rowOf('day', Date.UTC(2025, 2, 1)))).toEqual({ runs: 3, bad: 2, degraded: 0, invalid: 1 });
        // A step never reached is not an event for it.
        expect(counts(await rowOf('hour', T0, series('pay')))).toEqual({ runs: 2, bad: 1, degraded: 0, invalid: 1 });
        expect(counts(await rowOf('hour', T0, series('login')))).toEqual({ runs: 3, bad: 1, degraded: 0, invalid: 0 });
        expect((await store.rollups.listSeries()).map((s) => s.step).sort()).toEqual(['', 'login', 'pay']);
      });

      it('gives the same rollups for a batch with several results per minute and series as for the same results saved one by one', async () => {
        // Journey 'one' saved one result at a time, journey 'batch' all at once: same probes, minutes, steps and retries.
        const probesOf = (journey: string, prefix: string) => [
          attempt({ id: `${prefix}1`, journey, minute: 0, durationMs: 240, steps: [['pay', 'passed', 200]] }),
          attempt({ id: `${prefix}2`, journey, minute: 0, second: 20, durationMs: 2100, steps: [['pay', 'passed', 1900]] }),
          attempt({ id: `${prefix}3`, journey, minute: 0, second: 40, status: 'failed', session: `${prefix}s`, steps: [['pay', 'failed', 300]] }),
          attempt({ id: `${prefix}4`, journey, minute: 1, attempt: 2, session: `${prefix}s`, durationMs: 700, steps: [['pay', 'passed', 600]] }),
          attempt({ id: `${prefix}5`, journey, minute: 1, second: 5, status: 'error' }),
          attempt({ id: `${prefix}6`, journey, minute: 1, second: 10, location: 'us', status: 'failed', steps: [['pay', 'failed', 300]] }),
          attempt({ id: `${prefix}7`, journey, minute: 61, durationMs: 90, steps: [['pay', 'passed', 50]] }),
        ];
        const compare = async () => {
          for (const resolution of ['minute', 'hour', 'day'] as const) {
            const rows = await rowsAt(resolution);
            for (const [step, location] of [['', 'eu'], ['pay', 'eu'], ['', 'us'], ['pay', 'us']] as const) {
              const of = (journey: string) => rows.filter((r) => r.seriesId === series(step, location, journey)).map((r) => ({ startMs: r.startMs, counts: r.counts }));
              expect(of('batch'), `${resolution} ${step} ${location}`).toEqual(of('one'));
            }
            if (resolution === 'minute') expect(rows.filter((r) => r.seriesId === series('', 'eu', 'batch'))).toHaveLength(3);
          }
          const states = await store.rollups.minuteStates({ fromMs: T0, toMs: T0 + 2 * HOUR });
          const statesOf = (journey: string) => states.filter((s) => s.seriesId === series('', 'eu', journey)).map((s) => s.states);
          expect(statesOf('batch')).toEqual(statesOf('one'));
        };
        for (const result of probesOf('one', 'o')) await store.saveRun(result);
        await store.saveRuns(probesOf('batch', 'b'));
        await compare();
        // Again for minutes already folded into hours and days: the late path adds to every resolution.
        await fold();
        for (const result of probesOf('one', 'lo')) await store.saveRun(result);
        await store.saveRuns(probesOf('batch', 'lb'));
        await compare();
      });

      it('keeps journeys, targets and locations apart', async () => {
        await store.saveRuns([
          attempt({ id: 'a' }),
          attempt({ id: 'b', location: 'us' }),
          attempt({ id: 'c', target: 'canary', status: 'failed' }),
          attempt({ id: 'd', journey: 'search' }),
        ]);
        const listed = await store.rollups.listSeries({ journeys: ['checkout'] });
        expect(listed.map((s) => [s.journey, s.target, s.location, s.id])).toEqual([
          ['checkout', 'canary', 'eu', series('', 'eu', 'checkout', 'canary')],
          ['checkout', 'production', 'eu', series()],
          ['checkout', 'production', 'us', series('', 'us')],
        ]);
        const sums = await store.rollups.sum({ resolution: 'minute', fromMs: T0, toMs: T0 + MINUTE, seriesIds: [series(), series('', 'eu', 'checkout', 'canary')] });
        expect(sums.map((s) => [s.seriesId, s.runs, s.bad])).toEqual(
          [[series(), 1, 0], [series('', 'eu', 'checkout', 'canary'), 1, 1]].sort((a, b) => a[0]! - b[0]!),
        );
        expect(await store.rollups.sum({ resolution: 'minute', fromMs: T0, toMs: T0 + MINUTE, seriesIds: [] })).toEqual([]);
      });

      it('writes nothing for a batch that is refused', async () => {
        await store.saveRun(attempt({ id: 'taken' }));
        await fold();
        await expect(store.saveRuns([attempt({ id: 'new', minute: 5 }), attempt({ id: 'taken' })])).rejects.toMatchObject({ kind: 'conflict' });
        expect(await rowsAt('minute')).toHaveLength(1);
        expect(counts(await rowOf('hour', T0))).toEqual({ runs: 1, bad: 0, degraded: 0, invalid: 0 });
      });

      it('counts late and out-of-order results where they belong', async () => {
        const runs = Array.from({ length: 40 }, (_, i) =>
          attempt({ id: `r${i}`, minute: (i * 7) % 90, status: i % 3 === 0 ? 'failed' : 'passed', durationMs: 100 * i, location: i % 2 ? 'eu' : 'us' }),
        );
        // Newest first, and the older half only after compaction folded their hours and days.
        const reversed = [...runs].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
        for (const run of reversed.slice(0, 20)) await store.saveRun(run);
        expect(await fold(T0 + 2 * DAY)).not.toEqual([]);
        for (const run of reversed.slice(20)) await store.saveRun(run);
        const expected = new Map<string, { runs: number; bad: number }>();
        for (const run of runs) {
          const key = `${Math.floor(Date.parse(run.startedAt) / MINUTE) * MINUTE}:${series('', run.location)}`;
          const sum = expected.get(key) ?? { runs: 0, bad: 0 };
          expected.set(key, { runs: sum.runs + 1, bad: sum.bad + (run.status === 'failed' ? 1 : 0) });
        }
        const rows = await rowsAt('minute');
        expect(new Map(rows.map((r) => [`${r.startMs}:${r.seriesId}`, { runs: r.counts.runs, bad: r.counts.bad }]))).toEqual(expected);
        expect((await rowsAt('hour')).reduce((n, r) => n + r.counts.runs, 0)).toBe(40);
        expect((await rowsAt('day')).reduce((n, r) => n + r.counts.bad, 0)).toBe(14);
      });
    }

    function describeRetries(): void {
      it('counts a probe that passed on retry as degraded, in the minute of its first attempt', async () => {
        await store.saveRun(attempt({ id: 'a1', minute: 3, second: 50, status: 'failed', session: 's' }));
        expect(counts(await rowOf('minute', T0 + 3 * MINUTE))).toEqual({ runs: 1, bad: 1, degraded: 0, invalid: 0 });
        await store.saveRun(attempt({ id: 'a2', minute: 4, second: 10, status: 'passed', attempt: 2, session: 's' }));
        expect(counts(await rowOf('minute', T0 + 3 * MINUTE))).toEqual({ runs: 1, bad: 0, degraded: 1, invalid: 0 });
        expect(await rowOf('minute', T0 + 4 * MINUTE)).toBeUndefined();
        await fold();
        expect(counts(await rowOf('hour', T0))).toEqual({ runs: 1, bad: 0, degraded: 1, invalid: 0 });
        expect(counts(await rowOf('day', Date.UTC(2025, 2, 1)))).toEqual({ runs: 1, bad: 0, degraded: 1, invalid: 0 });
      });

      it('moves a probe from bad to degraded in every resolution when its retry comes after compaction', async () => {
        await store.saveRun(attempt({ id: 'l1', minute: 59, second: 50, status: 'failed', session: 's' }));
        await fold();
        expect(counts(await rowOf('day', Date.UTC(2025, 2, 1)))).toEqual({ runs: 1, bad: 1, degraded: 0, invalid: 0 });
        await store.saveRun(attempt({ id: 'l2', minute: 60, second: 20, attempt: 2, session: 's' }));
        for (const [resolution, start] of [['minute', T0 + 59 * MINUTE], ['hour', T0], ['day', Date.UTC(2025, 2, 1)]] as const) {
          expect(counts(await rowOf(resolution, start)), resolution).toEqual({ runs: 1, bad: 0, degraded: 1, invalid: 0 });
        }
        expect((await store.rollups.minuteStates({ fromMs: T0, toMs: T0 + HOUR }))[0]!.states[59]).toBe(bucketState(LATENCY_BOUNDS_MS.indexOf(1250)));
      });

      it('keeps a probe bad when every attempt failed, and links attempts saved in one batch', async () => {
        await store.saveRuns([
          attempt({ id: 'b3', minute: 1, attempt: 3, status: 'timedOut', session: 's' }),
          attempt({ id: 'b1', minute: 0, status: 'failed', session: 's' }),
          attempt({ id: 'b2', minute: 0, second: 40, attempt: 2, status: 'failed', session: 's' }),
        ]);
        expect(counts(await rowOf('minute', T0))).toEqual({ runs: 1, bad: 1, degraded: 0, invalid: 0 });
        expect(await rowOf('minute', T0 + MINUTE)).toBeUndefined();
      });

      it('links retries by session, target and location only', async () => {
        await store.saveRuns([
          attempt({ id: 'x1', status: 'failed', session: 's1' }),
          attempt({ id: 'y1', status: 'failed', session: 's2', location: 'us' }),
        ]);
        await store.saveRuns([
          attempt({ id: 'x2', second: 20, attempt: 2, session: 's1' }),
          attempt({ id: 'y2', second: 20, attempt: 2, session: 's2', location: 'us', status: 'failed' }),
        ]);
        expect(counts(await rowOf('minute', T0))).toEqual({ runs: 1, bad: 0, degraded: 1, invalid: 0 });
        expect(counts(await rowOf('minute', T0, series('', 'us')))).toEqual({ runs: 1, bad: 1, degraded: 0, invalid: 0 });
      });

      it('judges each step over the attempts, as the scoring engine does', async () => {
        await store.saveRun(attempt({ id: 'p1', status: 'failed', session: 's', steps: [['login', 'passed', 2600], ['pay', 'failed', 40]] }));
        await store.saveRun(attempt({ id: 'p2', second: 30, attempt: 2, session: 's', steps: [['login', 'passed', 900], ['pay', 'passed', 300]] }));
        const login = (await rowOf('minute', T0, series('login')))!;
        expect(counts(login)).toEqual({ runs: 1, bad: 0, degraded: 0, invalid: 0 });
        // login passed first (2.6 s) and fastest on the retry (0.9 s): good at 3 s, degraded at 1 s.
        const [sum] = await store.rollups.sum({ resolution: 'minute', fromMs: T0, toMs: T0 + MINUTE, seriesIds: [series('login')] }, [
          latencyCut(3000).lastBucket,
          latencyCut(1000).lastBucket,
          latencyCut(500).lastBucket,
        ]);
        expect(sum).toMatchObject({ firstPassWithin: [1, 0, 0], anyPassWithin: [1, 1, 0] });
        expect(counts(await rowOf('minute', T0, series('pay')))).toEqual({ runs: 1, bad: 0, degraded: 1, invalid: 0 });
      });
    }

    function describeLatency(): void {
      it('gives every SLI the counts classifyRun gives on the raw runs, for thresholds on a bound', async () => {
        const runs = randomProbes(300);
        await store.saveRuns(runs.flat());
        await fold();
        const slis: SliSpec[] = [
          { kind: 'availability' },
          ...[250, 1000, 2500, 5000].map((thresholdMs): SliSpec => ({ kind: 'latency', thresholdMs })),
          { kind: 'step-availability', step: 'pay' },
          { kind: 'latency', thresholdMs: 500, step: 'pay' },
        ];
        for (const sli of slis) {
          const expected = { good: 0, degraded: 0, bad: 0, invalid: 0 };
          for (const probe of runs) expected[classifyRun(sli, probe)] += 1;
          const step = sli.kind === 'availability' ? '' : (sli.step ?? '');
          const cut = sli.kind === 'latency' ? latencyCut(sli.thresholdMs).lastBucket : LATENCY_BOUNDS_MS.length;
          const daySums = await store.rollups.sum({ resolution: 'day', fromMs: 0, toMs: T0 + DAY, seriesIds: [series(step)] }, [cut]);
          const minuteSums = await store.rollups.sum({ resolution: 'minute', fromMs: 0, toMs: T0 + DAY, seriesIds: [series(step)] }, [cut]);
          expect(minuteSums).toEqual(daySums);
          const [sum] = daySums;
          expect(sum, JSON.stringify(sli)).toBeDefined();
          const actual = {
            good: sum!.firstPassWithin[0]!,
            degraded: sum!.anyPassWithin[0]! - sum!.firstPassWithin[0]!,
            bad: sum!.runs - sum!.anyPassWithin[0]!,
            invalid: sum!.invalid,
          };
          expect(actual, JSON.stringify(sli)).toEqual(expected);
          if (sli.kind === 'availability') expect({ bad: sum!.bad, degraded: sum!.degraded }).toEqual({ bad: expected.bad, degraded: expected.degraded });
        }
      });

      it('refuses latency cuts outside the buckets and unknown resolutions', async () => {
        await expect(store.rollups.sum({ resolution: 'minute', fromMs: 0, toMs: 1 }, [99])).rejects.toMatchObject({ name: 'StoreError', kind: 'invalid' });
        await expect(store.rollups.rows({ resolution: 'week' as never, fromMs: 0, toMs: 1 })).rejects.toMatchObject({ kind: 'invalid' });
        await expect(store.rollups.deleteBefore('minute', new Date('x'), 10)).rejects.toMatchObject({ kind: 'invalid' });
      });
    }

    function describeStates(): void {
      it('keeps one state per location and minute in the hour rows', async () => {
        await store.saveRuns([
          attempt({ id: 'a', minute: 0, durationMs: 240 }),
          attempt({ id: 'b', minute: 0, second: 30, durationMs: 2100 }),
          attempt({ id: 'c', minute: 2, status: 'failed' }),
          attempt({ id: 'd', minute: 59, status: 'error' }),
          attempt({ id: 'e', minute: 61, durationMs: 10 }),
        ]);
        const states = await store.rollups.minuteStates({ fromMs: T0, toMs: T0 + 2 * HOUR, seriesIds: [series()] });
        expect(states.map((s) => s.startMs)).toEqual([T0, T0 + HOUR]);
        // The same whether read from minute rows or, once folded, from the hour rows.
        await fold();
        expect(await store.rollups.minuteStates({ fromMs: T0, toMs: T0 + 2 * HOUR, seriesIds: [series()] })).toEqual(states);
        const first = states[0]!.states;
        expect(first).toHaveLength(60);
        // Minute 0: the slower of two passes; minute 2: a failure; minute 59: only an Outpost error.
        expect(first[0]).toBe(bucketState(LATENCY_BOUNDS_MS.indexOf(2500)));
        expect(first[1]).toBe(MINUTE_STATE.none);
        expect(first[2]).toBe(MINUTE_STATE.bad);
        expect(first[59]).toBe(MINUTE_STATE.none);
        expect(states[1]!.states[1]).toBe(bucketState(0));
      });

      it('clears a failed minute when its probe passes on retry', async () => {
        await store.saveRun(attempt({ id: 'f1', minute: 5, status: 'failed', session: 's', durationMs: 100 }));
        expect((await store.rollups.minuteStates({ fromMs: T0, toMs: T0 + HOUR }))[0]!.states[5]).toBe(MINUTE_STATE.bad);
        await store.saveRun(attempt({ id: 'f2', minute: 6, attempt: 2, session: 's', durationMs: 700 }));
        const [row] = await store.rollups.minuteStates({ fromMs: T0, toMs: T0 + HOUR });
        expect(row!.states[5]).toBe(bucketState(LATENCY_BOUNDS_MS.indexOf(750)));
        expect(row!.states[6]).toBe(MINUTE_STATE.none);
      });
    }

    function describeTimesliceDays(): void {
      const dayOf = (ms: number) => Math.floor(ms / DAY) * DAY;
      const day2 = 24 * 60;

      it('summarizes each folded day per group as minutes by sorted location states, and again after a late result', async () => {
        await store.saveRuns([
          attempt({ id: 'd1', minute: 0 }),
          attempt({ id: 'a', minute: day2, location: 'eu' }),
          attempt({ id: 'b', minute: day2, location: 'us', status: 'failed' }),
          attempt({ id: 'c', minute: day2, location: 'ap' }),
          attempt({ id: 'd', minute: day2 + 1, location: 'eu' }),
          attempt({ id: 'e', minute: day2 + 2, location: 'eu', status: 'error' }),
          attempt({ id: 'f', minute: day2 + 3, location: 'eu', journey: 'search' }),
        ]);
        const pass = (await store.rollups.minuteStates({ fromMs: T0, toMs: T0 + HOUR, seriesIds: [series()] }))[0]!.states[0]!;
        expect(pass).not.toBe(MINUTE_STATE.bad);
        // Nothing folded yet: nothing summarized.
        expect((await store.rollups.timesliceDays({ fromMs: 0, toMs: T0 + 30 * DAY })).days).toEqual([]);
        await fold();
        const all = await store.rollups.timesliceDays({ fromMs: 0, toMs: T0 + 30 * DAY });
        // The first day with hour rows is not counted as complete (retention may have deleted part of it); the day watermark ends it.
        expect(all.summarized).toEqual({ fromMs: dayOf(T0) + DAY, toMs: dayOf(T0) + 3 * DAY });
        const checkout = { journey: 'checkout', step: '', target: 'production' };
        expect(all.days).toEqual([
          { ...checkout, dayMs: dayOf(T0), minutes: { [pass]: 1 } },
          { ...checkout, dayMs: dayOf(T0) + DAY, minutes: { [`${pass}${pass}${MINUTE_STATE.bad}`]: 1, [pass]: 1 } },
          { journey: 'search', step: '', target: 'production', dayMs: dayOf(T0) + DAY, minutes: { [pass]: 1 } },
        ]);
        const checkoutOnly = await store.rollups.timesliceDays({ fromMs: dayOf(T0) + DAY, toMs: dayOf(T0) + 2 * DAY, journeys: ['checkout'] });
        expect(checkoutOnly.days).toEqual([all.days[1]]);
        // A late failure from us in a minute of a folded day: that group's day is summarized again.
        await store.saveRun(attempt({ id: 'late', minute: day2 + 1, location: 'us', status: 'failed' }));
        const after = await store.rollups.timesliceDays({ fromMs: dayOf(T0) + DAY, toMs: dayOf(T0) + 2 * DAY });
        expect(after.days).toEqual([
          { ...checkout, dayMs: dayOf(T0) + DAY, minutes: { [`${pass}${pass}${MINUTE_STATE.bad}`]: 1, [`${pass}${MINUTE_STATE.bad}`]: 1 } },
          all.days[2],
        ]);
      });

      it('drops the summaries of days whose hour rows retention deleted', async () => {
        await store.saveRuns([attempt({ id: 'a', minute: 0 }), attempt({ id: 'b', minute: day2 })]);
        await fold();
        expect((await store.rollups.timesliceDays({ fromMs: 0, toMs: T0 + 30 * DAY })).days).toHaveLength(2);
        while ((await store.rollups.deleteBefore('hour', new Date(dayOf(T0) + DAY), 1)) > 0);
        const left = await store.rollups.timesliceDays({ fromMs: 0, toMs: T0 + 30 * DAY });
        expect(left.days.map((d) => d.dayMs)).toEqual([dayOf(T0) + DAY]);
        expect(left.summarized).toEqual({ fromMs: dayOf(T0) + 2 * DAY, toMs: dayOf(T0) + 3 * DAY });
      });
    }

    function describeFolding(): void {
      it('folds whole hours that ended by the limit, skipping empty ones, then whole days of folded hours', async () => {
        const day1 = Date.UTC(2025, 2, 1);
        await store.saveRuns([
          attempt({ id: 'a', minute: 5 }),
          attempt({ id: 'b', minute: 7 * 60, status: 'failed' }),
          attempt({ id: 'c', minute: 14 * 60 + 1 }),
          attempt({ id: 'd', minute: 24 * 60 }),
        ]);
        expect(await store.rollups.coverage()).toEqual({ minute: { fromMs: T0 + 5 * MINUTE }, hour: { fromMs: undefined, toMs: 0 }, day: { fromMs: undefined, toMs: 0 } });
        // Of the hours with data, only 10:00 ends by 17:30; the watermark then moves over the empty hours to 17:00.
        expect(await store.rollups.foldNext('hour', T0 + 7 * HOUR + 30 * MINUTE)).toBe(T0);
        expect(await store.rollups.foldNext('hour', T0 + 7 * HOUR + 30 * MINUTE)).toBeUndefined();
        expect((await store.rollups.coverage()).hour).toEqual({ fromMs: T0, toMs: T0 + 7 * HOUR });
        // No day ends before the hours folded so far.
        expect(await store.rollups.foldNext('day', T0 + 30 * DAY)).toBeUndefined();
        expect(await fold(T0 + 2 * DAY)).toEqual([T0 + 7 * HOUR, T0 + 14 * HOUR, T0 + 24 * HOUR, day1, day1 + DAY]);
        expect(await store.rollups.coverage()).toEqual({
          minute: { fromMs: T0 + 5 * MINUTE },
          hour: { fromMs: T0, toMs: T0 + 2 * DAY },
          day: { fromMs: day1, toMs: day1 + 2 * DAY },
        });
        expect((await rowsAt('day')).map((r) => [r.startMs, r.counts.runs, r.counts.bad])).toEqual([[day1, 2, 1], [day1 + DAY, 2, 0]]);
        // Folding again changes nothing.
        expect(await fold(T0 + 2 * DAY)).toEqual([]);
        expect((await rowsAt('hour')).reduce((n, r) => n + r.counts.runs, 0)).toBe(4);
      });

      it('keeps every resolution equal to the sum of the finer one', async () => {
        const probes = randomProbes(200);
        await store.saveRuns(probes.slice(0, 120).flat());
        await fold(T0 + HOUR);
        await store.saveRuns(probes.slice(120).flat());
        await fold();
        const total = (rows: RollupRow[]) => rows.reduce((sum, r) => sum + r.counts.runs * 1000 + r.counts.bad * 100 + r.counts.degraded * 10 + r.counts.invalid + r.counts.anyPass.reduce((a, b, i) => a + b * i, 0), 0);
        const minutes = total(await rowsAt('minute'));
        expect(total(await rowsAt('hour'))).toBe(minutes);
        expect(total(await rowsAt('day'))).toBe(minutes);
      });
    }

    function describeMaintenance(): void {
      it('deletes the oldest rows of one resolution in batches, never rows not yet folded', async () => {
        await store.saveRuns(Array.from({ length: 6 }, (_, i) => attempt({ id: `m${i}`, minute: i * 30 })));
        expect(await store.rollups.deleteBefore('minute', new Date(T0 + 100 * MINUTE), 50)).toBe(0);
        await fold();
        expect((await store.rollups.coverage()).minute.fromMs).toBe(T0);
        expect(await store.rollups.deleteBefore('minute', new Date(T0 + 100 * MINUTE), 2)).toBe(2);
        expect((await store.rollups.coverage()).minute.fromMs).toBe(T0 + 60 * MINUTE);
        expect(await store.rollups.deleteBefore('minute', new Date(T0 + 100 * MINUTE), 50)).toBe(2);
        expect((await rowsAt('minute')).map((r) => r.startMs)).toEqual([T0 + 120 * MINUTE, T0 + 150 * MINUTE]);
        // Hours and days are untouched.
        expect((await rowsAt('hour')).reduce((n, r) => n + r.counts.runs, 0)).toBe(6);
        expect((await store.rollups.coverage()).day.fromMs).toBe(Date.UTC(2025, 2, 1));
        await store.rollups.deleteBefore('day', new Date(T0 + DAY), 10);
        expect((await store.rollups.coverage()).day.fromMs).toBeUndefined();
      });

      it('keeps the rollups when the raw runs are deleted', async () => {
        await store.saveRuns([attempt({ id: 'old', status: 'failed' }), attempt({ id: 'new', minute: 1 })]);
        await fold();
        expect(await store.deleteRunsBefore(new Date(T0 + 10 * DAY), 100)).toBe(2);
        expect(counts(await rowOf('hour', T0))).toEqual({ runs: 2, bad: 1, degraded: 0, invalid: 0 });
      });

      it.skipIf(exec === undefined)('rolls up runs stored before rollups existed when it opens', async () => {
        const runs = randomProbes(50).flat();
        await store.saveRuns(runs);
        const before = await rowsAt('minute');
        const beforeStates = await store.rollups.minuteStates({ fromMs: 0, toMs: T0 + DAY });
        await exec!('DELETE FROM rollups');
        await exec!('DELETE FROM rollup_series');
        await exec!('UPDATE runs SET rolled_up = 0');
        const reopened = await open();
        expect(await reopened.rollups.rows({ resolution: 'minute', fromMs: 0, toMs: T0 + 30 * DAY })).toEqual(before);
        expect(await reopened.rollups.minuteStates({ fromMs: 0, toMs: T0 + DAY })).toEqual(beforeStates);
        expect(await reopened.rollups.backfill(100)).toBe(0);
        expect((await reopened.rollups.listSeries()).length).toBeGreaterThan(1);
      });
    }
  });
}

/** Probes with random attempts (statuses, durations, a retry or two, steps), each probe its own session. */
export function randomProbes(count: number, seed = 7): JourneyResult[][] {
  let state = seed;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const statuses: RunStatus[] = ['passed', 'passed', 'passed', 'failed', 'timedOut', 'error'];
  return Array.from({ length: count }, (_, p) => {
    const attempts: JourneyResult[] = [];
    const total = 1 + Math.floor(next() * 3);
    for (let n = 1; n <= total; n++) {
      const status = statuses[Math.floor(next() * statuses.length)]!;
      const payStatus = status === 'passed' ? 'passed' : next() < 0.5 ? 'failed' : 'skipped';
      attempts.push(
        attempt({
          id: `p${p}-${n}`,
          minute: p % 120,
          second: n * 5,
          attempt: n,
          session: `probe-${p}`,
          status,
          durationMs: Math.round(next() * 8000),
          steps: [['login', 'passed', Math.round(next() * 1000)], ['pay', payStatus, Math.round(next() * 1200)]],
        }),
      );
      if (status === 'passed') break;
    }
    return attempts;
  });
}

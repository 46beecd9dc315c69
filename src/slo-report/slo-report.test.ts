import { describe, expect, it } from 'vitest';
import type { SloStatus } from '../evaluation/index.js';
import type { JourneyResult } from '../journey/index.js';
import { budgetStatus } from '../scoring/error-budget.js';
import { DAY_MS, MINUTE_MS, resolveSlo, type SloDefinition } from '../scoring/index.js';
import type { AlertEpisode } from '../store/index.js';
import { minimalResult } from '../store/journey-result-fixture.js';
import { buildSloReport, type SloReportSource } from './slo-report.js';
import { stepFailures } from './step-failures.js';

const NOW = Date.parse('2025-07-01T12:00:00Z');
const WINDOW = 7 * DAY_MS;

function source(definition: Partial<SloDefinition>, counts: { events: number; bad: number; degraded?: number }, extra: Partial<SloReportSource> = {}): SloReportSource {
  const slo = resolveSlo({ name: 'checkout-availability', journey: 'checkout', sli: { kind: 'availability' }, objective: 0.99, ...definition });
  const sliceMs = slo.budgeting.method === 'timeslices' ? slo.budgeting.sliceMs : undefined;
  const budget = budgetStatus({ objective: slo.objective, periodMs: WINDOW, events: counts.events, bad: counts.bad, degradedRuns: counts.degraded ?? 0, ...(sliceMs === undefined ? {} : { sliceMs }) });
  const status: SloStatus = {
    slo,
    evaluation: { slo: slo.name, journey: slo.journey, atMs: NOW, budget, tiers: [] },
    sli: budget.sli,
    runs: counts.events,
    degradedRuns: counts.degraded ?? 0,
    burnRates: [],
    firingTiers: [],
    exact: true,
  };
  return { status, episodes: [], failedRuns: [], failedRunsTruncated: false, ...extra };
}

function episode(overrides: Partial<AlertEpisode>): AlertEpisode {
  return {
    id: 'e',
    dedupKey: 'outpost/slo/checkout-availability/page-1h',
    slo: 'checkout-availability',
    journey: 'checkout',
    tier: 'page-1h',
    severity: 'page',
    firingSinceMs: NOW - 60 * MINUTE_MS,
    resolvedAtMs: null,
    fired: { burnRate: 20, budgetRemaining: 0.5 },
    peakBurnRate: 30,
    last: { burnRate: 25, budgetRemaining: 0.4 },
    updatedAtMs: NOW,
    details: null,
    ...overrides,
  };
}

function failedRun(startedAt: string, step: string | null, message: string): JourneyResult {
  return minimalResult({
    journey: 'checkout',
    status: 'failed',
    startedAt,
    steps: step === null ? [] : [{ index: 0, name: step, soft: false, status: 'failed', durationMs: 10, error: { message } }],
    error: { message: `run: ${message}` },
  });
}

describe('buildSloReport', () => {
  it('tells the budget over the window as a share and in bad events, and whether the objective was met', () => {
    const report = buildSloReport({ nowMs: NOW, windowMs: WINDOW, target: 'production', slos: [source({ periodMs: 28 * DAY_MS }, { events: 1000, bad: 5, degraded: 7 })] });
    expect(report).toMatchObject({ schemaVersion: 1, window: '7d', from: '2025-06-24T12:00:00.000Z', to: '2025-07-01T12:00:00.000Z', target: 'production' });
    const [entry] = report.slos;
    expect(entry).toMatchObject({ period: '28d', events: 1000, badEvents: 5, degradedRuns: 7, met: true, eventUnit: 'runs' });
    expect(entry!.sliValue).toBeCloseTo(0.995, 12);
    expect(entry!.errorBudget.allowedBadEvents).toBeCloseTo(10, 9);
    expect(entry!.errorBudget.consumed).toBeCloseTo(0.5, 9);
    expect(entry!.errorBudget.remaining).toBeCloseTo(0.5, 9);
    expect(entry!.errorBudget.allowedMinutes).toBeNull();
    expect(report.summary).toEqual({ slos: 1, met: 1, missed: 0, noData: 0, incidents: 0, ongoingIncidents: 0 });
  });

  it('gives time-slice budgets in minutes too', () => {
    const report = buildSloReport({ nowMs: NOW, windowMs: WINDOW, target: null, slos: [source({ budgeting: { method: 'timeslices', sliceMs: 5 * MINUTE_MS } }, { events: 2016, bad: 30 })] });
    const entry = report.slos[0]!;
    expect(entry).toMatchObject({ budgeting: 'timeslices', eventUnit: 'slices', met: false });
    expect(entry.errorBudget.allowedMinutes).toBeCloseTo(2016 * 0.01 * 5, 9);
    expect(entry.errorBudget.consumedMinutes).toBe(150);
  });

  it('says "no data" rather than a clean budget when the window holds no events', () => {
    const report = buildSloReport({ nowMs: NOW, windowMs: WINDOW, target: null, slos: [source({}, { events: 0, bad: 0 })] });
    expect(report.slos[0]).toMatchObject({ sliValue: null, met: null, errorBudget: { consumed: null, remaining: null, allowedBadEvents: 0 } });
    expect(report.summary).toMatchObject({ met: 0, missed: 0, noData: 1 });
  });

  it('lists incidents oldest first; one resolved after the report instant was still ongoing then', () => {
    const episodes = [
      episode({ id: 'later', firingSinceMs: NOW - 30 * MINUTE_MS, resolvedAtMs: NOW + 10 * MINUTE_MS, details: { summary: 'burning', failingStep: { name: 'pay' } } }),
      episode({ id: 'earlier', tier: 'ticket-24h', severity: 'ticket', firingSinceMs: NOW - 8 * DAY_MS, resolvedAtMs: NOW - 6 * DAY_MS, peakBurnRate: null, details: 'not an object' }),
    ];
    const report = buildSloReport({ nowMs: NOW, windowMs: WINDOW, target: null, slos: [source({}, { events: 10, bad: 0 }, { episodes })] });
    expect(report.slos[0]!.incidents).toEqual([
      { tier: 'ticket-24h', severity: 'ticket', start: '2025-06-23T12:00:00.000Z', end: '2025-06-25T12:00:00.000Z', ongoing: false, durationMinutes: 2880, peakBurnRate: null, firedBurnRate: 20, failingStep: null, summary: null },
      { tier: 'page-1h', severity: 'page', start: '2025-07-01T11:30:00.000Z', end: null, ongoing: true, durationMinutes: 30, peakBurnRate: 30, firedBurnRate: 20, failingStep: 'pay', summary: 'burning' },
    ]);
    expect(report.summary).toMatchObject({ incidents: 2, ongoingIncidents: 1 });
  });

  it('flags a review date before the report day, not one on it', () => {
    const past = buildSloReport({ nowMs: NOW, windowMs: WINDOW, target: null, slos: [source({ metadata: { reviewDate: '2025-06-30', owner: 'team' } }, { events: 1, bad: 0 })] });
    expect(past.slos[0]!.metadata).toEqual({ description: null, owner: 'team', approver: null, service: null, runbookUrl: null, reviewDate: '2025-06-30', reviewOverdue: true, errorBudgetPolicy: null });
    const today = buildSloReport({ nowMs: NOW, windowMs: WINDOW, target: null, slos: [source({ metadata: { reviewDate: '2025-07-01' } }, { events: 1, bad: 0 })] });
    expect(today.slos[0]!.metadata.reviewOverdue).toBe(false);
  });

  it('keeps the top five failing steps and says when the failed runs were cut', () => {
    const runs = ['a', 'b', 'b', 'c', 'c', 'c', 'd', 'e', 'f', 'f'].map((step, i) => failedRun(`2025-07-01T11:${String(59 - i).padStart(2, '0')}:00.000Z`, step, `${step} broke ${i}`));
    const report = buildSloReport({ nowMs: NOW, windowMs: WINDOW, target: null, slos: [source({}, { events: 10, bad: 10 }, { failedRuns: runs, failedRunsTruncated: true })] });
    const entry = report.slos[0]!;
    expect(entry.topFailingSteps.map((s) => [s.step, s.failures])).toEqual([['c', 3], ['b', 2], ['f', 2], ['a', 1], ['d', 1]]);
    expect(entry).toMatchObject({ failedRunsLookedAt: 10, failedRunsTruncated: true });
  });
});

describe('stepFailures', () => {
  it('counts failed runs by their failing step, keeps the newest error, and groups failures outside any step', () => {
    const runs = [
      failedRun('2025-07-01T11:59:00.000Z', 'pay', 'declined\n  at  line 3'),
      failedRun('2025-07-01T11:58:00.000Z', null, 'browser crashed'),
      failedRun('2025-07-01T11:57:00.000Z', 'pay', 'older error'),
    ];
    expect(stepFailures(runs)).toEqual([
      { step: 'pay', failures: 2, lastError: 'declined at line 3', lastFailedAt: '2025-07-01T11:59:00.000Z' },
      { step: null, failures: 1, lastError: 'run: browser crashed', lastFailedAt: '2025-07-01T11:58:00.000Z' },
    ]);
  });

  it('ignores soft steps: they do not fail the run', () => {
    const run = failedRun('2025-07-01T11:59:00.000Z', 'pay', 'declined');
    run.steps.unshift({ index: 0, name: 'banner', soft: true, status: 'failed', durationMs: 1, error: { message: 'no banner' } });
    expect(stepFailures([run]).map((s) => s.step)).toEqual(['pay']);
  });
});

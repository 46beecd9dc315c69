import { describe, expect, it } from 'vitest';
import { at } from '../probe-traffic.fixture.js';
import { resolveSlo, type SloDefinition } from '../slo-definition.js';
import { DAY_MS, HOUR_MS } from '../time-units.js';
import { probeRuns, tableOf, type RunOutcome } from './replay.fixture.js';
import { EmptyReplayError, replayResults } from './replay-results.js';
import { RunTable } from './run-table.js';

const THREE = ['eu', 'us', 'ap'];
const checkout = resolveSlo({ name: 'checkout', journey: 'checkout', sli: { kind: 'availability' }, objective: 0.995 });
const pageOnly = (definition: Omit<SloDefinition, 'tiers'>) =>
  resolveSlo({ ...definition, tiers: [{ name: 'page-1h', severity: 'page', budgetShare: 0.02, longWindowMs: HOUR_MS }] });

/** A day of passing runs from three locations, with `outcome` from minute 1440 on. */
function dayThen(outcome: (minute: number, location: string) => RunOutcome, minutes = 1440 + 120) {
  return probeRuns({ locations: THREE, fromMinute: 0, toMinute: minutes, outcome: (m, loc) => (m < 1440 ? {} : outcome(m - 1440, loc)) });
}

describe('replayResults', () => {
  it('pages on a 10-minute full outage and resolves once ten good runs follow it', () => {
    const runs = dayThen((m) => (m < 10 ? { status: 'failed' } : {}));
    const report = replayResults(tableOf(runs), [pageOnly(checkout)]);
    const outageStart = at(1440);
    expect(report.transitions.map(({ state, atMs, severity, tier }) => ({ state, minute: (atMs - outageStart) / 60_000, severity, tier }))).toEqual([
      { state: 'firing', minute: 5, severity: 'page', tier: 'page-1h' },
      { state: 'resolved', minute: 14, severity: 'page', tier: 'page-1h' },
    ]);
    expect(report.transitions[0]).toMatchObject({ slo: 'checkout', journey: 'checkout', longWindowMs: HOUR_MS, factor: expect.closeTo(13.44, 9) });
    // f·B = 13.44 × 0.5% = 6.72%, which is 12 of the hour's 180 runs: enough volume that the
    // count is the evidence (the long window's Wilson guard stands aside above 10). 15 bad of
    // 180 is the first minute over it: burn 8.33% / 0.5% = 16.7× the budget rate.
    expect(report.transitions[0]?.burnRate).toBeCloseTo(15 / 180 / 0.005, 9);
  });

  it('stays quiet on a single failed run, and says which guard held the alert back', () => {
    const report = replayResults(tableOf(dayThen((m, loc) => (m === 0 && loc === 'eu' ? { status: 'failed' } : {}))), [checkout]);
    expect(report.transitions).toEqual([]);
    const page = report.slos[0]?.tiers[0];
    // 1 bad of 180 runs is 0.56%, far below 6.72%: plain MWMB would not fire either.
    expect(page?.closest.guardedMinutes).toBe(0);
    expect(page?.closest.peak).toMatchObject({ atMs: at(1441), burnRate: expect.closeTo(1 / 180 / 0.005, 9) });
    expect(page?.closest.peak?.blockedBy).toContain('long-window-below-threshold');
  });

  it('reports guarded minutes when the windows were above the threshold but the guards held', () => {
    // One location at 1 run/min and 99.9%: one flake is above f·B in both windows of the 1h tier.
    const strict = pageOnly({ name: 'strict', journey: 'checkout', sli: { kind: 'availability' }, objective: 0.999 });
    const runs = probeRuns({ locations: ['eu'], fromMinute: 0, toMinute: 120, outcome: (m) => (m === 60 ? { status: 'failed' } : {}) });
    const [slo] = replayResults(tableOf(runs), [strict]).slos;
    expect(slo?.transitions).toEqual([]);
    expect(slo?.tiers[0]?.closest.guardedMinutes).toBe(5);
    expect(slo?.tiers[0]?.closest.firstGuarded).toMatchObject({ atMs: at(61), blockedBy: ['too-few-bad-events', 'not-significant'] });
  });

  it('counts runs that passed on retry as degraded, never as budget', () => {
    const report = replayResults(tableOf(dayThen((m) => (m < 30 ? { attempts: 2 } : {}))), [checkout]);
    expect(report.transitions).toEqual([]);
    expect(report.slos[0]?.counts).toEqual({ runs: (1440 + 120) * 3, bad: 0, degraded: 90 });
    expect(report.slos[0]?.budget.peakConsumed).toBe(0);
  });

  it('gives the same transitions whatever the order of the input', () => {
    const runs = dayThen((m, loc) => (m < 40 || (m > 80 && loc === 'eu') ? { status: 'failed' } : {}));
    const shuffled = [...runs].sort((a, b) => ((a.startedAtMs * 7919 + a.location.length) % 1013) - ((b.startedAtMs * 7919 + b.location.length) % 1013));
    const latency = resolveSlo({ name: 'checkout-fast', journey: 'checkout', sli: { kind: 'latency', thresholdMs: 500 }, objective: 0.9 });
    const ordered = replayResults(tableOf(runs), [checkout, latency]);
    expect(ordered.transitions.length).toBeGreaterThan(2);
    expect(replayResults(tableOf(shuffled), [checkout, latency]).transitions).toEqual(ordered.transitions);
  });

  it('orders transitions by time, then SLO, then page before ticket', () => {
    const second = resolveSlo({ name: 'a-checkout', journey: 'checkout', sli: { kind: 'availability' }, objective: 0.995 });
    const { transitions } = replayResults(tableOf(dayThen((m) => (m < 120 ? { status: 'failed' } : {}), 1440 + 240)), [checkout, second]);
    const keys = transitions.map((t) => [t.atMs, t.slo, t.severity === 'page' ? 0 : 1, t.tierIndex] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]) || a[2] - b[2] || a[3] - b[3]);
    expect(keys).toEqual(sorted);
    expect(new Set(transitions.map((t) => t.slo))).toEqual(new Set(['checkout', 'a-checkout']));
  });

  it('evaluates every minute from the first result to an hour after the last, and budgets over the period', () => {
    const runs = probeRuns({ locations: ['eu'], fromMinute: 0, toMinute: 10 });
    const report = replayResults(tableOf(runs), [checkout]);
    expect(report.clock).toEqual({ fromMs: at(1), toMs: at(10) + HOUR_MS });
    expect(report.slos[0]?.slo.periodMs).toBe(28 * DAY_MS);
    expect(report.journeysWithoutSlo).toEqual([]);
    const other = replayResults(tableOf([...runs, ...probeRuns({ journey: 'search', locations: ['eu'], fromMinute: 0, toMinute: 1 })]), [checkout]);
    expect(other.journeysWithoutSlo).toEqual(['search']);
  });

  it('refuses an empty table', () => {
    expect(() => replayResults(new RunTable(), [checkout])).toThrow(EmptyReplayError);
  });
});

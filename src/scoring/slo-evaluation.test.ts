import { describe, expect, it } from 'vitest';
import { advanceAlert, type AlertNotification, type AlertState } from './alert-lifecycle.js';
import { at, checkoutSlo, scenario, type MinuteOutcome } from './probe-traffic.fixture.js';
import { resolveSlo, type SloDefinition } from './slo-definition.js';
import { evaluateSlo } from './slo-evaluation.js';
import { buildSloSeries, seriesRangeFor } from './slo-series.js';

const checkout = checkoutSlo;

describe('one flaky run at 1 run/min from one location', () => {
  const flaky = (minute: number): MinuteOutcome => (minute === 0 ? { bad: 1 } : {});

  it('does not page, while plain MWMB without guards would', () => {
    const { tier } = scenario(checkout, ['eu'], 2, flaky);
    const page = tier('page-1h', at(1));
    // 1 bad in 60 = 1.67% > f·B = 1.44%, and 1 in 5 in the short window: plain MWMB fires.
    expect(page.long).toMatchObject({ events: 60, bad: 1 });
    expect(page.long.errorRatio).toBeGreaterThan(page.threshold);
    expect(page.windowsAboveThreshold).toBe(true);
    expect(page.firing).toBe(false);
    expect(page.blockedBy).toEqual(['too-few-bad-events', 'not-significant']);
    expect(page.guards.wilson.lowerBound).toBeCloseTo(0.003727028169, 8);
  });

  it('does page with the guards turned off, which shows what they prevent', () => {
    const { tier } = scenario({ ...checkout, guards: { minEvents: 0, minBadEvents: 0, wilsonConfidence: null } }, ['eu'], 2, flaky);
    const page = tier('page-1h', at(1));
    expect(page.firing).toBe(true);
    expect(page.blockedBy).toEqual([]);
  });

  it('never burns budget for a run that passed on retry', () => {
    const { tier, slo, series } = scenario(checkout, ['eu'], 10, (m) => (m >= 0 ? { degraded: 1 } : {}));
    const page = tier('page-1h', at(10));
    expect(page.long.bad).toBe(0);
    expect(page.degradedRuns).toBe(10);
    expect(page.firing).toBe(false);
    expect(evaluateSlo(slo, series, at(10)).budget.ratio.consumed).toBe(0);
  });
});

describe('a 10-minute full outage from three locations', () => {
  const outage = (minute: number): MinuteOutcome => (minute >= 0 && minute < 10 ? { bad: 1 } : {});

  function replay(definition: SloDefinition = checkout): { notifications: AlertNotification[]; firingAt: number[] } {
    const { tier } = scenario(definition, ['eu', 'us', 'ap'], 40, outage);
    let state: AlertState | undefined;
    const notifications: AlertNotification[] = [];
    const firingAt: number[] = [];
    for (let m = 0; m <= 40; m++) {
      const decision = tier('page-1h', at(m));
      if (decision.firing) firingAt.push(m);
      const step = advanceAlert(state, decision, at(m));
      state = step.state;
      notifications.push(...step.notifications);
    }
    return { notifications, firingAt };
  }
  const withoutEarlyRecovery = { ...checkout, guards: { recoveryConfidence: null } };

  it('pages once during the outage', () => {
    const { notifications } = replay();
    const triggers = notifications.filter((n) => n.kind === 'trigger');
    expect(triggers).toHaveLength(1);
    // 3 bad of 180 at minute 1 is not yet significant; 6 of 180 at minute 2 is.
    expect(triggers[0]?.atMs).toBe(at(2));
    expect(triggers[0]?.decision.long).toMatchObject({ events: 180, bad: 6 });
    expect(triggers[0]?.decision.guards.wilson.passed).toBe(true);
  });

  it('resolves once ten good runs in a row follow the outage, before the bad runs leave the short window', () => {
    const { notifications, firingAt } = replay();
    // The last bad runs are in minute 9; minutes 10 to 13 are clean (12 runs by at(14)).
    expect(firingAt).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const resolves = notifications.filter((n) => n.kind === 'resolve');
    expect(resolves).toHaveLength(1);
    expect(resolves[0]?.atMs).toBe(at(14));
    // The short window (minutes 9 to 13) still holds 3 bad of 15 runs, above f·B.
    expect(resolves[0]?.decision.short).toMatchObject({ events: 15, bad: 3, aboveThreshold: true });
    expect(resolves[0]?.decision.blockedBy).toEqual(['recovered']);
    // Before the streak every run failed, so one good run would already be telling; the floor is minEvents.
    expect(resolves[0]?.decision.recovery).toMatchObject({ streak: 12, required: 10, priorErrorRatio: 1, bad: 0 });
  });

  it('without early recovery resets five minutes after recovery, when the bad runs leave the short window', () => {
    const { notifications, firingAt } = replay(withoutEarlyRecovery);
    expect(firingAt).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const resolves = notifications.filter((n) => n.kind === 'resolve');
    expect(resolves).toHaveLength(1);
    expect(resolves[0]?.atMs).toBe(at(15));
    expect(resolves[0]?.firingSinceMs).toBe(at(2));
    // The long window still burns well above the threshold; only the short window recovered.
    expect(resolves[0]?.decision.long.aboveThreshold).toBe(true);
    expect(resolves[0]?.decision.blockedBy).toEqual(['short-window-below-threshold', 'short-window-not-significant']);
  });

  it('also trips the 6h page tier, which early recovery resets 24 minutes before its short window would', () => {
    const { tier } = scenario(checkout, ['eu', 'us', 'ap'], 40, outage);
    expect(tier('page-6h', at(10)).firing).toBe(true);
    // Its 30-minute window before the streak held 30 bad of 90 runs: at 1 in 3 failing, 18
    // good runs in a row have a 1-in-1000 chance.
    expect(tier('page-6h', at(15)).firing).toBe(true);
    expect(tier('page-6h', at(16)).blockedBy).toEqual(['recovered']);
    expect(tier('page-6h', at(16)).recovery).toMatchObject({ streak: 18, required: 18, priorErrorRatio: 1 / 3 });
    const plain = scenario(withoutEarlyRecovery, ['eu', 'us', 'ap'], 40, outage).tier;
    expect(plain('page-6h', at(39)).firing).toBe(true);
    expect(plain('page-6h', at(40)).firing).toBe(false);
  });

  it('fires again as soon as the outage comes back after a recovery', () => {
    const twice = (minute: number): MinuteOutcome => ((minute >= 0 && minute < 10) || minute >= 20 ? { bad: 1 } : {});
    const { tier } = scenario(checkout, ['eu', 'us', 'ap'], 30, twice);
    expect(tier('page-1h', at(14)).blockedBy).toEqual(['recovered']);
    expect(tier('page-1h', at(21)).firing).toBe(true);
    // In the 6h tier's 30-minute short window the recovery is still in sight, so only the 3
    // bad runs after it count: 3 of 90 is still well above f·B = 0.6%, and significant.
    const sixHours = tier('page-6h', at(21));
    expect(sixHours.firing).toBe(true);
    expect(sixHours.recovery).toMatchObject({ streak: 30, required: 18, bad: 3 });
  });

  it('stays recovered through a single flake after the recovery', () => {
    const flakeAfter = (minute: number, location: string): MinuteOutcome =>
      (minute >= 0 && minute < 10) || (minute === 20 && location === 'eu') ? { bad: 1 } : {};
    const { tier } = scenario(checkout, ['eu', 'us', 'ap'], 30, flakeAfter);
    // 30 bad runs in the short window before the streak, 1 after it: only the 1 counts now.
    expect(tier('page-6h', at(16)).blockedBy).toEqual(['recovered']);
    const afterFlake = tier('page-6h', at(21));
    expect(afterFlake.short).toMatchObject({ bad: 31, aboveThreshold: true });
    expect(afterFlake.recovery).toMatchObject({ bad: 1 });
    expect(afterFlake.blockedBy).toEqual(['recovered']);
  });
});

describe('a blip days after a big outage that still fills the 72h window', () => {
  // A 60-minute full outage, then 33 hours later a 2-minute blip from every location.
  const outcome = (minute: number): MinuteOutcome => ((minute >= 0 && minute < 60) || minute === 2040 || minute === 2041 ? { bad: 1 } : {});

  it('does not re-fire the ticket: what came since the outage recovered does not make its case', () => {
    const { tier } = scenario(checkout, ['eu', 'us', 'ap'], 2045, outcome);
    const ticket = tier('ticket-72h', at(2043));
    // Both windows are above f·B (the outage is in the long one, the blip in the short one), and significant.
    expect(ticket.windowsAboveThreshold).toBe(true);
    expect(ticket.recovery).toMatchObject({ bad: 6 });
    expect(ticket.blockedBy).toEqual(['recovered']);
  });

  it('would re-fire it without early recovery, as plain MWMB does', () => {
    const { tier } = scenario({ ...checkout, guards: { recoveryConfidence: null } }, ['eu', 'us', 'ap'], 2045, outcome);
    expect(tier('ticket-72h', at(2043)).firing).toBe(true);
  });
});

describe('SLO evaluation', () => {
  it('reads the period budget and every tier at one instant', () => {
    const { slo, series } = scenario(checkout, ['eu', 'us'], 0, (m) => (m === -30 ? { bad: 1 } : {}));
    const evaluation = evaluateSlo(slo, series, at(0));
    expect(evaluation.tiers.map((t) => t.tier)).toEqual(['page-1h', 'page-6h', 'ticket-24h', 'ticket-72h']);
    expect(evaluation.budget.events).toBe(360);
    expect(evaluation.budget.bad).toBe(2);
    expect(evaluation.budget.badEvents.allowed).toBeCloseTo(0.36, 12);
  });

  it('reports no data instead of guessing when the probes are silent', () => {
    const slo = resolveSlo(checkout);
    const series = buildSloSeries(slo, [], seriesRangeFor(slo, at(0)));
    const [page] = evaluateSlo(slo, series, at(0)).tiers;
    expect(page?.firing).toBe(false);
    expect(page?.blockedBy).toEqual(['no-data', 'short-window-no-data', 'too-few-events', 'too-few-bad-events']);
    expect(page?.long.errorRatio).toBeNull();
  });

  it('weights locations by their events rather than averaging their ratios', () => {
    // eu ran every minute and passed; ap ran once in the hour and failed.
    const { tier } = scenario(checkout, ['eu', 'ap'], 1, (m, location) => {
      if (location === 'eu') return {};
      return m === 0 ? { bad: 1 } : { skip: true };
    });
    const page = tier('page-1h', at(1));
    expect(page.long).toMatchObject({ events: 61, bad: 1 });
    expect(page.long.errorRatio).toBeCloseTo(1 / 61, 12); // not (0 + 1) / 2
  });

  it('evaluates timeslice SLOs in slices', () => {
    const definition: SloDefinition = { ...checkout, budgeting: { method: 'timeslices', quorum: { count: 2 } } };
    const { tier } = scenario(definition, ['eu', 'us', 'ap'], 10, (m, location) => (m >= 0 && location !== 'ap' ? { bad: 1 } : {}));
    const page = tier('page-1h', at(10));
    expect(page.unit).toBe('slices');
    expect(page.long).toMatchObject({ events: 60, bad: 10 });
    expect(page.short).toMatchObject({ events: 5, bad: 5 });
    expect(page.firing).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import {
  advanceAlert,
  alertDedupKey,
  AlertStateMismatchError,
  initialAlertState,
  type AlertState,
  type LifecycleStep,
} from './alert-lifecycle.js';
import { at, probeTraffic } from './probe-traffic.fixture.js';
import { resolveSlo } from './slo-definition.js';
import { buildSloSeries } from './slo-series.js';
import { evaluateTier, type TierBlocker, type TierDecision } from './tier-evaluation.js';
import { HOUR_MS } from './time-units.js';


/** A real decision from a small series, with `firing` and `blockedBy` set by the test. */
function decisionFactory(): (firing: boolean, blockedBy?: TierBlocker[]) => TierDecision {
  const slo = resolveSlo({ name: 'cart', journey: 'cart', sli: { kind: 'availability' }, objective: 0.99 });
  const range = { fromMs: at(-60), toMs: at(0) };
  const series = buildSloSeries(slo, probeTraffic({ ...range, locations: ['eu'] }), range);
  const base = evaluateTier(slo, slo.tiers[0]!, series, at(0));
  return (firing, blockedBy = firing ? [] : ['long-window-below-threshold']) => ({ ...base, firing, blockedBy });
}

const decision = decisionFactory();
const options = { renotifyIntervalMs: HOUR_MS };

function steps(sequence: [minute: number, firing: boolean][], start?: AlertState): { state: AlertState; log: string[] } {
  let state = start;
  const log: string[] = [];
  for (const [minute, firing] of sequence) {
    const step: LifecycleStep = advanceAlert(state, decision(firing), at(minute), options);
    state = step.state;
    log.push(...step.notifications.map((n) => `${minute}:${n.kind}`));
  }
  if (state === undefined) throw new Error('no steps');
  return { state, log };
}

describe('alert lifecycle', () => {
  it('stays quiet while inactive: no "recovered" notice without an alert', () => {
    const { state, log } = steps([[0, false], [1, false]]);
    expect(state.status).toBe('inactive');
    expect(log).toEqual([]);
  });

  it('goes inactive → firing → resolved → firing, notifying at each edge', () => {
    const { state, log } = steps([
      [0, false],
      [1, true],
      [2, true],
      [3, false],
      [4, false],
      [5, true],
    ]);
    expect(log).toEqual(['1:trigger', '3:resolve', '5:trigger']);
    expect(state).toMatchObject({ status: 'firing', firingSinceMs: at(5), resolvedAtMs: null });
  });

  it('re-notifies at the configured interval while firing', () => {
    const { log } = steps([
      [0, true],
      [59, true],
      [60, true],
      [61, true],
      [119, true],
      [120, true],
    ]);
    expect(log).toEqual(['0:trigger', '60:renotify', '120:renotify']);
  });

  it('never re-notifies when the interval is null', () => {
    let state = advanceAlert(undefined, decision(true), at(0), { renotifyIntervalMs: null }).state;
    const later = advanceAlert(state, decision(true), at(10_000), { renotifyIntervalMs: null });
    state = later.state;
    expect(later.notifications).toEqual([]);
    expect(state.status).toBe('firing');
  });

  it('carries what the notifiers need on each notification', () => {
    const first = advanceAlert(undefined, decision(true), at(0), options);
    const resolved = advanceAlert(first.state, decision(false), at(7), options);
    expect(first.notifications[0]).toMatchObject({
      kind: 'trigger',
      dedupKey: 'outpost/slo/cart/page-1h',
      slo: 'cart',
      tier: 'page-1h',
      severity: 'page',
      firingSinceMs: at(0),
      resolvedAtMs: null,
    });
    expect(resolved.notifications[0]).toMatchObject({ kind: 'resolve', firingSinceMs: at(0), resolvedAtMs: at(7) });
    expect(resolved.notifications[0]?.decision.firing).toBe(false);
  });

  it('resumes from persisted state after a restart without firing again or forgetting', () => {
    const before = steps([[0, true], [1, true]]);
    const persisted = JSON.parse(JSON.stringify(before.state)) as AlertState;
    // The restarted process re-evaluates the same instant, then carries on.
    const replay = steps([[1, true], [2, true], [60, true]], persisted);
    expect(replay.log).toEqual(['60:renotify']);
    const recovered = steps([[61, false]], replay.state);
    expect(recovered.log).toEqual(['61:resolve']);
  });

  it('ignores an evaluation older than the last one applied', () => {
    const { state } = steps([[0, true], [10, false]]);
    const stale = advanceAlert(state, decision(true), at(5), options);
    expect(stale.state).toBe(state);
    expect(stale.notifications).toEqual([]);
  });

  it('holds a firing alert when the short window has no data: silence is not recovery', () => {
    const { state, log } = steps([[0, true]]);
    const silent = advanceAlert(state, decision(false, ['short-window-no-data', 'not-significant']), at(3), options);
    expect(silent.notifications).toEqual([]);
    expect(silent.state.status).toBe('firing');
    expect(log).toEqual(['0:trigger']);
  });

  it('holds a firing alert that only the evidence guards would keep quiet, so it does not flap at their edge', () => {
    const { state } = steps([[0, true]]);
    for (const guard of ['too-few-events', 'too-few-bad-events', 'not-significant', 'short-window-not-significant'] as const) {
      const held = advanceAlert(state, decision(false, [guard]), at(1), options);
      expect(held.notifications).toEqual([]);
      expect(held.state.status).toBe('firing');
    }
    // The same guards keep a quiet alert from triggering.
    const quiet = advanceAlert(undefined, decision(false, ['not-significant']), at(1), options);
    expect(quiet.state.status).toBe('inactive');
  });

  it('resolves a firing alert when the windows clear or recovery is shown', () => {
    const { state } = steps([[0, true]]);
    for (const reset of ['short-window-below-threshold', 'long-window-below-threshold', 'recovered'] as const) {
      const step = advanceAlert(state, decision(false, [reset, 'not-significant']), at(1), options);
      expect(step.notifications.map((n) => n.kind)).toEqual(['resolve']);
      expect(step.state.status).toBe('resolved');
    }
  });

  it('derives a stable dedup key from the SLO and tier names', () => {
    expect(alertDedupKey('checkout', 'page-1h')).toBe(alertDedupKey('checkout', 'page-1h'));
    expect(alertDedupKey('checkout', 'page-1h')).not.toBe(alertDedupKey('checkout', 'page-6h'));
    // Separators in names cannot make two alerts collide.
    expect(alertDedupKey('a/b', 'c')).not.toBe(alertDedupKey('a', 'b/c'));
    expect(initialAlertState('checkout', 'page-1h').dedupKey).toBe(alertDedupKey('checkout', 'page-1h'));
  });

  it('refuses a decision for another alert', () => {
    expect(() => advanceAlert(initialAlertState('other', 'page-1h'), decision(true), at(0))).toThrow(AlertStateMismatchError);
  });
});

import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time-units.js';
import type { NearMiss } from './closest-approach.js';
import type { TierReplay } from './slo-replay.js';
import { burn, explainTier } from './tier-explanation.js';
import { windowLabel } from './window-label.js';

const quiet: TierReplay = {
  tier: 'page-1h',
  severity: 'page',
  factor: 13.44,
  longWindowMs: HOUR_MS,
  firings: 0,
  closest: { peak: null, guardedMinutes: 0, firstGuarded: null },
};
const clock = (ms: number) => `t${ms}`;

describe('explainTier', () => {
  it('counts firings', () => {
    expect(explainTier({ ...quiet, firings: 2 }, clock)).toBe('fired 2×');
  });

  it('names the guard that held back a tier whose windows were above the threshold', () => {
    const firstGuarded: NearMiss = { atMs: 5, burnRate: 22.2, blockedBy: ['too-few-bad-events', 'not-significant'] };
    expect(explainTier({ ...quiet, closest: { peak: null, guardedMinutes: 3, firstGuarded } }, clock)).toBe(
      'never fired: both windows were above 13.4× for 3 min (first at t5, burn 22.2×), held back by minBadEvents guard, Wilson guard (excess not significant)',
    );
  });

  it('gives the peak burn against the threshold otherwise, or says there was no data', () => {
    const peak: NearMiss = { atMs: 9, burnRate: 4.25, blockedBy: ['long-window-below-threshold'] };
    expect(explainTier({ ...quiet, closest: { peak, guardedMinutes: 0, firstGuarded: null } }, clock)).toBe(
      'never fired: peak burn 4.3× at t9, fires above 13.4×; then: long window below the threshold',
    );
    expect(explainTier(quiet, clock)).toBe('never fired: no data');
  });
});

describe('labels', () => {
  it('writes windows the way tiers are named', () => {
    expect([5 * MINUTE_MS, HOUR_MS, 24 * HOUR_MS, 72 * HOUR_MS, 28 * DAY_MS, 90 * 1000].map(windowLabel)).toEqual(['5m', '1h', '24h', '72h', '28d', '90s']);
  });

  it('writes burn rates with two significant digits below 10', () => {
    expect([13.44, 0.933, 2.8, 20].map(burn)).toEqual(['13.4×', '0.93×', '2.8×', '20.0×']);
  });
});

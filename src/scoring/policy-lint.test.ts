import { describe, expect, it } from 'vitest';
import { lintSlo, type TierLint } from './policy-lint.js';
import { at, checkoutSlo, scenario } from './probe-traffic.fixture.js';
import { resolveSlo, type SloDefinition } from './slo-definition.js';
import { DAY_MS, MINUTE_MS } from './time-units.js';
import { wilsonLowerBound } from './wilson-interval.js';

const checkout = checkoutSlo;
const noGuards = { minEvents: 0, minBadEvents: 0, wilsonConfidence: null };

function lintOf(definition: SloDefinition, runsPerMinute: number, locations: number, tier = 'page-1h'): TierLint {
  const found = lintSlo(resolveSlo(definition), { runsPerMinute, locations }).find((t) => t.tier === tier);
  if (found === undefined) throw new Error(`no tier ${tier}`);
  return found;
}

describe('policy lint', () => {
  it('warns that plain MWMB pages on a single bad run at 1 run/min (14.4 × 0.001 × 60 = 0.86)', () => {
    const lint = lintOf({ ...checkout, guards: noGuards }, 1, 1);
    expect(lint).toMatchObject({ eventsInLongWindow: 60, eventsInShortWindow: 5, badEventsToFire: 1, badRunsToFire: 1, limitedBy: 'threshold' });
    expect(lint.warnings.map((w) => w.code)).toEqual(['single-bad-run-fires']);
  });

  it('says how many bad runs the default guards need, and which guard binds', () => {
    const lint = lintOf(checkout, 1, 1);
    expect(lint).toMatchObject({ badEventsToFire: 3, badEventsToFireWithoutGuards: 1, limitedBy: 'wilson', minutesToFireAtFullOutage: 3 });
    expect(lint.warnings).toEqual([]);
    // The count is the smallest one that clears the Wilson guard.
    expect(wilsonLowerBound(3, 60)).toBeGreaterThan(lint.threshold);
    expect(wilsonLowerBound(2, 60)).toBeLessThanOrEqual(lint.threshold);
  });

  it('counts runs from every location', () => {
    const page = lintOf(checkout, 1, 3);
    expect(page).toMatchObject({ eventsInLongWindow: 180, badEventsToFire: 6, badEventsToFireWithoutGuards: 3, minutesToFireAtFullOutage: 2 });
    const slow = lintOf(checkout, 1, 3, 'page-6h');
    expect(slow).toMatchObject({ eventsInLongWindow: 1080, eventsInShortWindow: 90, badEventsToFire: 11, minutesToFireAtFullOutage: 4 });
  });

  it('lets minBadEvents bind when it asks for more than the statistics', () => {
    const lint = lintOf({ ...checkout, guards: { minBadEvents: 10 } }, 1, 3);
    expect(lint).toMatchObject({ badEventsToFire: 10, limitedBy: 'min-bad-events', minutesToFireAtFullOutage: 4 });
  });

  it('agrees with the evaluator on when a full outage fires', () => {
    for (const locations of [['eu'], ['eu', 'us', 'ap']]) {
      const lint = lintOf(checkout, 1, locations.length);
      const { tier } = scenario(checkout, locations, 10, (minute) => (minute >= 0 ? { bad: 1 } : {}), 120);
      const firstFiring = [...Array(11).keys()].find((m) => tier('page-1h', at(m)).firing);
      expect(firstFiring).toBe(lint.minutesToFireAtFullOutage);
    }
  });

  it('gives the detection time at full outage by t = f·B·w/e (0.864 min at 99.9%, 1h/14.4)', () => {
    const lint = lintOf(checkout, 1, 1);
    expect((lint.detectionTimeAtFullOutageMs ?? NaN) / MINUTE_MS).toBeCloseTo(0.864, 10);
    expect(lint.resetWithinMs).toBe(5 * MINUTE_MS);
  });

  it('counts slices and the location failures behind them for timeslice budgeting', () => {
    // Quorum: half of 3 locations rounded up = 2 must succeed, so a bad slice takes 2 failing locations.
    const definition: SloDefinition = { ...checkout, budgeting: { method: 'timeslices', quorum: { share: 0.5 } } };
    const lint = lintOf(definition, 1, 3);
    expect(lint).toMatchObject({ unit: 'slices', eventsInLongWindow: 60, badEventsToFire: 3, badRunsToFire: 6, minutesToFireAtFullOutage: 3 });
    const single = lintOf({ ...definition, budgeting: { method: 'timeslices', quorum: { share: 1 } }, guards: noGuards }, 1, 3);
    expect(single.badRunsToFire).toBe(1);
    expect(single.warnings.map((w) => w.code)).toContain('single-bad-run-fires');
  });

  it('warns when a tier can never fire', () => {
    const loose = lintOf({ ...checkout, objective: 0.9 }, 1, 3);
    expect(loose.badEventsToFire).toBeNull();
    expect(loose.warnings[0]).toMatchObject({ code: 'never-fires', message: expect.stringContaining('f·B = 1.44') });
    const sparse = lintOf(checkout, 0.1, 1);
    expect(sparse.eventsInLongWindow).toBe(6);
    expect(sparse.warnings[0]).toMatchObject({ code: 'never-fires', message: expect.stringContaining('minEvents') });
  });

  it('flags tiers that fire below burn rate 1, as 72h does on a 7-day period', () => {
    const lint = lintOf({ ...checkout, periodMs: 7 * DAY_MS }, 1, 3, 'ticket-72h');
    expect(lint.factor).toBeCloseTo(7 / 30, 12);
    expect(lint.warnings.map((w) => w.code)).toEqual(['burn-below-one']);
  });
});

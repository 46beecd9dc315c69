import { describe, expect, it } from 'vitest';
import { burnFactor, DEFAULT_ALERT_TIERS } from './alert-tiers.js';
import { resolveSlo } from './slo-definition.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time-units.js';

function tiersFor(periodMs: number) {
  return resolveSlo({ name: 'checkout', journey: 'checkout', sli: { kind: 'availability' }, objective: 0.999, periodMs }).tiers;
}

describe('alert tiers derived from the period', () => {
  it('gives the textbook factors 14.4, 6, 3 and 1 for 30 days', () => {
    expect(tiersFor(30 * DAY_MS).map((t) => t.factor)).toEqual([
      expect.closeTo(14.4, 10),
      expect.closeTo(6, 10),
      expect.closeTo(3, 10),
      expect.closeTo(1, 10),
    ]);
  });

  it('scales them to 28 days (672 h) rather than hard-coding them', () => {
    const factors = tiersFor(28 * DAY_MS).map((t) => t.factor);
    // 0.02·672/1, 0.05·672/6, 0.1·672/24, 0.1·672/72
    expect(factors).toEqual([expect.closeTo(13.44, 10), expect.closeTo(5.6, 10), expect.closeTo(2.8, 10), expect.closeTo(28 / 30, 10)]);
  });

  it('scales them to 7 days (168 h)', () => {
    const factors = tiersFor(7 * DAY_MS).map((t) => t.factor);
    expect(factors).toEqual([expect.closeTo(3.36, 10), expect.closeTo(1.4, 10), expect.closeTo(0.7, 10), expect.closeTo(7 / 30, 10)]);
  });

  it('uses the 28-day period by default', () => {
    const slo = resolveSlo({ name: 'a', journey: 'a', sli: { kind: 'availability' }, objective: 0.995 });
    expect(slo.periodMs).toBe(28 * DAY_MS);
    expect(slo.tiers[0]?.factor).toBeCloseTo(13.44, 10);
  });

  it('takes short windows of a twelfth of the long ones', () => {
    expect(tiersFor(30 * DAY_MS).map((t) => t.shortWindowMs / MINUTE_MS)).toEqual([5, 30, 120, 360]);
  });

  it('sets the error-ratio threshold to f·B', () => {
    const [page] = tiersFor(30 * DAY_MS);
    expect(page?.threshold).toBeCloseTo(0.0144, 12);
  });

  it('derives a custom tier the same way', () => {
    expect(burnFactor(0.1, 30 * DAY_MS, 12 * HOUR_MS)).toBeCloseTo(6, 12);
    const slo = resolveSlo({
      name: 'a',
      journey: 'a',
      sli: { kind: 'availability' },
      objective: 0.99,
      periodMs: 30 * DAY_MS,
      tiers: [{ name: 'night', severity: 'ticket', budgetShare: 0.1, longWindowMs: 12 * HOUR_MS, shortWindowMs: 30 * MINUTE_MS }],
    });
    expect(slo.tiers).toHaveLength(1);
    expect(slo.tiers[0]).toMatchObject({ name: 'night', shortWindowMs: 30 * MINUTE_MS, threshold: expect.closeTo(0.06, 12) });
  });

  it('names the default tiers stably (they are part of the dedup key)', () => {
    expect(DEFAULT_ALERT_TIERS.map((t) => `${t.severity}:${t.name}`)).toEqual([
      'page:page-1h',
      'page:page-6h',
      'ticket:ticket-24h',
      'ticket:ticket-72h',
    ]);
  });
});

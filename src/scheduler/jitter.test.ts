import { describe, expect, it } from 'vitest';
import { DEFAULT_JITTER, jitterMs, JitterOptionsError } from './jitter.js';

describe('jitterMs', () => {
  it('is deterministic per journey and location', () => {
    expect(jitterMs('checkout', 'eu', 60_000)).toBe(jitterMs('checkout', 'eu', 60_000));
    const spread = new Set(['eu', 'us', 'ap', 'sa'].map((location) => jitterMs('checkout', location, 60_000)));
    expect(spread.size).toBeGreaterThan(1);
  });

  it('stays below the share of the interval and the maximum', () => {
    for (let i = 0; i < 500; i++) {
      const value = jitterMs(`journey-${i}`, 'eu', 60_000);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(6_000);
      expect(jitterMs(`journey-${i}`, 'eu', 3_600_000, { ratio: 0.1, maxMs: 30_000 })).toBeLessThan(30_000);
    }
    expect(jitterMs('checkout', 'eu', 60_000, { ratio: 0, maxMs: 60_000 })).toBe(0);
  });

  it('spreads 200 journeys over the window instead of second 0', () => {
    const starts = Array.from({ length: 200 }, (_, i) => jitterMs(`journey-${i}`, 'eu', 60_000, DEFAULT_JITTER));
    const perSecond = new Map<number, number>();
    for (const start of starts) perSecond.set(Math.floor(start / 1000), (perSecond.get(Math.floor(start / 1000)) ?? 0) + 1);
    expect(perSecond.size).toBe(6);
    expect(Math.max(...perSecond.values())).toBeLessThan(60);
  });

  it('rejects a ratio that could reorder slots', () => {
    expect(() => jitterMs('a', 'b', 1000, { ratio: 0.6, maxMs: 1000 })).toThrow(JitterOptionsError);
  });
});

import { describe, expect, it } from 'vitest';
import { DurationError, isDuration, toMilliseconds } from './duration.js';

describe('durations', () => {
  it('reads numbers as milliseconds and strings with units', () => {
    expect(toMilliseconds(250)).toBe(250);
    expect(toMilliseconds('500ms')).toBe(500);
    expect(toMilliseconds('30s')).toBe(30_000);
    expect(toMilliseconds('5m')).toBe(300_000);
    expect(toMilliseconds('1h')).toBe(3_600_000);
    expect(toMilliseconds('28d')).toBe(28 * 86_400_000);
  });

  it('rejects unitless strings, negatives and nonsense', () => {
    for (const bad of ['30', '-5s', 'soon', '', -1, Number.NaN]) {
      expect(() => toMilliseconds(bad as never)).toThrow(DurationError);
      expect(isDuration(bad)).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_TIERS } from '../alert-tiers.js';
import { DAY_MS } from '../time-units.js';
import { defaultSlo, ReplaySloError, resolveSloList } from './replay-slos.js';

function issuesOf(list: unknown[]): readonly string[] {
  try {
    resolveSloList(list);
  } catch (error) {
    if (error instanceof ReplaySloError) return error.issues;
    throw error;
  }
  return [];
}

describe('resolveSloList', () => {
  it('resolves SloDefinitions with the engine defaults', () => {
    const [slo] = resolveSloList([{ name: 'search-fast', journey: 'search', sli: { kind: 'latency', thresholdMs: 2000 }, objective: 0.99 }]);
    expect(slo).toMatchObject({ name: 'search-fast', budget: expect.closeTo(0.01, 12), periodMs: 28 * DAY_MS, budgeting: { method: 'occurrences' } });
    expect(slo?.tiers.map((t) => t.name)).toEqual(DEFAULT_ALERT_TIERS.map((t) => t.name));
  });

  it('reports every problem of every SLO with its path: types, values, duplicates and unknown keys', () => {
    expect(
      issuesOf([
        { name: 'a', journey: 'checkout', sli: { kind: 'availability' }, objective: 1.5, tiers: [{ name: 'x', severity: 'page', budgetShare: 0.02, longWindowMs: 10 }] },
        { name: 'a', journey: 'checkout', sli: { kind: 'availability' }, objective: 0.99 },
        { name: 'b', journey: 7, sli: { kind: 'availability' }, objective: 0.99, objectve: 1 },
        'checkout',
      ]),
    ).toEqual([
      'slos[0].objective: expected a ratio strictly between 0 and 1, got 1.5',
      expect.stringMatching(/^slos\[0\]\.tiers\[0\]\.longWindowMs: expected between 1 minute and the period/),
      'slos[1].name: "a" is used by another SLO',
      expect.stringMatching(/^slos\[2\]\.journey: /),
      expect.stringMatching(/^slos\[2\]: .*objectve/),
      expect.stringMatching(/^slos\[3\]: /),
    ]);
  });

  it('refuses step SLIs, which run-level results cannot feed, and an empty list', () => {
    expect(issuesOf([{ name: 'pay', journey: 'checkout', sli: { kind: 'step-availability', step: 'pay' }, objective: 0.99 }])).toEqual([
      expect.stringMatching(/^slos\[0\]\.sli\.step: results files hold whole runs/),
    ]);
    expect(issuesOf([])).toEqual(['slos: expected at least one SLO']);
  });
});

describe('defaultSlo', () => {
  it('is availability at 99.5% over the default 28 days, named after the journey', () => {
    const [slo] = resolveSloList([defaultSlo('checkout')]);
    expect(slo).toMatchObject({ name: 'checkout-availability', journey: 'checkout', objective: 0.995, periodMs: 28 * DAY_MS });
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_TIERS } from './alert-tiers.js';
import { defaultSlo, effectiveSlos, UnknownSloJourneyError } from './effective-slos.js';
import { resolveSlo } from './slo-definition.js';
import { DAY_MS } from './time-units.js';

const latency = resolveSlo({ name: 'search-fast', journey: 'search', sli: { kind: 'latency', thresholdMs: 2000 }, objective: 0.99 });

describe('effectiveSlos', () => {
  it('gives one default SLO per journey when none are configured: availability 99.5% over 28d, default tiers', () => {
    const slos = effectiveSlos([], ['checkout', 'login']);
    expect(slos.map((s) => [s.name, s.journey, s.sli.kind, s.objective, s.periodMs])).toEqual([
      ['checkout-availability', 'checkout', 'availability', 0.995, 28 * DAY_MS],
      ['login-availability', 'login', 'availability', 0.995, 28 * DAY_MS],
    ]);
    expect(slos[0]?.tiers.map((t) => t.name)).toEqual(DEFAULT_ALERT_TIERS.map((t) => t.name));
    expect(slos[0]?.metadata).toEqual({});
  });

  it('gives the configured SLOs only, and no defaults for journeys they leave out', () => {
    expect(effectiveSlos([latency], ['checkout', 'search'])).toEqual([latency]);
  });

  it('names every SLO whose journey does not exist, and the journeys that do', () => {
    const typo = resolveSlo({ ...defaultSlo('chekout'), name: 'checkout-availability' });
    const error = (() => {
      try {
        effectiveSlos([typo, latency], ['login', 'checkout']);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnknownSloJourneyError);
    expect((error as UnknownSloJourneyError).unknown).toEqual([
      { slo: 'checkout-availability', journey: 'chekout' },
      { slo: 'search-fast', journey: 'search' },
    ]);
    expect((error as Error).message).toBe(
      'SLO "checkout-availability" names journey "chekout", which does not exist\nSLO "search-fast" names journey "search", which does not exist\n(known journeys: checkout, login)',
    );
  });
});

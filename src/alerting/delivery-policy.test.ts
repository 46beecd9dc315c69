import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIVERY_POLICY, outcomeOf, retryDelayMs } from './delivery-policy.js';

const policy = { ...DEFAULT_DELIVERY_POLICY, initialBackoffMs: 1_000, maxBackoffMs: 60_000, maxRetryAfterMs: 600_000, giveUpAfterMs: 3_600_000 };

describe('retryDelayMs', () => {
  it('doubles from the initial backoff, up to the cap', () => {
    const full = (attempts: number) => retryDelayMs(attempts, policy, undefined, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(full)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
  });

  it('jitters between half and all of the backoff', () => {
    expect(retryDelayMs(3, policy, undefined, () => 0)).toBe(2_000);
    expect(retryDelayMs(3, policy, undefined, () => 0.5)).toBe(3_000);
    for (let i = 0; i < 100; i++) {
      const delay = retryDelayMs(4, policy, undefined);
      expect(delay).toBeGreaterThanOrEqual(4_000);
      expect(delay).toBeLessThanOrEqual(8_000);
    }
  });

  it('honours Retry-After, beyond its own cap but not beyond the Retry-After cap', () => {
    expect(retryDelayMs(1, policy, 120_000)).toBe(120_000);
    expect(retryDelayMs(1, policy, 7_200_000)).toBe(600_000);
    expect(retryDelayMs(1, policy, -5)).toBe(0);
  });
});

describe('outcomeOf', () => {
  const delivery = { attempts: 0, createdAtMs: 0 };

  it('delivers on success', () => {
    expect(outcomeOf({ status: 'success' }, delivery, 10, policy)).toEqual({ status: 'delivered', atMs: 10 });
  });

  it('gives up at once on a failure', () => {
    expect(outcomeOf({ status: 'failure', error: 'HTTP 400' }, delivery, 10, policy)).toEqual({ status: 'gave-up', atMs: 10, error: 'HTTP 400' });
  });

  it('schedules a retryable failure', () => {
    expect(outcomeOf({ status: 'retryable', error: 'HTTP 503' }, { attempts: 2, createdAtMs: 0 }, 10_000, policy, () => 1)).toEqual({
      status: 'failed-retrying',
      atMs: 10_000,
      error: 'HTTP 503',
      nextAttemptAtMs: 14_000,
    });
    expect(outcomeOf({ status: 'retryable', error: 'HTTP 429', retryInMs: 30_000 }, delivery, 10_000, policy)).toMatchObject({ nextAttemptAtMs: 40_000 });
  });

  it('gives up a retryable failure whose next attempt would come after the give-up deadline', () => {
    const late = outcomeOf({ status: 'retryable', error: 'no response within 10000 ms' }, { attempts: 11, createdAtMs: 0 }, 3_590_000, policy, () => 1);
    expect(late).toEqual({ status: 'gave-up', atMs: 3_590_000, error: 'no response within 10000 ms (gave up after 12 attempts)' });
  });
});

import { describe, expect, it } from 'vitest';
import type { JourneyResult, RunStatus } from '../journey/index.js';
import { confirmWithBackoff, retryDelayMs, totalBackoffMs, type Sleep } from './retry-backoff.js';

/** Attempts answering the statuses in turn; a fake sleep that records the waits. */
function script(...statuses: RunStatus[]) {
  const waits: number[] = [];
  const sleep: Sleep = async (ms) => void waits.push(ms);
  const attempt = async (n: number): Promise<JourneyResult> => result(statuses[n - 1] ?? 'passed', n);
  return { waits, sleep, attempt };
}

describe('confirmWithBackoff', () => {
  it('is passed on a first pass, without waiting', async () => {
    const { waits, sleep, attempt } = script('passed');
    const run = await confirmWithBackoff(attempt, { retries: 2, backoffMs: 1000 }, { sleep });
    expect(run.outcome).toBe('passed');
    expect(waits).toEqual([]);
  });

  it('is degraded when a retry passes, keeping every attempt numbered', async () => {
    const { waits, sleep, attempt } = script('failed', 'timedOut', 'passed');
    const run = await confirmWithBackoff(attempt, { retries: 2, backoffMs: 1000 }, { sleep });
    expect(run.outcome).toBe('degraded');
    expect(run.attempts.map((a) => [a.attempt, a.status])).toEqual([[1, 'failed'], [2, 'timedOut'], [3, 'passed']]);
    expect(waits).toEqual([1000, 2000]);
  });

  it('is failed only when every attempt failed', async () => {
    const { sleep, attempt } = script('failed', 'error', 'failed');
    const run = await confirmWithBackoff(attempt, { retries: 2, backoffMs: 0 }, { sleep });
    expect(run.outcome).toBe('failed');
    expect(run.attempts).toHaveLength(3);
  });

  it('is aborted, without retry, when an attempt was aborted', async () => {
    const { sleep, attempt } = script('aborted');
    expect((await confirmWithBackoff(attempt, { retries: 2, backoffMs: 0 }, { sleep })).outcome).toBe('aborted');
  });

  it('starts no retry once shutdown began, and keeps the attempts made', async () => {
    const stop = new AbortController();
    const { attempt } = script('failed', 'passed');
    const sleep: Sleep = async () => stop.abort();
    const run = await confirmWithBackoff(attempt, { retries: 1, backoffMs: 5000 }, { sleep, stopRetrying: stop.signal });
    expect(run).toMatchObject({ outcome: 'failed', retriesCancelled: true });
    expect(run.attempts.map((a) => a.attempt)).toEqual([1]);
  });
});

describe('retryDelayMs', () => {
  it('grows by the factor and is capped', () => {
    const policy = { retries: 4, backoffMs: 1000, factor: 3, maxBackoffMs: 5000 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(policy, n))).toEqual([0, 1000, 3000, 5000, 5000]);
    expect(totalBackoffMs(policy)).toBe(14_000);
    expect(totalBackoffMs({ retries: 0, backoffMs: 1000 })).toBe(0);
  });
});

function result(status: RunStatus, attempt: number): JourneyResult {
  return {
    id: `run-${attempt}`, journey: 'checkout', cuj: { id: 'checkout' }, location: 'eu', target: { name: 'shop', url: 'http://127.0.0.1:1' },
    startedAt: '2026-01-01T00:00:00.000Z', durationMs: 10, status, attempt, steps: [], artifacts: {}, tags: [],
  };
}

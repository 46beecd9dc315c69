import { describe, expect, it } from 'vitest';
import type { JourneyResult, RunStatus } from '../journey/index.js';
import { runConfirmed } from './confirmed-run.js';

/** An attempt function that answers the statuses in turn and records the attempt numbers asked for. */
function attempts(...statuses: RunStatus[]) {
  const asked: number[] = [];
  const attempt = async (n: number) => {
    asked.push(n);
    return attemptResult(statuses[n - 1] ?? 'passed', n);
  };
  return { asked, attempt };
}

describe('runConfirmed', () => {
  it('passes on the first attempt without retrying', async () => {
    const { asked, attempt } = attempts('passed');
    expect((await runConfirmed(attempt, 2)).outcome).toBe('passed');
    expect(asked).toEqual([1]);
  });

  it('is flaky when a retry passes, and keeps every attempt numbered', async () => {
    const { attempt } = attempts('failed', 'timedOut', 'passed');
    const run = await runConfirmed(attempt, 2);
    expect(run.outcome).toBe('flaky');
    expect(run.attempts.map((a) => [a.attempt, a.status])).toEqual([[1, 'failed'], [2, 'timedOut'], [3, 'passed']]);
  });

  it('fails only when every attempt failed', async () => {
    const { asked, attempt } = attempts('failed', 'error');
    expect((await runConfirmed(attempt, 1)).outcome).toBe('failed');
    expect(asked).toEqual([1, 2]);
  });

  it('does not retry without retries, nor after an aborted attempt', async () => {
    expect((await runConfirmed(attempts('failed').attempt, 0)).outcome).toBe('failed');
    const { asked, attempt } = attempts('aborted');
    expect((await runConfirmed(attempt, 3)).outcome).toBe('aborted');
    expect(asked).toEqual([1]);
  });
});

function attemptResult(status: RunStatus, attempt: number): JourneyResult {
  return {
    id: `run-${attempt}`, journey: 'checkout', cuj: { id: 'checkout' }, location: 'test', target: { name: 'shop', url: 'http://127.0.0.1:1' },
    startedAt: '2026-01-01T00:00:00.000Z', durationMs: 100, status, attempt, steps: [], artifacts: {}, tags: [],
  };
}

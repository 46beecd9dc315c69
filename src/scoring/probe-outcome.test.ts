import { describe, expect, it } from 'vitest';
import { classifyOutcome, outcomeForSli, probeOutcome } from './probe-outcome.js';
import { classifyRun, type AttemptOutcome } from './run-classification.js';
import type { SliSpec } from './slo-definition.js';

/** A small deterministic PRNG, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const RUN_STATUSES = ['passed', 'failed', 'timedOut', 'error', 'aborted'] as const;
const STEP_STATUSES = ['passed', 'failed', 'timedOut', 'skipped'] as const;
const STEP_NAMES = ['login', 'search', 'pay'];

function randomAttempt(next: () => number): AttemptOutcome {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const steps = STEP_NAMES.filter(() => next() < 0.8).map((name) => ({
    name,
    status: pick(STEP_STATUSES),
    durationMs: Math.round(next() * 3000),
  }));
  return { status: pick(RUN_STATUSES), durationMs: Math.round(next() * 6000), steps };
}

function slis(next: () => number): SliSpec[] {
  const threshold = Math.round(next() * 4000);
  return [
    { kind: 'availability' },
    { kind: 'latency', thresholdMs: threshold },
    ...STEP_NAMES.flatMap((step): SliSpec[] => [
      { kind: 'step-availability', step },
      { kind: 'latency', thresholdMs: threshold, step },
    ]),
    { kind: 'step-availability', step: 'never-there' },
  ];
}

describe('probeOutcome', () => {
  it('classifies every SLI exactly as classifyRun does, for any sequence of attempts', () => {
    const next = random(42);
    const mismatches: unknown[] = [];
    let compared = 0;
    const seen = new Set<string>();
    for (let probe = 0; probe < 5000; probe++) {
      const attempts = Array.from({ length: 1 + Math.floor(next() * 4) }, () => randomAttempt(next));
      const outcome = probeOutcome(attempts);
      for (const sli of slis(next)) {
        compared++;
        const expected = classifyRun(sli, attempts);
        seen.add(`${sli.kind}:${expected}`);
        const actual = classifyOutcome(outcomeForSli(outcome, sli), sli);
        if (actual !== expected) mismatches.push({ sli, attempts, expected, actual });
      }
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
    expect(compared).toBe(5000 * 9);
    // Every class of every SLI kind came up, so the comparison covered them all.
    expect(seen.size).toBe(12);
  });

  it('keeps the first valid pass and the fastest pass of each dimension', () => {
    const outcome = probeOutcome([
      { status: 'error', durationMs: 10, steps: [] },
      { status: 'failed', durationMs: 900, steps: [{ name: 'login', status: 'passed', durationMs: 700 }, { name: 'pay', status: 'failed', durationMs: 50 }] },
      { status: 'passed', durationMs: 800, steps: [{ name: 'login', status: 'passed', durationMs: 300 }, { name: 'pay', status: 'passed', durationMs: 60 }] },
    ]);
    expect(outcome.run).toEqual({ valid: true, firstPassMs: null, minPassMs: 800 });
    expect(outcome.steps.get('login')).toEqual({ valid: true, firstPassMs: 700, minPassMs: 300 });
    expect(outcome.steps.get('pay')).toEqual({ valid: true, firstPassMs: null, minPassMs: 60 });
  });

  it('has no valid dimension when Outpost itself failed', () => {
    const outcome = probeOutcome([{ status: 'aborted', durationMs: 5, steps: [{ name: 'login', status: 'passed', durationMs: 3 }] }]);
    expect(outcome.run.valid).toBe(false);
    expect(outcome.steps.get('login')?.valid).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { probeOutcome } from './probe-outcome.js';

describe('probeOutcome', () => {
  it('is passed on a first attempt that passed, degraded on a retry that passed', () => {
    expect(probeOutcome('passed', 1, 1)).toBe('passed');
    expect(probeOutcome('passed', 1, 3)).toBe('passed');
    expect(probeOutcome('passed', 2, 3)).toBe('degraded');
  });

  it('is failed only on the last allowed attempt, retried before it', () => {
    expect(probeOutcome('failed', 1, 1)).toBe('failed');
    expect(probeOutcome('failed', 1, 2)).toBe('retried');
    expect(probeOutcome('timedOut', 2, 3)).toBe('retried');
    expect(probeOutcome('timedOut', 3, 3)).toBe('failed');
  });

  it("is invalid for Outpost's own failures that end the probe", () => {
    expect(probeOutcome('error', 2, 2)).toBe('invalid');
    expect(probeOutcome('error', 1, 2)).toBe('retried');
    expect(probeOutcome('aborted', 1, 3)).toBe('invalid');
  });
});

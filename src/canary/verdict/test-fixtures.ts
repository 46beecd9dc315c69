/** Deterministic samples for the canary tests (test-only: nothing in src imports this). */
import { CanaryInputError } from './canary-config.js';
import type { DeploymentSamples } from './cuj-samples.js';

/** n distinct durations spaced `step` ms apart, starting at `start`. */
export function evenly(n: number, start: number, step = 5): number[] {
  return Array.from({ length: n }, (_, i) => start + i * step);
}

/** A deployment whose runs all passed, with journey durations and optional step durations. */
export function healthy(durationsMs: readonly number[], steps?: Record<string, readonly number[]>): DeploymentSamples {
  return { passed: durationsMs.length, failed: 0, durationsMs, ...(steps ? { steps } : {}) };
}

/** The issues of the CanaryInputError `call` throws; fails when it throws nothing or something else. */
export function inputIssues(call: () => unknown): readonly string[] {
  try {
    call();
  } catch (error) {
    if (error instanceof CanaryInputError) return error.issues;
    throw error;
  }
  throw new Error('expected a CanaryInputError');
}

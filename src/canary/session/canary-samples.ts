/**
 * From canary runs to the samples the analysis compares. A run counts as passed or failed by
 * its status; `error` (Outpost could not run it: not the target's fault) and `aborted` runs are
 * left out and counted as excluded. Journey durations come from passed runs only (a failed run
 * stops early or at a timeout, which says nothing about speed); step durations from every step
 * that passed.
 */
import type { JourneyResult } from '../../journey/index.js';
import type { CujSamples } from '../verdict/cuj-samples.js';
import type { CanarySide } from './interleaved-schedule.js';

/** One finished canary run and where it belongs. */
export interface CanaryRun {
  key: string;
  side: CanarySide;
  result: JourneyResult;
}

export interface CollectedSamples {
  samples: Record<string, CujSamples>;
  /** Runs left out per side (Outpost errors, interrupted runs). */
  excluded: Record<CanarySide, number>;
}

/** Samples per key, in the order of `keys`; keys without runs get empty samples. */
export function collectSamples(runs: readonly CanaryRun[], keys: readonly string[]): CollectedSamples {
  const sides = new Map(keys.map((key) => [key, { baseline: emptySide(), canary: emptySide() }]));
  const excluded: Record<CanarySide, number> = { baseline: 0, canary: 0 };
  for (const run of runs) {
    const side = sides.get(run.key)?.[run.side];
    if (side === undefined || !counts(run.result)) excluded[run.side] += 1;
    else addRun(side, run.result);
  }
  return { samples: Object.fromEntries(sides), excluded };
}

interface MutableSide {
  passed: number;
  failed: number;
  durationsMs: number[];
  steps: Record<string, number[]>;
}

function emptySide(): MutableSide {
  return { passed: 0, failed: 0, durationsMs: [], steps: {} };
}

function counts(result: JourneyResult): boolean {
  return result.status !== 'error' && result.status !== 'aborted';
}

function addRun(side: MutableSide, result: JourneyResult): void {
  if (result.status === 'passed') {
    side.passed += 1;
    side.durationsMs.push(result.durationMs);
  } else {
    side.failed += 1;
  }
  for (const step of result.steps) {
    if (step.status === 'passed') (side.steps[step.name] ??= []).push(step.durationMs);
  }
}

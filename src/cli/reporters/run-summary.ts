import { failingStep, softFailures, type JourneyResult } from '../../journey/index.js';

export interface JourneySummary {
  journey: string;
  cuj: string;
  runs: number;
  passed: number;
  notPassed: number;
  medianMs: number;
  maxMs: number;
  softFailures: number;
  /** The most recent failure: which step and why. */
  lastFailure?: { step?: string; message: string; runId: string };
}

export interface RunSummary {
  total: number;
  passed: number;
  notPassed: number;
  interrupted: boolean;
  journeys: JourneySummary[];
  /** Journey files that could not be loaded. */
  brokenFiles: { file: string; message: string }[];
}

/** Groups results per journey, in the order journeys first appear. */
export function summarize(results: JourneyResult[], brokenFiles: RunSummary['brokenFiles'], interrupted: boolean): RunSummary {
  const groups = new Map<string, JourneyResult[]>();
  for (const r of results) groups.set(r.journey, [...(groups.get(r.journey) ?? []), r]);
  const journeys = [...groups.values()].map(summarizeJourney);
  const passed = results.filter((r) => r.status === 'passed').length;
  return { total: results.length, passed, notPassed: results.length - passed, interrupted, journeys, brokenFiles };
}

function summarizeJourney(results: JourneyResult[]): JourneySummary {
  const first = results[0]!;
  const durations = results.map((r) => r.durationMs).sort((a, b) => a - b);
  const failures = results.filter((r) => r.status !== 'passed');
  const last = failures.at(-1);
  return {
    journey: first.journey,
    cuj: first.cuj.id,
    runs: results.length,
    passed: results.length - failures.length,
    notPassed: failures.length,
    medianMs: durations[Math.floor((durations.length - 1) / 2)] ?? 0,
    maxMs: durations.at(-1) ?? 0,
    softFailures: results.reduce((n, r) => n + softFailures(r).length, 0),
    lastFailure: last === undefined ? undefined : describeFailure(last),
  };
}

function describeFailure(result: JourneyResult): JourneySummary['lastFailure'] {
  const step = failingStep(result);
  const message = firstLine(step?.error?.message ?? result.error?.message ?? result.status);
  return { step: step?.name, message, runId: result.id };
}

export function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? text;
}

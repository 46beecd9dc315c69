/** Results and journeys for the session unit tests (test-only: nothing in src imports this). */
import { journey, step, type Journey, type JourneyResult, type RunStatus, type StepResult } from '../../journey/index.js';

/** A journey with no-op steps named `steps`. */
export function fakeJourney(name: string, cuj = name, steps = ['open']): Journey {
  return journey({ name, cuj: { id: cuj }, steps: steps.map((s) => step(s, async () => {})) });
}

/** A result of `journey` with the given status and duration; steps passed up to a failing one. */
export function fakeResult(journeyName: string, status: RunStatus, durationMs: number, steps: StepResult[] = [], attempt = 1): JourneyResult {
  return {
    id: `${journeyName}-${status}-${durationMs}-${attempt}`,
    journey: journeyName,
    cuj: { id: journeyName },
    location: 'test',
    target: { name: 'shop', url: 'http://127.0.0.1:1' },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs,
    status,
    attempt,
    steps,
    artifacts: {},
    tags: [],
  };
}

export function fakeStep(index: number, name: string, status: StepResult['status'], durationMs: number, message?: string): StepResult {
  return { index, name, soft: false, status, durationMs, ...(message === undefined ? {} : { error: { message } }) };
}

import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';
import type { JourneyResult, StepResult } from '../journey/index.js';
import { METRIC_ATTRIBUTES as M } from './attribute-names.js';
import { DURATION_BUCKETS_SECONDS, INSTRUMENTS } from './instrument-names.js';
import type { ProbeOutcome } from './probe-outcome.js';

/** The four run instruments: duration histograms and run counters for journeys and steps. */
export class JourneyMetrics {
  private readonly journeyDuration: Histogram;
  private readonly stepDuration: Histogram;
  private readonly journeyRuns: Counter;
  private readonly stepRuns: Counter;

  constructor(meter: Meter) {
    const histogram = (name: string, description: string) =>
      meter.createHistogram(name, { description, unit: 's', advice: { explicitBucketBoundaries: [...DURATION_BUCKETS_SECONDS] } });
    this.journeyDuration = histogram(INSTRUMENTS.journeyDuration, 'Wall-clock duration of a journey run, by final status');
    this.stepDuration = histogram(INSTRUMENTS.stepDuration, 'Duration of a journey step that ran (skipped steps are not timed)');
    this.journeyRuns = meter.createCounter(INSTRUMENTS.journeyRuns, { description: 'Journey runs, by final status', unit: '{run}' });
    this.stepRuns = meter.createCounter(INSTRUMENTS.stepRuns, { description: 'Journey steps, by status (skipped included)', unit: '{step}' });
  }

  /**
   * Records a finished attempt and all its steps, from the final result: it is the one place where
   * every step (skipped ones included) and the final statuses are known. `outcome` says what the
   * attempt means for its probe, so SLO rules can count confirmed failures only.
   */
  record(result: JourneyResult, outcome: ProbeOutcome): void {
    const run = { ...runAttributes(result), [M.outcome]: outcome };
    this.journeyDuration.record(result.durationMs / 1000, { ...run, [M.status]: result.status });
    this.journeyRuns.add(1, { ...run, [M.status]: result.status });
    for (const step of result.steps) this.recordStep(run, step);
  }

  private recordStep(run: Attributes, step: StepResult): void {
    const attributes = { ...run, [M.step]: step.name, [M.status]: step.status };
    this.stepRuns.add(1, attributes);
    if (step.status !== 'skipped') this.stepDuration.record(step.durationMs / 1000, attributes);
  }
}

function runAttributes(result: JourneyResult): Attributes {
  return { [M.journey]: result.journey, [M.cuj]: result.cuj.id, [M.location]: result.location, [M.target]: result.target.name };
}

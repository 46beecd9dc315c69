import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';
import { METRIC_ATTRIBUTES as M } from '../telemetry/index.js';
import { LAG_BUCKETS_SECONDS, MISS_REASONS, SCHEDULER_INSTRUMENTS as I, type MissReason } from './scheduler-instruments.js';

/** Live readings the gauges observe at each collection. */
export interface SchedulerReadings {
  inFlight(): number;
  queued(): number;
  /** Browser relaunches so far: after a crash, and planned recycles. */
  browserRestarts(): { crash: number; recycle: number };
  /** Browser contexts and pages open now (no gauge without it). */
  browserOpen?(): { contexts: number; pages: number };
}

export type RunErrorKind = 'run' | 'store' | 'claim';

/** serve's self-monitoring instruments (names in scheduler-instruments.ts). */
export class SchedulerMetrics {
  private readonly missed: Counter;
  private readonly errors: Counter;
  private readonly degraded: Counter;
  private readonly lag: Histogram;

  constructor(meter: Meter, readings: SchedulerReadings) {
    meter.createObservableGauge(I.runsInFlight, { description: 'Slot runs going now', unit: '{run}' })
      .addCallback((result) => result.observe(readings.inFlight()));
    meter.createObservableGauge(I.queueDepth, { description: 'Due slots waiting for a free run', unit: '{slot}' })
      .addCallback((result) => result.observe(readings.queued()));
    meter.createObservableCounter(I.browserRestarts, { description: 'Browser relaunches, by reason (crash, recycle)', unit: '{restart}' })
      .addCallback((result) => {
        const restarts = readings.browserRestarts();
        result.observe(restarts.crash, { reason: 'crash' });
        result.observe(restarts.recycle, { reason: 'recycle' });
      });
    const browserOpen = readings.browserOpen;
    if (browserOpen !== undefined) {
      meter.createObservableGauge(I.browserContexts, { description: 'Browser contexts open now (one per browser run in progress)', unit: '{context}' })
        .addCallback((result) => result.observe(browserOpen().contexts));
      meter.createObservableGauge(I.browserPages, { description: 'Browser pages open now, in every context', unit: '{page}' })
        .addCallback((result) => result.observe(browserOpen().pages));
    }
    this.missed = meter.createCounter(I.missedSlots, { description: 'Slots that did not run, by reason', unit: '{slot}' });
    this.errors = meter.createCounter(I.runErrors, { description: 'Runs Outpost could not carry out or record, by kind', unit: '{error}' });
    this.degraded = meter.createCounter(I.degradedRuns, { description: 'Runs that passed only on a confirmation retry', unit: '{run}' });
    this.lag = meter.createHistogram(I.scheduleLag, {
      description: 'Actual start minus planned start of a slot run',
      unit: 's',
      advice: { explicitBucketBoundaries: [...LAG_BUCKETS_SECONDS] },
    });
  }

  /** Starts every counter series of these journeys at 0, so dashboards and `rate()` see them before the first event. */
  prime(journeys: readonly string[], location: string): void {
    for (const journey of journeys) {
      const where = attributes({ journey, location });
      for (const reason of MISS_REASONS) this.missed.add(0, { ...where, reason });
      for (const kind of ['run', 'store', 'claim'] as const) this.errors.add(0, { ...where, kind });
      this.degraded.add(0, where);
    }
  }

  slotMissed(where: Where, reason: MissReason, count = 1): void {
    this.missed.add(count, { ...attributes(where), reason });
  }

  runError(where: Where, kind: RunErrorKind): void {
    this.errors.add(1, { ...attributes(where), kind });
  }

  runDegraded(where: Where): void {
    this.degraded.add(1, attributes(where));
  }

  scheduleLag(where: Where, lagMs: number): void {
    this.lag.record(Math.max(0, lagMs) / 1000, attributes(where));
  }
}

/** The journey and location a metric point is about. */
export interface Where {
  journey: string;
  location: string;
}

function attributes(where: Where): Attributes {
  return { [M.journey]: where.journey, [M.location]: where.location };
}

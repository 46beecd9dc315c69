import type { Journey } from '../journey/index.js';
import { checkJitterOptions, DEFAULT_JITTER, type JitterOptions } from './jitter.js';
import { ScheduleError, scheduleSeries } from './schedule-series.js';
import { SlotTimeline } from './slot-timeline.js';

/** A journey serve probes, with its planned times at this location. */
export interface ScheduledJourney {
  journey: Journey;
  /** `every 1m` or `cron … (UTC)`. */
  schedule: string;
  timeline: SlotTimeline;
}

/** What serve probes, and what it leaves alone because it has no schedule. */
export interface SchedulePlan {
  scheduled: ScheduledJourney[];
  unscheduled: Journey[];
}

/** Every journey whose schedule cannot be used, reported at once. */
export class SchedulePlanError extends Error {
  constructor(readonly problems: ScheduleError[]) {
    super(`unusable schedules:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`);
    this.name = 'SchedulePlanError';
  }
}

/**
 * Splits journeys into scheduled and unscheduled, reading every schedule.
 * @throws SchedulePlanError listing each bad interval or cron expression
 */
export function planSchedules(journeys: readonly Journey[], location: string, jitter: JitterOptions = DEFAULT_JITTER): SchedulePlan {
  checkJitterOptions(jitter);
  const plan: SchedulePlan = { scheduled: [], unscheduled: [] };
  const problems: ScheduleError[] = [];
  for (const journey of journeys) {
    if (journey.schedule === undefined) {
      plan.unscheduled.push(journey);
      continue;
    }
    try {
      const series = scheduleSeries(journey.name, journey.schedule);
      plan.scheduled.push({ journey, schedule: series.description, timeline: new SlotTimeline(series, journey.name, location, jitter) });
    } catch (error) {
      if (!(error instanceof ScheduleError)) throw error;
      problems.push(error);
    }
  }
  if (problems.length > 0) throw new SchedulePlanError(problems);
  return plan;
}

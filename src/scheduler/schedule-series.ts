import { CronExpressionParser } from 'cron-parser';
import { toMilliseconds, type Duration, type Schedule } from '../journey/index.js';

/**
 * The nominal times of a schedule, before jitter. Times are epoch ms. Interval schedules are
 * aligned to the Unix epoch and cron expressions read in UTC, so every replica, wherever it runs
 * and whenever it started, computes the same slots.
 */
export interface ScheduleSeries {
  /** `every 1m` or `cron 0 9 * * 1-5 (UTC)`, for logs. */
  readonly description: string;
  /** The first nominal time strictly after `t`. */
  nextAfter(t: number): number;
  /** The last nominal time at or before `t`. */
  atOrBefore(t: number): number;
}

/** The shortest interval serve probes at: below it, a probe is a load test. */
export const MIN_INTERVAL_MS = 1_000;

/** A schedule that cannot be used. */
export class ScheduleError extends Error {
  constructor(readonly journey: string, readonly problem: string) {
    super(`journey ${JSON.stringify(journey)}: ${problem}`);
    this.name = 'ScheduleError';
  }
}

/** Reads a journey's schedule; throws {@link ScheduleError} for a bad interval or cron expression. */
export function scheduleSeries(journey: string, schedule: Schedule): ScheduleSeries {
  if ('cron' in schedule) return cronSeries(journey, schedule.cron);
  return intervalSeries(journey, schedule.every);
}

function intervalSeries(journey: string, every: Duration): ScheduleSeries {
  let everyMs: number;
  try {
    everyMs = toMilliseconds(every);
  } catch {
    throw new ScheduleError(journey, `schedule.every ${JSON.stringify(every)} is not a duration (e.g. '30s', '5m')`);
  }
  if (everyMs < MIN_INTERVAL_MS) throw new ScheduleError(journey, `schedule.every must be at least ${MIN_INTERVAL_MS / 1000}s, got ${everyMs} ms`);
  return {
    description: `every ${typeof every === 'string' ? every : `${every}ms`}`,
    nextAfter: (t) => (Math.floor(t / everyMs) + 1) * everyMs,
    atOrBefore: (t) => Math.floor(t / everyMs) * everyMs,
  };
}

function cronSeries(journey: string, expression: string): ScheduleSeries {
  const parse = (currentDate: number) => CronExpressionParser.parse(expression, { currentDate: new Date(currentDate), tz: 'UTC' });
  try {
    parse(Date.now()).next();
  } catch (error) {
    throw new ScheduleError(journey, `schedule.cron ${JSON.stringify(expression)} is not a cron expression: ${(error as Error).message}`);
  }
  return {
    description: `cron ${expression} (UTC)`,
    nextAfter: (t) => parse(t).next().getTime(),
    // cron-parser's prev() is strictly before its current date: ask from just past `t`.
    atOrBefore: (t) => parse(t + 1).prev().getTime(),
  };
}

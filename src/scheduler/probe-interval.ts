import type { Schedule } from '../journey/index.js';
import { scheduleSeries } from './schedule-series.js';

const WEEK_MS = 7 * 24 * 3_600_000;
const MINUTE_MS = 60_000;

/**
 * The shortest time between two runs of a schedule: the interval of `every`, or for a cron
 * expression the shortest gap over the week from `fromMs` (a weekday-hours cron probes at its
 * busy rate then, and that is the rate an alert tier sees while it matters). Throws
 * `ScheduleError` for a bad schedule.
 *
 * @example
 * shortestIntervalMs('checkout', { cron: '*\/5 9-17 * * 1-5' }, Date.UTC(2025, 0, 6)); // 300000
 */
export function shortestIntervalMs(journey: string, schedule: Schedule, fromMs: number): number {
  const series = scheduleSeries(journey, schedule);
  let previous = series.nextAfter(fromMs);
  let shortest = series.nextAfter(previous) - previous;
  if ('every' in schedule) return shortest;
  // Cron resolves to the minute, so no gap is shorter than one: stop once one is found.
  while (previous < fromMs + WEEK_MS && shortest > MINUTE_MS) {
    const next = series.nextAfter(previous);
    shortest = Math.min(shortest, next - previous);
    previous = next;
  }
  return shortest;
}

import type { HrTime } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';

/**
 * Epoch milliseconds (or a Date, or ISO-8601) as an HrTime. Spans get explicit times from the
 * runner's clock, and HrTime avoids the SDK guessing whether a number is epoch or
 * `performance.now()`-relative.
 */
export function toHrTime(time: number | Date | string): HrTime {
  return millisToHrTime(toMillis(time));
}

/** When something that started at `start` and took `durationMs` ended (never before it started). */
export function endAfter(start: number | Date | string, durationMs: number): HrTime {
  return toHrTime(toMillis(start) + Math.max(0, durationMs));
}

/** Epoch milliseconds; an unreadable time becomes now rather than a NaN timestamp on the wire. */
export function toMillis(time: number | Date | string): number {
  const millis = typeof time === 'number' ? time : typeof time === 'string' ? Date.parse(time) : time.getTime();
  return Number.isFinite(millis) ? millis : Date.now();
}

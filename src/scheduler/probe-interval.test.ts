import { describe, expect, it } from 'vitest';
import { shortestIntervalMs } from './probe-interval.js';
import { ScheduleError } from './schedule-series.js';

const MONDAY = Date.UTC(2025, 0, 6);

describe('shortestIntervalMs', () => {
  it('is the interval of an every schedule', () => {
    expect(shortestIntervalMs('a', { every: '1m' }, MONDAY)).toBe(60_000);
    expect(shortestIntervalMs('a', { every: 30_000 }, MONDAY)).toBe(30_000);
  });

  it('is the busiest gap of a cron schedule over a week', () => {
    expect(shortestIntervalMs('a', { cron: '*/5 9-17 * * 1-5' }, MONDAY)).toBe(300_000);
    expect(shortestIntervalMs('a', { cron: '0 */6 * * *' }, MONDAY)).toBe(6 * 3_600_000);
    expect(shortestIntervalMs('a', { cron: '* * * * *' }, MONDAY)).toBe(60_000);
  });

  it('is a week for a weekly schedule', () => {
    expect(shortestIntervalMs('a', { cron: '0 9 * * 1' }, MONDAY)).toBe(7 * 24 * 3_600_000);
  });

  it('throws ScheduleError for a bad schedule', () => {
    expect(() => shortestIntervalMs('a', { cron: 'often' }, MONDAY)).toThrow(ScheduleError);
  });
});

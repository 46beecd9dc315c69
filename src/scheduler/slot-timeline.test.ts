import { describe, expect, it } from 'vitest';
import { journey, step } from '../journey/index.js';
import { jitterMs } from './jitter.js';
import { ScheduleError, scheduleSeries } from './schedule-series.js';
import { planSchedules, SchedulePlanError } from './scheduled-journeys.js';
import { SlotTimeline } from './slot-timeline.js';

const NO_JITTER = { ratio: 0, maxMs: 0 };
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

function timeline(schedule: { every: string } | { cron: string }, jitter = NO_JITTER, name = 'checkout', location = 'eu') {
  return new SlotTimeline(scheduleSeries(name, schedule), name, location, jitter);
}

describe('interval slots', () => {
  it('are aligned to the epoch, the same whenever the process started', () => {
    const every = timeline({ every: '1m' });
    expect(every.plannedAfter(T0)).toBe(T0 + 60_000);
    expect(every.plannedAfter(T0 + 1)).toBe(T0 + 60_000);
    expect(every.plannedAfter(T0 + 59_999)).toBe(T0 + 60_000);
    expect(every.plannedAfter(T0 + 60_000)).toBe(T0 + 120_000);
  });

  it('are delayed by the journey\'s jitter, within the interval', () => {
    const jitter = { ratio: 0.1, maxMs: 60_000 };
    const offset = jitterMs('checkout', 'eu', 60_000, jitter);
    const every = timeline({ every: '1m' }, jitter);
    expect(every.plannedAfter(T0)).toBe(T0 + offset);
    // Just before the jittered start of this minute's slot, that slot is still the next one.
    expect(every.plannedAfter(T0 + offset - 1)).toBe(T0 + offset);
    expect(every.plannedAfter(T0 + offset)).toBe(T0 + 60_000 + offset);
  });
});

describe('cron slots', () => {
  it('follow the expression in UTC, with seconds when given', () => {
    const cron = timeline({ cron: '*/15 * * * *' });
    expect(cron.plannedAfter(T0)).toBe(T0 + 15 * 60_000);
    expect(cron.plannedAfter(T0 - 1)).toBe(T0);
    expect(timeline({ cron: '*/2 * * * * *' }).plannedAfter(T0 + 500)).toBe(T0 + 2_000);
    expect(timeline({ cron: '0 9 * * *' }).plannedAfter(T0)).toBe(Date.UTC(2026, 0, 2, 9));
  });

  it('are jittered by a share of the gap to the next slot', () => {
    const jitter = { ratio: 0.1, maxMs: 60_000 };
    const cron = timeline({ cron: '*/2 * * * * *' }, jitter);
    expect(cron.plannedAfter(T0 + 500)).toBe(T0 + 2_000 + jitterMs('checkout', 'eu', 2_000, jitter));
  });
});

describe('catchUp', () => {
  it('runs the slot whose time came when nothing was missed', () => {
    expect(timeline({ every: '10s' }).catchUp(T0 + 10_000, T0 + 10_003)).toEqual({ missed: [], due: T0 + 10_000 });
  });

  it('counts the slots a stall skipped as missed and runs only the latest due one', () => {
    expect(timeline({ every: '10s' }).catchUp(T0 + 10_000, T0 + 35_000)).toEqual({ missed: [T0 + 10_000, T0 + 20_000], due: T0 + 30_000 });
    expect(timeline({ cron: '*/10 * * * * *' }).catchUp(T0 + 10_000, T0 + 35_000)).toEqual({ missed: [T0 + 10_000, T0 + 20_000], due: T0 + 30_000 });
  });

  it('lists at most 1000 misses of a very long stall and still runs the latest slot', () => {
    const caught = timeline({ every: '1s' }).catchUp(T0 + 1_000, T0 + 3_600_500);
    expect(caught.missed).toHaveLength(1_000);
    expect(caught.due).toBe(T0 + 3_600_000);
  });

  it('finds the last planned start at or before a time, jitter included', () => {
    const jitter = { ratio: 0.1, maxMs: 60_000 };
    const offset = jitterMs('checkout', 'eu', 60_000, jitter);
    const every = timeline({ every: '1m' }, jitter);
    expect(every.plannedAtOrBefore(T0 + offset)).toBe(T0 + offset);
    expect(every.plannedAtOrBefore(T0 + offset - 1)).toBe(T0 - 60_000 + offset);
  });
});

describe('scheduleSeries', () => {
  it('rejects bad intervals and cron expressions with the journey name', () => {
    expect(() => scheduleSeries('a', { every: 'soon' })).toThrow(ScheduleError);
    expect(() => scheduleSeries('a', { every: '100ms' })).toThrow(/at least 1s/);
    expect(() => scheduleSeries('b', { cron: '61 * * * *' })).toThrow(/journey "b": schedule.cron "61 \* \* \* \*" is not a cron expression/);
  });
});

describe('planSchedules', () => {
  const make = (name: string, schedule?: { every: string } | { cron: string }) => journey({ name, schedule, steps: [step('s', () => {})] });

  it('splits scheduled from unscheduled journeys', () => {
    const plan = planSchedules([make('a', { every: '1m' }), make('b'), make('c', { cron: '* * * * *' })], 'eu');
    expect(plan.scheduled.map((s) => [s.journey.name, s.schedule])).toEqual([['a', 'every 1m'], ['c', 'cron * * * * * (UTC)']]);
    expect(plan.unscheduled.map((j) => j.name)).toEqual(['b']);
  });

  it('reports every unusable schedule at once', () => {
    const error = (() => {
      try {
        planSchedules([make('a', { every: '0s' }), make('b', { cron: 'nope' }), make('c', { every: '1m' })], 'eu');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SchedulePlanError);
    expect((error as SchedulePlanError).problems.map((p) => p.journey)).toEqual(['a', 'b']);
  });
});

import { DAY_MS, HOUR_MS, MINUTE_MS, type ResolvedSlo, type WindowCounter } from '../scoring/index.js';
import { MINUTE_STATE, type MinuteStatesRow, type ResultStore, type RollupSeries } from '../store/index.js';
import { timesliceCounter } from './timeslice-states.js';
import { hourAligned, judgeDays, judgeMinutes, planSliceWindows, singleTarget, SliceCounter, type SliceJudge, type SliceQuery } from './timeslice-windows.js';
import { cutOf, stepOf, windowsOf } from './window-counts.js';

/** What one evaluation's time-slice counters are read from. */
export interface SliceContext {
  store: Pick<ResultStore, 'rollups'>;
  /** Each SLO's series, by SLO name. */
  series: ReadonlyMap<string, RollupSeries[]>;
  nowMs: number;
  /** The extra burn-rate windows the evaluation reports. */
  extra: readonly number[];
  /** The windows an SLO's burn-down reads from its counter, besides those ending at `nowMs` (none without a burn-down). */
  burnDownWindows: (slo: ResolvedSlo) => readonly SliceQuery[];
}

/**
 * Time-slice counters for the SLOs budgeted in slices. One-minute slices of one target's series read
 * whole days from the day summaries and the windows' edges from the minute states; other slices
 * (wider, or one SLO over several targets' series) read every minute of their longest window.
 */
export async function timesliceCounters(context: SliceContext, slos: readonly ResolvedSlo[]): Promise<Map<string, WindowCounter>> {
  const { store, series, nowMs } = context;
  const sliced = slos.filter((slo) => slo.budgeting.method === 'timeslices');
  if (sliced.length === 0) return new Map();
  const lookback = Math.max(...sliced.map((slo) => Math.max(slo.periodMs, ...slo.tiers.map((t) => t.longWindowMs))));
  const range = { fromMs: nowMs - lookback, toMs: nowMs + 1 };
  const summarized = sliced.filter((slo) => slo.budgeting.method === 'timeslices' && slo.budgeting.sliceMs === MINUTE_MS && singleTarget(series.get(slo.name)!) !== undefined);
  const counters = await summarizedCounters(context, summarized, range);
  const minuteByMinute = sliced.filter((slo) => !counters.has(slo.name));
  if (minuteByMinute.length === 0) return counters;
  const ids = [...new Set(minuteByMinute.flatMap((slo) => series.get(slo.name)!.map((s) => s.id)))];
  const rows = await store.rollups.minuteStates({ fromMs: Math.floor(range.fromMs / HOUR_MS) * HOUR_MS, toMs: range.toMs, seriesIds: ids });
  const bySeries = rowsBySeries(rows);
  for (const slo of minuteByMinute) {
    if (slo.budgeting.method !== 'timeslices') continue;
    const own = new Map(series.get(slo.name)!.map((s) => [s.id, s]));
    counters.set(slo.name, timesliceCounter([...own.keys()].flatMap((id) => bySeries.get(id) ?? []), own, slo.sli, slo.budgeting, range));
  }
  return counters;
}

/**
 * Counters of 1-minute time-slice SLOs from the day summaries and the minute states of the windows'
 * edges (see planSliceWindows): the same counts as judging every minute, reading about 28 small rows
 * and two days of minutes per SLO instead of 28 days of minutes per location.
 */
async function summarizedCounters(context: SliceContext, slos: readonly ResolvedSlo[], range: { fromMs: number; toMs: number }): Promise<Map<string, WindowCounter>> {
  const { store, series, nowMs, extra } = context;
  const counters = new Map<string, WindowCounter>();
  if (slos.length === 0) return counters;
  const gridStartMs = Math.floor(range.fromMs / MINUTE_MS) * MINUTE_MS;
  const days = await store.rollups.timesliceDays({ fromMs: Math.floor(gridStartMs / DAY_MS) * DAY_MS, toMs: range.toMs, journeys: [...new Set(slos.map((s) => s.journey))] });
  // The early-recovery walk is not planned here: evaluateSlos reads its minutes only for an SLO with
  // a tier that would fire (recovery-minutes.ts).
  const queriesOf = (slo: ResolvedSlo): SliceQuery[] => [...windowsOf(slo, extra).map((windowMs) => ({ endMs: nowMs, windowMs })), ...context.burnDownWindows(slo)];
  const plan = planSliceWindows(slos.flatMap(queriesOf), gridStartMs, days.summarized);
  const ids = [...new Set(slos.flatMap((slo) => series.get(slo.name)!.map((s) => s.id)))];
  const rows: MinuteStatesRow[] = [];
  // Not push(...rows): hundreds of thousands of rows overflow the call stack as arguments.
  for (const read of hourAligned(plan.minuteRanges)) for (const row of await store.rollups.minuteStates({ ...read, seriesIds: ids })) rows.push(row);
  const bySeries = rowsBySeries(rows);
  const daysByGroup = groupBy(days.days, (d) => JSON.stringify([d.journey, d.step, d.target]));
  for (const slo of slos) {
    if (slo.budgeting.method !== 'timeslices') continue;
    const own = series.get(slo.name)!;
    const judge: SliceJudge = { failsAbove: MINUTE_STATE.firstBucketCode + cutOf(slo.sli), quorum: slo.budgeting.quorum };
    const dayCounts = judgeDays(daysByGroup.get(JSON.stringify([slo.journey, stepOf(slo.sli), singleTarget(own)])) ?? [], judge);
    const locationOf = new Map(own.map((s) => [s.id, s.location]));
    const ownRows = own.flatMap((s) => bySeries.get(s.id) ?? []);
    const minutes = plan.minuteRanges.map((r) => judgeMinutes(ownRows, locationOf, r, judge));
    counters.set(slo.name, new SliceCounter(gridStartMs, dayCounts, days.summarized, minutes));
  }
  return counters;
}

function rowsBySeries(rows: readonly MinuteStatesRow[]): Map<number, MinuteStatesRow[]> {
  return groupBy(rows, (row) => row.seriesId);
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

import { evaluateSlo, HOUR_MS, DAY_MS, latencyCut, type LatencyCut, type ResolvedSlo, type SloEvaluation, type WindowCounter } from '../scoring/index.js';
import type { ResultStore, RollupSeries } from '../store/index.js';
import { BurnDownPlan, type BurnDownPoint } from './burn-down.js';
import { recoveryMinutes } from './recovery-minutes.js';
import { timesliceCounters } from './timeslice-counters.js';
import { cutOf, SegmentSums, stepOf, windowsOf, WindowLookup, type RunCounts } from './window-counts.js';
import { minuteWindow, planWindow, type WindowPlan } from './window-plan.js';

/** The burn-rate windows `slo status` shows by default: 1h, 6h and 3d. */
export const STATUS_BURN_WINDOWS_MS: readonly number[] = Object.freeze([HOUR_MS, 6 * HOUR_MS, 3 * DAY_MS]);

export interface EvaluateSlosOptions {
  /** Where the rollups are; only `rollups` is read. */
  store: Pick<ResultStore, 'rollups'>;
  slos: readonly ResolvedSlo[];
  /** The evaluation instant, epoch ms. */
  nowMs: number;
  /** Count only runs against this target (by name); every target when absent. */
  target?: string;
  /** Windows to report a burn rate for, besides the tiers' (default {@link STATUS_BURN_WINDOWS_MS}). */
  burnWindowsMs?: readonly number[];
  /** Also chart each SLO's budget over its period ({@link SloStatus.burnDown}): per day, from day rows where folded. */
  burnDown?: boolean;
}

/** The burn rate over one window, in the SLO's budgeting unit. */
export interface BurnReading {
  windowMs: number;
  events: number;
  bad: number;
  /** Null when the window holds no events. */
  burnRate: number | null;
}

/** Where one SLO stands at `nowMs`. */
export interface SloStatus {
  slo: ResolvedSlo;
  /** The scoring engine's evaluation: budget (ratio, bad events, minutes) and every tier's decision. */
  evaluation: SloEvaluation;
  /** Good share of valid events over the period; null with no events. */
  sli: number | null;
  /** Valid runs over the period (the events, for occurrence budgeting). */
  runs: number;
  /** Runs over the period that failed first and passed on a retry: shown, never charged. */
  degradedRuns: number;
  /** Burn rates over {@link EvaluateSlosOptions.burnWindowsMs}. */
  burnRates: BurnReading[];
  /** Tiers whose conditions hold now (what would fire; the alert lifecycle decides what does). */
  firingTiers: string[];
  /** For a latency SLI: the bucket bound its threshold is read at (`exact` false when rounded down). */
  latency?: LatencyCut;
  /** False when a window's old edge had to be rounded to an hour or a day because finer rollups were deleted. */
  exact: boolean;
  /**
   * With {@link EvaluateSlosOptions.burnDown}: the share of the budget left from the period's start to
   * every day boundary (hour, for periods under 4 days) and now, oldest first; the last point is the
   * budget left now.
   */
  burnDown?: BurnDownPoint[];
}

/**
 * Evaluates every SLO at `nowMs` from the store's rollups: event-weighted counts over the period, every
 * tier's long and short windows and the extra burn windows. Windows shared by SLOs are read once (one
 * summing query per distinct run of rows for all SLOs), and time-slice SLOs read the minute states of
 * their period. Rollups only: works after raw-run retention, and costs the same whatever the number of
 * raw runs.
 */
export async function evaluateSlos(options: EvaluateSlosOptions): Promise<SloStatus[]> {
  const { store, slos, nowMs } = options;
  if (slos.length === 0) return [];
  const extra = options.burnWindowsMs ?? STATUS_BURN_WINDOWS_MS;
  const series = await seriesBySlo(store, slos, options.target);
  const coverage = await store.rollups.coverage();
  const plans = new Map<number, WindowPlan>();
  for (const slo of slos) for (const w of windowsOf(slo, extra)) if (!plans.has(w)) plans.set(w, planWindow(minuteWindow(nowMs, w), coverage));
  const burnDowns = new Map<number, BurnDownPlan>();
  if (options.burnDown === true) for (const slo of slos) if (!burnDowns.has(slo.periodMs)) burnDowns.set(slo.periodMs, new BurnDownPlan(plans.get(slo.periodMs)!, slo.periodMs, coverage));
  const allIds = [...new Set([...series.values()].flatMap((s) => s.map((x) => x.id)))];
  const cuts = [...new Set(slos.map((slo) => cutOf(slo.sli)))];
  const sums = await SegmentSums.read(store.rollups, [...plans.values(), ...[...burnDowns.values()].flatMap((b) => b.plans())], allIds, cuts);
  const burnDownWindows = (slo: ResolvedSlo) => burnDowns.get(slo.periodMs)?.counterWindows(slo.periodMs, nowMs) ?? [];
  const slicesBySlo = await timesliceCounters({ store, series, nowMs, extra, burnDownWindows }, slos);
  return Promise.all(slos.map(async (slo) => {
    const ids = series.get(slo.name)!.map((s) => s.id);
    const windows = windowsOf(slo, extra);
    const byWindow = new Map<number, RunCounts>(windows.map((w) => [w, sums.counts(plans.get(w)!, ids, cutOf(slo.sli))]));
    const runs = new WindowLookup(nowMs, byWindow);
    const slices = slicesBySlo.get(slo.name);
    const budgeting: WindowCounter = slices ?? runs;
    // Window sums and day summaries cannot answer the early-recovery walk: read its minutes only
    // for an SLO with a tier that would fire.
    let evaluation = evaluateSlo(slo, { runs, budgeting, recovery: null }, nowMs);
    if (evaluation.tiers.some((t) => t.firing) && slo.tiers.some((t) => t.guards.recoveryConfidence !== null)) {
      evaluation = evaluateSlo(slo, { runs, budgeting, recovery: await recoveryMinutes(store, slo, series.get(slo.name)!, nowMs) }, nowMs);
    }
    const burnDown = burnDowns.get(slo.periodMs);
    return {
      slo,
      evaluation,
      sli: evaluation.budget.sli,
      runs: runs.eventsIn(nowMs, slo.periodMs),
      degradedRuns: runs.degradedIn(nowMs, slo.periodMs),
      burnRates: extra.map((windowMs) => burnReading(budgeting, slo.budget, nowMs, windowMs)),
      firingTiers: evaluation.tiers.filter((t) => t.firing).map((t) => t.tier),
      ...(slo.sli.kind === 'latency' ? { latency: latencyCut(slo.sli.thresholdMs) } : {}),
      exact: windows.every((w) => plans.get(w)!.exact),
      ...(burnDown === undefined
        ? {}
        : { burnDown: slices === undefined ? burnDown.fromSums(sums, ids, cutOf(slo.sli), evaluation.budget, nowMs) : burnDown.fromCounter(slices, evaluation.budget, nowMs) }),
    };
  }));
}

/** Each SLO's series: its journey and step, every location, the target's only when one is named. */
async function seriesBySlo(store: Pick<ResultStore, 'rollups'>, slos: readonly ResolvedSlo[], target: string | undefined): Promise<Map<string, RollupSeries[]>> {
  const listed = await store.rollups.listSeries({ journeys: [...new Set(slos.map((s) => s.journey))] });
  const bySlo = new Map<string, RollupSeries[]>();
  for (const slo of slos) {
    const step = stepOf(slo.sli);
    bySlo.set(slo.name, listed.filter((s) => s.journey === slo.journey && s.step === step && (target === undefined || s.target === target)));
  }
  return bySlo;
}

function burnReading(counter: WindowCounter, budget: number, nowMs: number, windowMs: number): BurnReading {
  const events = counter.eventsIn(nowMs, windowMs);
  const bad = counter.badIn(nowMs, windowMs);
  return { windowMs, events, bad, burnRate: events > 0 ? bad / events / budget : null };
}

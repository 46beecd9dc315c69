import { evaluateSlos } from '../evaluation/index.js';
import type { RunStatus } from '../journey/index.js';
import type { ResolvedSlo } from '../scoring/index.js';
import type { ResultStore } from '../store/index.js';
import { buildSloReport, type SloReport, type SloReportSource } from './slo-report.js';

export interface LoadSloReportOptions {
  store: Pick<ResultStore, 'rollups' | 'alerts' | 'queryRuns'>;
  slos: readonly ResolvedSlo[];
  /** The end of the window, epoch ms. */
  nowMs: number;
  windowMs: number;
  /** Count only runs against this target; every target when absent. */
  target?: string;
}

/** The target failed the run: `error` and `aborted` are Outpost's own failures, no evidence against a step. */
const FAILED: RunStatus[] = ['failed', 'timedOut'];

/**
 * The newest failed runs read per journey for the step counts. A month of a journey failing every
 * minute from three locations is ~120,000 runs; the report counts the newest ones and says so.
 */
export const MAX_FAILED_RUNS = 20_000;

/**
 * Reads what the report needs from the store and builds it: each SLO evaluated over the window
 * from the rollups (the SLO's period replaced by the window), its alert episodes overlapping the
 * window, and the failed runs of its journey in the window (raw runs: what retention kept).
 */
export async function loadSloReport(options: LoadSloReportOptions): Promise<SloReport> {
  const { store, nowMs, windowMs, target } = options;
  // Over the window, not the SLO's period; tiers are the alerting cycle's business, not the report's.
  const windowed = options.slos.map((slo) => ({ ...slo, periodMs: windowMs, tiers: [] }));
  const statuses = await evaluateSlos({ store, slos: windowed, nowMs, burnWindowsMs: [], ...(target === undefined ? {} : { target }) });
  const failed = new Map<string, Promise<{ runs: SloReportSource['failedRuns']; truncated: boolean }>>();
  const sources: SloReportSource[] = [];
  for (const status of statuses) {
    const slo = options.slos.find((s) => s.name === status.slo.name)!;
    const journey = slo.journey;
    if (!failed.has(journey)) failed.set(journey, failedRuns(store, journey, nowMs - windowMs, nowMs, target));
    const runs = await failed.get(journey)!;
    const episodes = await store.alerts.queryEpisodes({ slo: slo.name, fromMs: nowMs - windowMs, toMs: nowMs + 1 });
    sources.push({ status: { ...status, slo }, episodes, failedRuns: runs.runs, failedRunsTruncated: runs.truncated });
  }
  return buildSloReport({ nowMs, windowMs, target: target ?? null, slos: sources });
}

async function failedRuns(store: Pick<ResultStore, 'queryRuns'>, journey: string, fromMs: number, nowMs: number, target: string | undefined) {
  const runs = await store.queryRuns({
    journey,
    status: FAILED,
    from: new Date(fromMs),
    to: new Date(nowMs + 1),
    limit: MAX_FAILED_RUNS + 1,
    ...(target === undefined ? {} : { target }),
  });
  return { runs: runs.slice(0, MAX_FAILED_RUNS), truncated: runs.length > MAX_FAILED_RUNS };
}

import type { RunStatus } from '../../journey/index.js';
import { defaultSlo, resolveSlo, type ResolvedSlo } from '../../scoring/index.js';
import type { GateSession, GateSessionQuery, ResultStore } from '../../store/index.js';
import type { AlertSource, AlertView } from './sources/alert-source.js';
import { RefreshCache } from './sources/refresh-cache.js';
import type { SloReading, SloSource } from './sources/slo-source.js';
import { boardView, type BoardView } from './views/board-view.js';
import type { JourneyIndexRow, KnownJourney } from './views/journey-index.js';
import { journeyView, type JourneyView } from './views/journey-view.js';
import { runDetail, type RunDetail } from './views/run-detail.js';
import type { RunList, RunListFilter } from './views/run-list.js';
import { runSummary } from './views/run-summary.js';

/** The most runs the journey page reads for its range; beyond, the oldest are left out (and it says so). */
export const MAX_JOURNEY_RUNS = 2_000;

const RUN_STATUSES: readonly RunStatus[] = ['passed', 'failed', 'timedOut', 'error', 'aborted'];

export interface DashboardDataOptions {
  store: ResultStore;
  slos: readonly ResolvedSlo[];
  /** Also give every stored journey without an SLO the default one (when no SLOs are configured). */
  defaultSlosForStoredJourneys: boolean;
  sloSource: SloSource;
  alerts: AlertSource | undefined;
  journeys: readonly KnownJourney[];
  traceUrlTemplate: string | undefined;
  /** Removes secret values from everything shown (runs are redacted when stored; this is a second line). */
  redact: <T>(value: T) => T;
  now: () => number;
  /** How long one SLO evaluation serves the board (the pages' refresh interval). */
  boardMaxAgeMs: number;
  /** A monotonic clock for that age (`performance.now` by default). */
  monotonic?: () => number;
}

/** The SLO evaluation behind the board, and the instant it is for. */
interface BoardReadings {
  atMs: number;
  readings: SloReading[];
}

/** Everything the pages and the JSON API show, read from the store and the sources. */
export class DashboardData {
  private readonly readings: RefreshCache<BoardReadings>;

  constructor(private readonly options: DashboardDataOptions) {
    // Evaluating every SLO is the costly part of the board (a few hundred ms of CPU at 1,000 CUJs): once
    // per refresh interval serves every open page and API client; waiting requests past 4 intervals.
    const maxAgeMs = options.boardMaxAgeMs;
    this.readings = new RefreshCache(() => this.evaluate(), { maxAgeMs, staleMs: Math.max(4 * maxAgeMs, 60_000), clock: options.monotonic ?? (() => performance.now()) });
  }

  now(): number {
    return this.options.now();
  }

  /** The board: the latest SLO evaluation (at most one refresh interval old) and the alert states now. */
  async board(): Promise<BoardView> {
    const [{ atMs, readings }, states] = await Promise.all([this.readings.get(), this.options.alerts?.states()]);
    return this.options.redact(boardView(readings, states, atMs));
  }

  private async evaluate(): Promise<BoardReadings> {
    const slos = await this.slos();
    const atMs = this.now();
    return { atMs, readings: await this.options.sloSource.read(slos, atMs) };
  }

  /**
   * The SLOs on the board: as given, plus (without configured SLOs) a default one per journey the store
   * has runs or rollups of (rollups outlive raw-run retention), as `outpost slo status` shows them.
   */
  private async slos(): Promise<ResolvedSlo[]> {
    if (!this.options.defaultSlosForStoredJourneys) return [...this.options.slos];
    const covered = new Set(this.options.slos.map((slo) => slo.journey));
    const [withRuns, series] = await Promise.all([this.options.store.journeyNames(), this.options.store.rollups.listSeries()]);
    const stored = [...new Set([...withRuns, ...series.map((s) => s.journey)])].sort().filter((journey) => !covered.has(journey));
    return [...this.options.slos, ...stored.map((journey) => resolveSlo(defaultSlo(journey)))];
  }

  /** Configured journeys, those the SLOs name and those with stored runs, with their latest run. */
  async journeys(): Promise<JourneyIndexRow[]> {
    const known = new Map<string, KnownJourney>();
    for (const journey of this.options.journeys) known.set(journey.name, journey);
    for (const slo of this.options.slos) if (!known.has(slo.journey)) known.set(slo.journey, { name: slo.journey });
    for (const name of await this.options.store.journeyNames()) if (!known.has(name)) known.set(name, { name });
    const rows = await Promise.all(
      [...known.values()].map(async (journey) => {
        const [latest] = await this.options.store.queryRuns({ journey: journey.name, limit: 1 });
        return {
          journey: journey.name,
          ...(journey.cuj === undefined ? {} : { cuj: journey.cuj }),
          ...(journey.description === undefined ? {} : { description: journey.description }),
          ...(latest === undefined ? {} : { latest: runSummary(latest) }),
        };
      }),
    );
    return this.options.redact(rows.sort((a, b) => (a.journey < b.journey ? -1 : 1)));
  }

  /** The journey page's data over the last `hours`; undefined for a journey that is neither known nor stored. */
  async journey(name: string, hours: number): Promise<JourneyView | undefined> {
    const toMs = this.now();
    const range = { fromMs: toMs - hours * 3_600_000, toMs };
    const runs = await this.options.store.queryRuns({ journey: name, from: new Date(range.fromMs), to: new Date(toMs + 1), limit: MAX_JOURNEY_RUNS });
    if (runs.length === 0 && !this.isKnown(name) && (await this.options.store.countRuns({ journey: name })) === 0) return undefined;
    return this.options.redact(journeyView(name, runs, range, runs.length === MAX_JOURNEY_RUNS));
  }

  async runs(filter: RunListFilter, page: { limit: number; offset: number }): Promise<RunList> {
    const query = {
      ...(filter.journey === undefined ? {} : { journey: filter.journey }),
      ...(filter.location === undefined ? {} : { location: filter.location }),
      ...(filter.session === undefined ? {} : { sessionId: filter.session }),
      ...(filter.status === undefined ? {} : { status: filter.status as RunStatus }),
    };
    const [runs, total] = await Promise.all([this.options.store.queryRuns({ ...query, ...page }), this.options.store.countRuns(query)]);
    return this.options.redact({ filter, runs: runs.map(runSummary), total, ...page });
  }

  async run(id: string): Promise<RunDetail | undefined> {
    const run = await this.options.store.getRun(id);
    return run === undefined ? undefined : this.options.redact(runDetail(run, this.options.traceUrlTemplate));
  }

  /** The run's stored artifact path, relative to the results folder. */
  async artifactPath(id: string, kind: 'screenshot' | 'trace'): Promise<{ path: string; journey: string } | undefined> {
    const run = await this.options.store.getRun(id);
    const path = run?.artifacts[kind];
    return run === undefined || path === undefined ? undefined : { path, journey: run.journey };
  }

  /** Undefined when alerting is not set up. */
  async alerts(limit: number): Promise<AlertView[] | undefined> {
    const alerts = await this.options.alerts?.alerts({ limit });
    return alerts === undefined ? undefined : this.options.redact(alerts);
  }

  async gateSessions(query: GateSessionQuery): Promise<GateSession[]> {
    return this.options.redact(await this.options.store.queryGateSessions(query));
  }

  async gateSession(id: string): Promise<GateSession | undefined> {
    const session = await this.options.store.getGateSession(id);
    return session === undefined ? undefined : this.options.redact(session);
  }

  private isKnown(name: string): boolean {
    return this.options.journeys.some((journey) => journey.name === name) || this.options.slos.some((slo) => slo.journey === name);
  }
}

/** A run status from a query parameter, or undefined when it is not one. */
export function parseRunStatus(value: string): RunStatus | undefined {
  return RUN_STATUSES.find((status) => status === value);
}

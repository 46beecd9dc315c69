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
  /** The configured alert channels by name; undefined when the caller does not say (then stored alert states are trusted). */
  alertChannels: readonly string[] | undefined;
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

/** The alerts page: the store's alert history, which channels notify, and what would fire without alerting. */
export interface AlertsView {
  /** Firing then resolved alerts from the store; null without an alert source. */
  alerts: AlertView[] | null;
  firing: number;
  /** The configured alert channels by name; null when not known. An empty list: nothing is notified. */
  channels: string[] | null;
  /**
   * Without alert channels: the tiers whose conditions hold now (the board's evaluation) that the
   * alert history does not show firing. Empty when channels are configured (the alerting cycle decides).
   */
  wouldFire: WouldFire[];
}

/** A tier whose conditions hold now. */
export interface WouldFire {
  slo: string;
  journey: string;
  tier: string;
  severity: string;
  longBurnRate: number | null;
}

/** The SLO evaluation behind the board, and the instant it is for. */
interface BoardReadings {
  atMs: number;
  readings: SloReading[];
}

/** Everything the pages and the JSON API show, read from the store and the sources. */
export class DashboardData {
  private readonly readings: RefreshCache<BoardReadings>;
  private lastBoard: { evaluated: BoardReadings; statesKey: string; view: BoardView } | undefined;

  constructor(private readonly options: DashboardDataOptions) {
    // Evaluating every SLO is the costly part of the board (about 1 s of CPU at 1,000 CUJs): once per
    // refresh interval serves every open page and API client. Once loaded it is kept warm, reloaded every
    // interval in the background, so no visitor waits for it again.
    const maxAgeMs = options.boardMaxAgeMs;
    const clock = options.monotonic ?? (() => performance.now());
    this.readings = new RefreshCache(() => this.evaluate(), { maxAgeMs, staleMs: Math.max(4 * maxAgeMs, 60_000), clock, keepWarm: true });
  }

  now(): number {
    return this.options.now();
  }

  /** Starts the board's first evaluation in the background; a failure is left for the first request to see. */
  warmUp(): void {
    this.readings.get().catch(() => undefined);
  }

  /** The board: the latest SLO evaluation (at most one refresh interval old) and the alert states now. */
  async board(): Promise<BoardView> {
    const [evaluated, states] = await Promise.all([this.readings.get(), this.options.alerts?.states()]);
    // The view (1,000 rows: sorting, and redaction copies every string) is built once per evaluation and alert-state change.
    const statesKey = JSON.stringify(states ?? null);
    if (this.lastBoard?.evaluated === evaluated && this.lastBoard.statesKey === statesKey) return this.lastBoard.view;
    const view = this.options.redact(boardView(evaluated.readings, states === undefined ? undefined : { states, authoritative: this.alertingConfigured() }, evaluated.atMs));
    this.lastBoard = { evaluated, statesKey, view };
    return view;
  }

  /**
   * Whether the stored alert states are the alerting cycle's word: channels are configured (or the
   * caller did not say). Without channels, nothing keeps them current, so the board also shows
   * what the evaluation says would fire.
   */
  private alertingConfigured(): boolean {
    return this.options.alertChannels === undefined || this.options.alertChannels.length > 0;
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

  async alerts(limit: number): Promise<AlertsView> {
    const alerts = (await this.options.alerts?.alerts({ limit })) ?? null;
    const firing = alerts?.filter((alert) => alert.status === 'firing') ?? [];
    const channels = this.options.alertChannels === undefined ? null : [...this.options.alertChannels];
    const wouldFire = this.alertingConfigured() && alerts !== null ? [] : await this.wouldFire(firing);
    return this.options.redact({ alerts, firing: firing.length, channels, wouldFire });
  }

  private async wouldFire(firing: readonly AlertView[]): Promise<WouldFire[]> {
    const shown = new Set(firing.map((alert) => `${alert.slo}\u0000${alert.tier}`));
    const { rows } = await this.board();
    return rows.flatMap((row) =>
      row.burnRates
        .filter((tier) => tier.firing && !shown.has(`${row.slo}\u0000${tier.tier}`))
        .map((tier) => ({ slo: row.slo, journey: row.journey, tier: tier.tier, severity: tier.severity, longBurnRate: tier.long })),
    );
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

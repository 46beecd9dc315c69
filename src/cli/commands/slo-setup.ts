import { relative } from 'node:path';
import { loadConfig, type ResolvedConfig } from '../../config/index.js';
import { openStore, type ResultStore } from '../../store/index.js';
import type { Journey } from '../../journey/index.js';
import { findJourneyFiles, loadJourneys, type JourneyFileProblem } from '../../loader/index.js';
import { effectiveSlos, UnknownSloJourneyError, type ResolvedSlo } from '../../scoring/index.js';
import { CliError } from '../exit-codes.js';
import type { ReporterStreams } from '../reporters/reporter.js';

/** What the `slo` commands work on: the config, its journeys and the SLOs to evaluate. */
export interface SloSetup {
  config: ResolvedConfig;
  journeys: Map<string, Journey>;
  /** Journey files that did not load. */
  problems: JourneyFileProblem[];
  /** The configured SLOs, or one default per journey (see `effectiveSlos`). */
  slos: ResolvedSlo[];
}

/**
 * Loads the config and its journeys and works out the SLOs. An SLO naming a journey that does not
 * exist is a usage error (exit 2) naming it and the journeys that do.
 */
export async function loadSloSetup(cwd: string, configPath: string | undefined): Promise<SloSetup> {
  const config = await loadConfig({ cwd, configPath });
  const loaded = await loadJourneys(await findJourneyFiles(config.journeys, cwd));
  const journeys = new Map(loaded.journeys.map(({ journey }) => [journey.name, journey]));
  try {
    return { config, journeys, problems: loaded.problems, slos: effectiveSlos(config.slos, [...journeys.keys()]) };
  } catch (error) {
    if (error instanceof UnknownSloJourneyError) throw new CliError(error.message);
    throw error;
  }
}

/** Journey files that did not load, as warnings: the SLOs of the other journeys still count. */
export function reportJourneyFileProblems(setup: SloSetup, cwd: string, streams: ReporterStreams): void {
  for (const problem of setup.problems) streams.err.write(`warning: ${relative(cwd, problem.file)}: ${problem.message}\n`);
}

/** Where `slo status` and `slo report` read from: the config, and optionally another store, target and instant. */
export interface SloStoreOptions {
  cwd: string;
  configPath?: string;
  /** The store location; the config's when absent. */
  store?: string;
  /** Only runs against this target; the config's defaultTarget when absent, else every target. */
  target?: string;
  /** The evaluation instant; now when absent. */
  nowMs?: number;
}

/** What {@link withSloStore} hands over: the open store, the SLOs to show, the target and the instant. */
export interface SloStoreContext {
  store: ResultStore;
  slos: ResolvedSlo[];
  target: string | undefined;
  nowMs: number;
}

/** Loads the config, opens its store (closed afterwards, whatever happens) and works out the SLOs, target and instant. */
export async function withSloStore<T>(options: SloStoreOptions, use: (context: SloStoreContext) => Promise<T>): Promise<T> {
  const config = await loadConfig({ cwd: options.cwd, configPath: options.configPath });
  const store = await openStore(options.store ?? (config.store.kind === 'sqlite' ? config.store.path : config.store.url));
  try {
    const slos = await slosToShow(store, config.slos);
    return await use({ store, slos, target: options.target ?? config.defaultTarget, nowMs: options.nowMs ?? Date.now() });
  } finally {
    await store.close();
  }
}

/** The configured SLOs; without any, one default SLO per journey that has runs in the store. */
async function slosToShow(store: ResultStore, configured: readonly ResolvedSlo[]): Promise<ResolvedSlo[]> {
  if (configured.length > 0) return [...configured];
  const journeys = [...new Set((await store.rollups.listSeries()).map((s) => s.journey))];
  return effectiveSlos([], journeys);
}

import { relative } from 'node:path';
import { loadConfig, type ResolvedConfig } from '../../config/index.js';
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

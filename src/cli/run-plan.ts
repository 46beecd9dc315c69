import type { BrowserContextOptions, LaunchOptions } from 'playwright';
import { loadConfig, MissingSecretError, Redactor, resolveSecrets, resolveTarget, type ResolvedConfig, type ResolvedTarget } from '../config/index.js';
import { fixturesUsedByJourney, type Journey } from '../journey/index.js';
import { findJourneyFiles, loadJourneys, selectJourneys, type JourneyFileProblem, type JourneyFilter } from '../loader/index.js';
import { CliError, ExitCode } from './exit-codes.js';

export interface PlanInputs {
  cwd: string;
  configPath?: string;
  /** Files, folders or globs; the config's `journeys` when empty. */
  paths: string[];
  filter: JourneyFilter;
  /** A target name or URL; or an explicit target (the demo names its own shop). */
  target?: string | ResolvedTarget;
  location?: string;
  env?: NodeJS.ProcessEnv;
}

/** Everything an `outpost run` needs, checked before any browser starts. */
export interface RunPlan {
  config: ResolvedConfig;
  target: ResolvedTarget;
  location: string;
  journeys: Journey[];
  /**
   * True when `journeys` are every journey of the config's `journeys` globs: no paths given, the
   * filters left none out, and no journey file failed to load.
   */
  allJourneys: boolean;
  brokenFiles: JourneyFileProblem[];
  secrets: Record<string, string>;
  redactor: Redactor;
  contextOptions: BrowserContextOptions;
  launchOptions: LaunchOptions;
  needsBrowser: boolean;
}

/**
 * Loads config, target, secrets and journeys, in the order that fails fastest: a missing secret
 * or an unknown target is reported before any journey file is imported.
 */
export async function planRun(inputs: PlanInputs): Promise<RunPlan> {
  const config = await loadConfig({ cwd: inputs.cwd, configPath: inputs.configPath });
  const target = typeof inputs.target === 'object' ? inputs.target : resolveTarget(config, inputs.target);
  const secrets = resolveSecretsOrExplain(config, inputs.env);
  const files = await findJourneyFiles(inputs.paths.length > 0 ? inputs.paths : config.journeys, inputs.cwd);
  const loaded = await loadJourneys(files);
  const selected = selectJourneys(loaded.journeys, inputs.filter);
  if (selected.length === 0 && loaded.problems.length === 0) {
    throw new CliError(`no journeys match the filters (${describeFilter(inputs.filter)}) among ${loaded.journeys.length} loaded`);
  }
  const journeys = selected.map((j) => j.journey);
  const { launchOptions, contextOptions } = splitUse(config);
  return {
    config,
    target,
    location: inputs.location ?? config.location,
    journeys,
    allJourneys: inputs.paths.length === 0 && selected.length === loaded.journeys.length && loaded.problems.length === 0,
    brokenFiles: loaded.problems,
    secrets,
    redactor: new Redactor(secrets),
    contextOptions,
    launchOptions,
    needsBrowser: journeys.some((j) => {
      const used = fixturesUsedByJourney(j);
      return used === undefined || used.has('page') || used.has('context');
    }),
  };
}

function resolveSecretsOrExplain(config: ResolvedConfig, env: NodeJS.ProcessEnv | undefined): Record<string, string> {
  try {
    return resolveSecrets(config, env);
  } catch (error) {
    if (error instanceof MissingSecretError) throw new CliError(error.message, ExitCode.usage);
    throw error;
  }
}

/** `use` mixes context options with launch options and runner settings; pull them apart. */
function splitUse(config: ResolvedConfig): { contextOptions: BrowserContextOptions; launchOptions: LaunchOptions } {
  const { launchOptions, actionTimeout, navigationTimeout, testIdAttribute, headless, channel, ...context } = config.use as Record<string, unknown>;
  void actionTimeout; void navigationTimeout; void testIdAttribute; void channel;
  return {
    contextOptions: context as BrowserContextOptions,
    launchOptions: {
      ...(launchOptions as LaunchOptions | undefined),
      ...(config.browser.launchOptions as LaunchOptions),
      headless: typeof headless === 'boolean' ? headless : config.browser.headless,
    },
  };
}

function describeFilter(filter: JourneyFilter): string {
  const parts = [];
  if (filter.grep !== undefined) parts.push(`--grep ${filter.grep}`);
  if (filter.tags !== undefined && filter.tags.length > 0) parts.push(`--tag ${filter.tags.join(',')}`);
  return parts.join(' ') || 'none';
}

import { relative } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type ResolvedConfig } from '../../config/index.js';
import type { Journey } from '../../journey/index.js';
import { findJourneyFiles, loadJourneys, NoJourneyFilesError } from '../../loader/index.js';
import { ListenError, startHttpServer } from '../../server/index.js';
import { openStore } from '../../store/index.js';
import { dashboardAccess, dashboardApp } from '../dashboard-setup.js';
import { CliError, ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { port } from '../option-parsers.js';
import type { ReporterStreams } from '../reporters/reporter.js';
import { storeLocation } from '../session-setup.js';

export interface UiCommandOptions {
  cwd: string;
  configPath?: string;
  store?: string;
  outputDir?: string;
  host: string;
  port: number;
  token?: string;
  insecureNoAuth: boolean;
  env?: NodeJS.ProcessEnv;
  /** Resolves when the command should stop (SIGINT/SIGTERM by default). */
  stop?: Promise<void>;
}

/**
 * `outpost ui`: serves the dashboard over a result store, without probing anything. Runs until
 * SIGINT/SIGTERM, then exits 0; 2 for usage or config errors (among them a public bind without a
 * token).
 */
export async function uiCommand(options: UiCommandOptions, streams: ReporterStreams): Promise<ExitCodeValue> {
  const env = options.env ?? process.env;
  const config = await loadConfig({ cwd: options.cwd, configPath: options.configPath });
  const access = dashboardAccess(options, env);
  const journeys = await knownJourneys(config, options.cwd, streams);
  const store = await openStore(options.store ?? storeLocation({ config }));
  const app = dashboardApp({ config, store, journeys, resultsDir: options.outputDir ?? config.outputDir, access, env, warmUp: true });
  const server = await startHttpServer(app, options.host, options.port).catch(async (error: unknown) => {
    await store.close();
    throw error instanceof ListenError ? new CliError(error.message) : error;
  });
  const auth = access.kind === 'token' ? 'token required' : access.kind === 'insecure' ? 'NO authentication (--insecure-no-auth)' : 'this machine only';
  streams.err.write(`Outpost dashboard on ${server.url} (${auth}); Ctrl-C to stop\n`);
  await (options.stop ?? stopSignal());
  await server.close();
  await store.close();
  return ExitCode.ok;
}

/** The configured journeys, for names and CUJs before they have runs; a folder without any is fine here. */
async function knownJourneys(config: ResolvedConfig, cwd: string, streams: ReporterStreams): Promise<Journey[]> {
  let files: string[];
  try {
    files = await findJourneyFiles(config.journeys, cwd);
  } catch (error) {
    if (error instanceof NoJourneyFilesError) return [];
    throw error;
  }
  const loaded = await loadJourneys(files);
  for (const problem of loaded.problems) streams.err.write(`warning: journey file not loaded: ${relative(cwd, problem.file)}: ${problem.message}\n`);
  return loaded.journeys.map((entry) => entry.journey);
}

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Registers `outpost ui` on the program. */
export function addUiCommand(program: Command, streams: ReporterStreams): void {
  program
    .command('ui')
    .description('serve the dashboard (SLO board, journeys, runs, alerts, canary and verify sessions) over a result store, without probing')
    .option('-c, --config <file>', 'config file')
    .option('--store <location>', "result store: a SQLite file path or a postgres:// URL (default: the config's)")
    .option('-o, --output <dir>', "results folder the screenshots and traces are served from (default: the config's outputDir)")
    .option('--host <host>', 'interface to bind; any but loopback needs a token', '127.0.0.1')
    .option('-p, --port <port>', 'HTTP port (0 = any free port)', port, 9465)
    .option('--token <token>', 'require this token (bearer header or login form); default $OUTPOST_UI_TOKEN')
    .option('--insecure-no-auth', 'serve a non-loopback interface without a token (only behind something that authenticates)')
    .addHelpText('after', '\nExit codes: 0 after SIGINT/SIGTERM, 2 usage or config error (e.g. a public --host without a token).')
    .action(async (opts) => {
      process.exitCode = await uiCommand(
        { cwd: process.cwd(), configPath: opts.config, store: opts.store, outputDir: opts.output, host: opts.host, port: opts.port, token: opts.token, insecureNoAuth: opts.insecureNoAuth === true },
        streams,
      );
    });
}

import { Command, CommanderError, Option, type OptionValues } from 'commander';
import { ConfigError, TargetError } from '../config/index.js';
import { DemoShopConfigError, FaultRuleError } from '../demo-shop/index.js';
import { InvalidGrepError, NoJourneyFilesError } from '../loader/index.js';
import { BrowserNotFoundError } from '../runner/index.js';
import { StoreError, StoreLocationError, SchemaVersionError } from '../store/index.js';
import { TelemetryConfigError } from '../telemetry/index.js';
import { coverageCommand } from './commands/coverage-command.js';
import { demoCommand } from './commands/demo-command.js';
import { initCommand } from './commands/init-command.js';
import { listCommand } from './commands/list-command.js';
import { runCommand } from './commands/run-command.js';
import { serveCommand } from './commands/serve-command.js';
import { shopCommand } from './commands/shop-command.js';
import { addSloSimulateCommand } from './commands/slo-simulate-command.js';
import { addSloStatusCommand } from './commands/slo-status-command.js';
import { addSloReportCommand } from './commands/slo-report-command.js';
import { addSloLintCommand } from './commands/slo-lint-command.js';
import { addSloRulesCommand } from './commands/slo-rules-command.js';
import { addSloExportCommand } from './commands/slo-export-command.js';
import { addSloImportCommand } from './commands/slo-import-command.js';
import { CliError, ExitCode } from './exit-codes.js';
import { addUiCommand } from './commands/ui-command.js';
import { addCanaryCommand, addVerifyCommand } from './gate/gate-cli.js';
import { REPORTERS } from './reporters/create-reporter.js';
import type { ReporterStreams } from './reporters/reporter.js';
import type { PlanInputs } from './run-plan.js';
import { withJourneyOptions } from './journey-options.js';
import { collect, duration, port, positiveInt, retentionAge, storeOption } from './option-parsers.js';

const streams: ReporterStreams = { out: process.stdout, err: process.stderr };



/** The arguments and options `run` and `serve` share: which journeys, against what, from where. */
function withPlanOptions(command: Command): Command {
  return withJourneyOptions(command).option('--target <name|url>', 'target name from config, or a URL');
}

/** What {@link withPlanOptions} parsed, as the commands take it. */
function planInputs(paths: string[], opts: OptionValues): PlanInputs & { concurrency?: number } {
  return {
    cwd: process.cwd(),
    configPath: opts.config,
    paths,
    filter: { grep: opts.grep, tags: opts.tag },
    target: opts.target,
    location: opts.location,
    concurrency: opts.concurrency,
  };
}


function buildProgram(): Command {
  const program = new Command('outpost')
    .description('Synthetic user-journey monitoring: run Playwright Critical User Journeys as probes, deploy gates and SLOs.')
    .version(process.env.npm_package_version ?? '0.1.0')
    .exitOverride()
    .showHelpAfterError();

  withPlanOptions(program
    .command('run')
    .description('run journeys once and report; exit 0 when all passed, 1 when any failed'))
    .option('--repeat <n>', 'run each journey n times', positiveInt, 1)
    .addOption(new Option('--reporter <name>', 'output format').choices(REPORTERS).default('list'))
    .option('-o, --output <dir>', 'results folder for screenshots and traces (default: .outpost/results)')
    .addOption(storeOption('result store: a SQLite file path or a postgres:// URL (default: the config\'s, .outpost/outpost.db)'))
    .action(async (paths: string[], opts) => {
      process.exitCode = await runCommand(
        {
          ...planInputs(paths, opts),
          repeat: opts.repeat,
          reporter: opts.reporter,
          outputDir: opts.output,
          store: opts.store,
        },
        streams,
      );
    });

  withPlanOptions(program
    .command('serve')
    .description('probe the scheduled journeys until stopped; serve /healthz, /readyz, /metrics and /canary'))
    .option('-p, --port <port>', 'HTTP port (0 = any free port)', port, 9464)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .addOption(new Option('--grace <duration>', 'after SIGTERM, how long runs in flight may finish before they are aborted').argParser(duration).default(30_000, '30s'))
    .addOption(new Option('--retry-backoff <duration>', 'wait before the first confirmation retry (doubles after)').argParser(duration).default(2_000, '2s'))
    .addOption(new Option('--max-jitter <duration>', 'largest start delay jitter adds (also at most 10% of the interval)').argParser(duration).default(60_000, '60s'))
    .option('--recycle-after <runs>', 'relaunch the browser after this many runs', positiveInt, 200)
    .option('--recycle-rss <MiB>', 'relaunch the browser when its processes hold more memory than this', positiveInt, 1536)
    .addOption(storeOption('result store: a SQLite file path or a postgres:// URL (default: the config\'s)'))
    .option('-o, --output <dir>', 'results folder for screenshots and traces (default: .outpost/results)')
    .option('--retention <age|off>', "delete raw runs older than this (the leader replica, hourly); 'off' keeps them (default: the config's retention.runs, 30d)", retentionAge)
    .option('--no-dashboard', 'do not serve the dashboard (pages and /api/v1)')
    .option('--token <token>', 'require this token for the dashboard (bearer header or login form); default $OUTPOST_UI_TOKEN')
    .option('--insecure-no-auth', 'serve the dashboard on a non-loopback --host without a token')
    .addHelpText('after', '\nThe dashboard needs a token (or --insecure-no-auth, or --no-dashboard) when --host is not a loopback address;\n/healthz, /readyz, /metrics and /canary never need one.\nExit codes: 0 after a clean shutdown (SIGTERM/SIGINT), 2 usage or config error, 130 forced by a second signal.')
    .action(async (paths: string[], opts) => {
      process.exitCode = await serveCommand(
        {
          ...planInputs(paths, opts),
          host: opts.host,
          port: opts.port,
          graceMs: opts.grace,
          retryBackoffMs: opts.retryBackoff,
          maxJitterMs: opts.maxJitter,
          recycleAfterRuns: opts.recycleAfter,
          recycleRssMib: opts.recycleRss,
          store: opts.store,
          outputDir: opts.output,
          retention: opts.retention,
          dashboard: opts.dashboard !== false,
          token: opts.token,
          insecureNoAuth: opts.insecureNoAuth === true,
        },
        streams,
      );
    });

  addVerifyCommand(program, streams);
  addCanaryCommand(program, streams);
  addUiCommand(program, streams);

  program
    .command('list')
    .description('list the discovered journeys with their CUJ, tags, schedule and SLO')
    .argument('[paths...]', 'journey files, folders or globs')
    .option('-c, --config <file>', 'config file')
    .option('-g, --grep <regex>', 'only journeys whose name or CUJ id matches')
    .option('-t, --tag <tags>', 'only journeys with any of these tags', collect)
    .option('--json', 'print JSON')
    .action(async (paths: string[], opts) => {
      process.exitCode = await listCommand({ cwd: process.cwd(), configPath: opts.config, paths, filter: { grep: opts.grep, tags: opts.tag }, json: opts.json === true }, streams);
    });

  program
    .command('coverage')
    .description('show which hosts and endpoints each journey and step exercised, from stored runs')
    .option('-c, --config <file>', 'config file')
    .addOption(storeOption('result store (default: the config\'s, .outpost/outpost.db)'))
    .option('--journey <names>', 'only these journeys (repeat or comma-separate)', collect)
    .option('--location <name>', 'only runs from this location')
    .option('--target <name>', 'only runs against this target name')
    .option('--since <duration>', 'only runs newer than this, e.g. 24h or 7d')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      process.exitCode = await coverageCommand(
        { cwd: process.cwd(), configPath: opts.config, store: opts.store, journey: opts.journey, location: opts.location, target: opts.target, since: opts.since, json: opts.json === true },
        streams,
      );
    });

  program
    .command('init')
    .description('scaffold outpost.config.ts and an example journey into an empty folder')
    .argument('[dir]', 'folder to create them in', '.')
    .action(async (dir: string) => {
      process.exitCode = await initCommand({ dir }, streams);
    });

  program
    .command('demo')
    .description('start the bundled demo shop and run the example journeys against it')
    .option('--repeat <n>', 'run each journey n times', positiveInt, 1)
    .addOption(new Option('--reporter <name>', 'output format').choices(REPORTERS).default('list'))
    .option('-o, --output <dir>', 'results folder for screenshots and traces (default: .outpost/results)')
    .option('--store <location>', 'result store: a SQLite file path (default: .outpost/outpost.db)')
    .action(async (opts) => {
      process.exitCode = await demoCommand({ repeat: opts.repeat, reporter: opts.reporter, store: opts.store, outputDir: opts.output }, streams);
    });

  program
    .command('shop')
    .description('run the bundled demo shop on its own (for trying journeys, canary and serve)')
    .option('-p, --port <port>', 'port to listen on (0 = any free port)', '3000')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .action(async (opts) => {
      await shopCommand({ port: Number(opts.port), host: opts.host }, streams);
    });

  // The `slo` group: each subcommand registers itself with one line.
  const slo = program.command('slo').description('work with SLOs');
  addSloSimulateCommand(slo, streams);
  addSloStatusCommand(slo, streams);
  addSloReportCommand(slo, streams);
  addSloLintCommand(slo, streams);
  addSloRulesCommand(slo, streams);
  addSloExportCommand(slo, streams);
  addSloImportCommand(slo, streams);

  return program;
}

/** Errors that mean "your input or setup is wrong": one clean message, exit 2. */
function usageErrorMessage(error: unknown): string | undefined {
  const known = [
    ConfigError, TargetError, NoJourneyFilesError, InvalidGrepError, BrowserNotFoundError,
    StoreLocationError, SchemaVersionError, FaultRuleError, DemoShopConfigError, TelemetryConfigError,
  ];
  if (known.some((type) => error instanceof type)) return (error as Error).message;
  // The store could not be opened (unreachable server, wrong password, unwritable file): setup, not a journey failure.
  if (error instanceof StoreError && error.operation === 'open') return `could not open the result store: ${error.message}`;
  return undefined;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
      return;
    }
    if (error instanceof CliError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    const usage = usageErrorMessage(error);
    if (usage !== undefined) {
      process.stderr.write(`error: ${usage}\n`);
      process.exitCode = ExitCode.usage;
      return;
    }
    process.stderr.write(`internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = ExitCode.failed;
  }
}

await main(process.argv);

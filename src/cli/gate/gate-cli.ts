/**
 * The commander definitions of `outpost verify` and `outpost canary`, kept out of main.ts so it
 * only registers them.
 */
import { Option, type Command } from 'commander';
import { DEFAULT_CANARY_RUNS, DEFAULT_VERIFY_RUNS } from '../../canary/index.js';
import { canaryCommand } from '../commands/canary-command.js';
import { verifyCommand } from '../commands/verify-command.js';
import type { ReporterStreams } from '../reporters/reporter.js';
import { GATE_REPORTERS } from './gate-reporter.js';
import { withJourneyOptions } from '../journey-options.js';
import { passRate, positiveInt, storeOption } from '../option-parsers.js';

/** Registers `outpost verify` on the program (inheriting its exit and help settings). */
export function addVerifyCommand(program: Command, streams: ReporterStreams): void {
  withSessionOptions(program.command('verify'))
    .description('post-deploy smoke gate: run the CUJs N times against a target; exit 0 when every CUJ meets the pass rate, 1 when not')
    .option('--target <name|url>', 'target name from config, or a URL (default: the config\'s defaultTarget)')
    .option('--runs <n>', 'runs per journey', positiveInt, DEFAULT_VERIFY_RUNS)
    .option('--min-pass-rate <rate>', 'share of runs per CUJ that must pass, 0..1 (a run passes if a confirmation retry passes)', passRate, 1)
    .action(async (paths: string[], opts) => {
      process.exitCode = await verifyCommand({ ...sessionInputs(paths, opts), target: opts.target, runs: opts.runs, minPassRate: opts.minPassRate }, streams);
    });
}

/** Registers `outpost canary` on the program (inheriting its exit and help settings). */
export function addCanaryCommand(program: Command, streams: ReporterStreams): void {
  withSessionOptions(program.command('canary'))
    .description('baseline vs canary: run the CUJs against both, interleaved; exit 0 PASS, 1 FAIL, 3 MARGINAL, 4 INCONCLUSIVE')
    .requiredOption('--baseline <name|url>', 'the deployment to compare against')
    .requiredOption('--canary <name|url>', 'the new deployment')
    .addOption(new Option('--runs <n>', `runs per side and journey (default ${DEFAULT_CANARY_RUNS})`).argParser(positiveInt).conflicts('duration'))
    .option('--duration <duration>', 'run rounds until this much time has passed, e.g. 10m')
    .option('--fail-on-marginal', 'exit 1 instead of 3 on a MARGINAL verdict')
    .action(async (paths: string[], opts) => {
      process.exitCode = await canaryCommand(
        { ...sessionInputs(paths, opts), baseline: opts.baseline, canary: opts.canary, runs: opts.runs, duration: opts.duration, failOnMarginal: opts.failOnMarginal === true },
        streams,
      );
    });
}

function withSessionOptions(command: Command): Command {
  return withJourneyOptions(command)
    .addOption(new Option('--reporter <name>', 'output format on stdout').choices(GATE_REPORTERS).default('list'))
    .option('-o, --output <dir>', 'results folder for screenshots and traces (default: .outpost/results)')
    .addOption(storeOption('result store: a SQLite file path or a postgres:// URL (default: the config\'s)'));
}

interface SessionOpts {
  config?: string;
  grep?: string;
  tag?: string[];
  location?: string;
  concurrency?: number;
  reporter: string;
  output?: string;
  store?: string;
}

function sessionInputs(paths: string[], opts: SessionOpts) {
  return {
    cwd: process.cwd(),
    configPath: opts.config,
    paths,
    filter: { grep: opts.grep, tags: opts.tag },
    location: opts.location,
    concurrency: opts.concurrency,
    reporter: opts.reporter,
    outputDir: opts.output,
    store: opts.store,
  };
}




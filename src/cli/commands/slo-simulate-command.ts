import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { effectiveSlos, UnknownSloJourneyError, type ResolvedSlo } from '../../scoring/index.js';
import {
  burn,
  explainTier,
  parseResultLine,
  replayResults,
  RunTable,
  stepSliIssues,
  windowLabel,
  type AlertTransition,
  type ReplayReport,
  type SloReplayReport,
} from '../../scoring/replay/index.js';
import { CliError, ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { table } from '../reporters/format.js';
import type { ReporterStreams } from '../reporters/reporter.js';
import { describeSli, objectiveText } from './slo-text.js';

export interface SloSimulateOptions {
  cwd: string;
  /** JSON Lines results file. */
  results: string;
  /** Config whose `slos` list to replay; without it, one default SLO per journey. */
  configPath?: string;
  json: boolean;
}

/** Help text for `outpost slo simulate`: the input and config shapes it reads. */
export const SLO_SIMULATE_HELP = `
Results file: one JSON object per line (any order; blank lines are skipped):
  {"journey": "checkout", "location": "eu-west", "startedAt": "2025-01-06T12:00:00Z",
   "durationMs": 1840, "status": "passed" | "failed", "attempts": 2}
  "failed" means every attempt failed; "passed" with attempts > 1 passed on retry (degraded:
  counted, never charged to the budget).

SLOs: without --config, each journey gets "<journey>-availability": 99.5% over 28 days, default
tiers and guards. With --config, the config's "slos" list (see the README's "SLOs" section), e.g.
  slos: [{ name: 'checkout-availability', journey: 'checkout', sli: { kind: 'availability' },
           objective: 99.5, window: '28d', budgeting: { method: 'timeslices', quorum: { count: 2 } } }]
Every SLO must name a journey with results in the file; step SLIs cannot be replayed.

Every minute from the first result to one hour after the last is evaluated. --json prints one
line per alert transition: {"at", "slo", "journey", "severity", "state": "firing" | "resolved",
"burnRate", "window"}. Exit codes: 0 replayed, 2 bad input, config or SLO.
`;

/** Registers `outpost slo simulate` on the `slo` command group. */
export function addSloSimulateCommand(slo: Command, streams: ReporterStreams): void {
  slo
    .command('simulate')
    .description('replay historical results through the SLO engine and print every alert transition')
    .requiredOption('--results <file>', 'results as JSON Lines (see below)')
    .option('-c, --config <file>', 'config whose slos list to replay (default: one 99.5% availability SLO per journey)')
    .option('--json', 'print one JSON object per transition')
    .addHelpText('after', SLO_SIMULATE_HELP)
    .action(async (opts) => {
      process.exitCode = await sloSimulateCommand({ cwd: process.cwd(), results: opts.results, configPath: opts.config, json: opts.json === true }, streams);
    });
}

/** `outpost slo simulate`: replays results through the scoring engine and prints every alert transition. */
export async function sloSimulateCommand(options: SloSimulateOptions, streams: ReporterStreams): Promise<ExitCodeValue> {
  const configured = options.configPath === undefined ? [] : (await loadConfig({ cwd: options.cwd, configPath: options.configPath })).slos;
  const results = await readResults(path.resolve(options.cwd, options.results), options.results);
  const slos = replayableSlos(configured, results, options);
  const report = replayResults(results, slos);
  streams.out.write(options.json ? report.transitions.map((t) => `${JSON.stringify(transitionJson(t))}\n`).join('') : renderReport(report));
  return ExitCode.ok;
}

/** The configured SLOs (or the defaults), each of which must have results in the file and judge whole runs. */
function replayableSlos(configured: readonly ResolvedSlo[], results: RunTable, options: SloSimulateOptions): ResolvedSlo[] {
  let slos: ResolvedSlo[];
  try {
    slos = effectiveSlos(configured, results.journeys);
  } catch (error) {
    if (!(error instanceof UnknownSloJourneyError)) throw error;
    const list = error.unknown.map(({ slo, journey }) => `SLO "${slo}" names journey "${journey}", which has no results in ${options.results}`);
    throw new CliError(`${options.configPath}:\n  ${list.join('\n  ')}\n  journeys in ${options.results}: ${error.known.join(', ')}`);
  }
  const issues = stepSliIssues(slos);
  if (issues.length > 0) throw new CliError(`${options.configPath}:\n  ${issues.join('\n  ')}`);
  return slos;
}

/** Streams the file into a run table; every malformed line is reported, with its number. */
async function readResults(file: string, shown: string): Promise<RunTable> {
  const runs = new RunTable();
  const problems: string[] = [];
  let lineNumber = 0;
  try {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of lines) {
      lineNumber += 1;
      const parsed = parseResultLine(line);
      if (parsed.kind === 'run') runs.add(parsed.run);
      else if (parsed.kind === 'invalid') problems.push(`line ${lineNumber}: ${parsed.problems.join('; ')}`);
    }
  } catch (error) {
    throw new CliError(`cannot read results file ${shown}: ${(error as Error).message}`);
  }
  if (problems.length > 0) {
    throw new CliError(`${shown}: ${problems.length} malformed line${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`);
  }
  if (runs.size === 0) throw new CliError(`${shown} holds no results to replay`);
  return runs;
}

function transitionJson(t: AlertTransition) {
  return {
    at: new Date(t.atMs).toISOString(),
    slo: t.slo,
    journey: t.journey,
    severity: t.severity,
    state: t.state,
    burnRate: Math.round(t.burnRate * 1000) / 1000,
    window: windowLabel(t.longWindowMs),
  };
}

function renderReport(report: ReplayReport): string {
  const runs = report.slos.reduce((sum, s) => sum + s.counts.runs, 0);
  const header = `Replayed ${report.slos.length} SLO${report.slos.length === 1 ? '' : 's'} over ${runs} runs, every minute from ${time(report.clock.fromMs)} to ${time(report.clock.toMs)}\n`;
  const timeline = report.transitions.length === 0 ? '  no alert fired\n' : `${table(report.transitions.map(timelineRow)).replace(/ +$/gm, '')}\n`;
  const skipped = report.journeysWithoutSlo.length === 0 ? '' : `\nNot replayed (no SLO): ${report.journeysWithoutSlo.join(', ')}\n`;
  return `${header}\nAlert timeline\n${timeline}\nSummary\n${report.slos.map(renderSlo).join('\n')}${skipped}`;
}

function timelineRow(t: AlertTransition): string[] {
  const onset = t.state === 'firing' ? `(fires above ${burn(t.factor)})` : '';
  return [time(t.atMs), t.state === 'firing' ? 'FIRING' : 'resolved', t.severity, t.slo, t.tier, `burn ${burn(t.burnRate)} over ${windowLabel(t.longWindowMs)}`, onset];
}

function renderSlo(report: SloReplayReport): string {
  const { slo, counts, budget } = report;
  const lines = [
    `  ${slo.name} (journey ${slo.journey}; ${describeSli(slo.sli)} ${objectiveText(slo.objective)} over ${windowLabel(slo.periodMs)}, ${slo.budgeting.method})`,
    `    runs ${counts.runs}, bad ${counts.bad}, degraded ${counts.degraded} (passed on retry, not charged)`,
    `    budget consumed ${percent(budget.consumedAtEnd)} at the end, peak ${percent(budget.peakConsumed)} at ${time(budget.peakAtMs)}`,
    `    alerts fired: ${report.transitions.filter((t) => t.state === 'firing').length}`,
    table(report.tiers.map((tier) => [tier.tier, explainTier(tier, time)]), '    '),
  ];
  return `${lines.join('\n')}\n`;
}

function time(ms: number): string {
  return new Date(ms).toISOString().replace(/:00\.000Z$/, 'Z');
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio >= 0.1 ? 1 : 2)}%`;
}

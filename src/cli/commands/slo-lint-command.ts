import { relative } from 'node:path';
import { Option, type Command } from 'commander';
import type { Journey } from '../../journey/index.js';
import { shortestIntervalMs } from '../../scheduler/index.js';
import { lintSlo, windowLabel, type ProbeRate, type ResolvedSlo, type TierLint } from '../../scoring/index.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { duration, positiveInt } from '../option-parsers.js';
import { painter, table } from '../reporters/format.js';
import type { ReporterStreams } from '../reporters/reporter.js';
import { loadSloSetup } from './slo-setup.js';
import { describeSli, objectiveText } from './slo-text.js';

export interface SloLintOptions {
  cwd: string;
  configPath?: string;
  json: boolean;
  /** Locations probing each journey; default: the config's `locations`. */
  locations?: number;
  /** Interval assumed for journeys without a schedule. */
  everyMs: number;
  /** Reference time for cron schedules. */
  nowMs: number;
}

/** Tier warnings that make the policy broken rather than merely unusual: they fail the lint. */
const FAILING = new Set(['single-bad-run-fires', 'never-fires']);

/** Registers `outpost slo lint` on the `slo` command group. */
export function addSloLintCommand(slo: Command, streams: ReporterStreams): void {
  slo
    .command('lint')
    .description('for each SLO and alert tier, how many bad runs in how many minutes it takes to fire; exit 1 when a tier fires on one bad run')
    .option('-c, --config <file>', 'config file (default: outpost.config.ts)')
    .addOption(new Option('--locations <n>', 'locations probing each journey (default: the config\'s locations)').argParser(positiveInt))
    .addOption(new Option('--every <duration>', 'probe interval assumed for journeys without a schedule').argParser(duration).default(60_000, '1m'))
    .option('--json', 'print the lint as JSON')
    .addHelpText('after', SLO_LINT_HELP)
    .action(async (opts) => {
      process.exitCode = await sloLintCommand(
        { cwd: process.cwd(), configPath: opts.config, json: opts.json === true, locations: opts.locations, everyMs: opts.every, nowMs: Date.now() },
        streams,
      );
    });
}

const SLO_LINT_HELP = `
The probe rate of each SLO's journey is its schedule (for cron, the busiest gap over the next
week) times the number of locations. Exit codes: 0 no tier is broken (warnings such as a burn
factor below 1 are printed); 1 a tier fires on a single bad run or can never fire, a journey
names an SLO that is not defined, or a journey file does not load; 2 config or usage error,
including an SLO naming a journey that does not exist.
`;

interface LintedSlo {
  slo: ResolvedSlo;
  probe: ProbeRate & { schedule: string };
  tiers: TierLint[];
}

interface Problem {
  code: 'journey-slo-undefined' | 'journey-file';
  message: string;
}

/** `outpost slo lint`: what it takes each tier of each SLO to fire at the journeys' probe rates. */
export async function sloLintCommand(options: SloLintOptions, streams: ReporterStreams): Promise<ExitCodeValue> {
  const { config, journeys, problems: fileProblems, slos } = await loadSloSetup(options.cwd, options.configPath);
  const locations = options.locations ?? config.locations.length;
  const linted = slos.map((slo): LintedSlo => {
    const probe = probeRate(journeys.get(slo.journey), locations, options);
    return { slo, probe, tiers: lintSlo(slo, probe) };
  });
  const problems: Problem[] = [
    ...undefinedSloProblems([...journeys.values()], slos),
    ...fileProblems.map((p) => ({ code: 'journey-file' as const, message: `${relative(options.cwd, p.file)}: ${p.message}` })),
  ];
  const failed = problems.length > 0 || linted.some(({ tiers }) => tiers.some((t) => t.warnings.some((w) => FAILING.has(w.code))));
  streams.out.write(options.json ? `${JSON.stringify(lintJson(linted, problems, failed), null, 2)}\n` : renderLint(linted, problems, streams.out));
  return failed ? ExitCode.failed : ExitCode.ok;
}

function probeRate(journey: Journey | undefined, locations: number, options: SloLintOptions): LintedSlo['probe'] {
  const schedule = journey?.schedule;
  const intervalMs = schedule === undefined ? options.everyMs : shortestIntervalMs(journey?.name ?? '', schedule, options.nowMs);
  const described =
    schedule === undefined ? `no schedule, assumed every ${windowLabel(intervalMs)}` : 'every' in schedule ? `every ${windowLabel(intervalMs)}` : `cron ${schedule.cron}, busiest every ${windowLabel(intervalMs)}`;
  return { runsPerMinute: 60_000 / intervalMs, locations, schedule: described };
}

/** Journeys whose `slo:` names no SLO that is evaluated. */
function undefinedSloProblems(journeys: readonly Journey[], slos: readonly ResolvedSlo[]): Problem[] {
  const names = new Set(slos.map((s) => s.name));
  return journeys
    .filter((j) => j.slo !== undefined && !names.has(j.slo))
    .map((j) => ({ code: 'journey-slo-undefined', message: `journey ${j.name} names SLO "${j.slo}", which is not defined (SLOs: ${[...names].join(', ') || 'none'})` }));
}

function lintJson(linted: readonly LintedSlo[], problems: readonly Problem[], failed: boolean) {
  return {
    failed,
    slos: linted.map(({ slo, probe, tiers }) => ({ slo: slo.name, journey: slo.journey, probe, tiers })),
    problems,
  };
}

function renderLint(linted: readonly LintedSlo[], problems: readonly Problem[], out: { isTTY?: boolean }): string {
  const paint = painter(out);
  const blocks = linted.map((entry) => renderSlo(entry, paint));
  const tiers = linted.flatMap((l) => l.tiers);
  const count = (code: string) => tiers.filter((t) => t.warnings.some((w) => w.code === code)).length;
  const single = count('single-bad-run-fires');
  const never = count('never-fires');
  const summary = `${linted.length} SLO${linted.length === 1 ? '' : 's'}, ${tiers.length} tiers: ${single} fire on a single bad run, ${never} can never fire`;
  const problemLines = problems.map((p) => paint('red', `✗ ${p.message}`));
  const verdict = single + never + problems.length > 0 ? paint('red', `FAIL  ${summary}`) : paint('green', `OK  ${summary}`);
  return `${[...blocks, ...problemLines, verdict].join('\n')}\n`;
}

type Paint = ReturnType<typeof painter>;

function renderSlo({ slo, probe, tiers }: LintedSlo, paint: Paint): string {
  const budgeting = slo.budgeting.method === 'timeslices' ? `timeslices of ${windowLabel(slo.budgeting.sliceMs)}, quorum ${quorumText(slo.budgeting.quorum)}` : 'occurrences';
  const rate = probe.runsPerMinute * probe.locations;
  const header = `${paint('bold', slo.name)}  journey ${slo.journey}; SLI ${describeSli(slo.sli)}; objective ${objectiveText(slo.objective)} over ${windowLabel(slo.periodMs)}; ${budgeting}`;
  const probes = `  probes: ${probe.schedule} × ${probe.locations} location${probe.locations === 1 ? '' : 's'} = ${round(rate)} run${rate === 1 ? '' : 's'}/min`;
  const rows = [['tier', 'severity', 'windows', 'factor', 'fires after', 'without guards', 'bound by', 'resets after outage', 'resets within'], ...tiers.map(tierRow)];
  const warnings = tiers.flatMap((t) => t.warnings.map((w) => paint(FAILING.has(w.code) ? 'red' : 'yellow', `  ${FAILING.has(w.code) ? '✗' : '!'} ${w.message}`)));
  return [header, probes, table(rows), ...warnings, ''].join('\n');
}

function tierRow(t: TierLint): string[] {
  const unit = t.unit === 'slices' ? 'slice' : 'run';
  const fires =
    t.badEventsToFire === null
      ? 'never'
      : `${t.badEventsToFire} bad ${unit}${t.badEventsToFire === 1 ? '' : 's'}${t.unit === 'slices' ? ` (${t.badRunsToFire} runs)` : ''} in ${windowLabel(t.longWindowMs)}: ${t.minutesToFireAtFullOutage} min of outage`;
  return [
    t.tier,
    t.severity,
    `${windowLabel(t.longWindowMs)} / ${windowLabel(t.shortWindowMs)}`,
    String(round(t.factor)),
    fires,
    t.badEventsToFireWithoutGuards === null ? 'never' : String(t.badEventsToFireWithoutGuards),
    t.limitedBy ?? '-',
    windowLabel(t.resetAfterFullOutageMs),
    windowLabel(t.resetWithinMs),
  ];
}

function quorumText(quorum: { share: number } | { count: number }): string {
  return 'share' in quorum ? `${round(quorum.share * 100)}% of locations` : `${quorum.count} location${quorum.count === 1 ? '' : 's'}`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

import type { Command } from 'commander';
import { evaluateSlos, STATUS_BURN_WINDOWS_MS, type SloStatus } from '../../evaluation/index.js';
import type { SliSpec } from '../../scoring/index.js';
import { windowLabel } from '../../scoring/replay/index.js';
import type { StoredAlertState } from '../../store/index.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { isoInstant } from '../option-parsers.js';
import { table } from '../reporters/format.js';
import type { ReporterStreams } from '../reporters/reporter.js';
import { withSloStore } from './slo-setup.js';

export interface SloStatusOptions {
  cwd: string;
  configPath?: string;
  store?: string;
  /** Only runs against this target; the config's defaultTarget when absent, else every target. */
  target?: string;
  json: boolean;
  /** The evaluation instant; now when absent. */
  nowMs?: number;
}

/** Registers `outpost slo status` on the `slo` command group. */
export function addSloStatusCommand(slo: Command, streams: ReporterStreams): void {
  slo
    .command('status')
    .description("where each SLO stands now: SLI, budget left, burn rates, alert state and degraded runs, from the store's rollups")
    .option('-c, --config <file>', 'config file (default: outpost.config.ts, searched upward)')
    .option('--store <location>', "result store: a SQLite file path or postgres:// URL (default: the config's)")
    .option('--target <name>', "count only runs against this target (default: the config's defaultTarget, else every target)")
    .option('--at <time>', 'evaluate as of this ISO-8601 instant instead of now', isoInstant)
    .option('--json', 'print the statuses as JSON')
    .action(async (opts) => {
      const options = { cwd: process.cwd(), configPath: opts.config, store: opts.store, target: opts.target, json: opts.json === true, nowMs: opts.at };
      process.exitCode = await sloStatusCommand(options, streams);
    });
}

/** `outpost slo status`: evaluates every SLO from the rollups and prints a table (or JSON). */
export async function sloStatusCommand(options: SloStatusOptions, streams: ReporterStreams): Promise<ExitCodeValue> {
  await withSloStore(options, async ({ store, slos, target, nowMs }) => {
    const statuses = await evaluateSlos({ store, slos, nowMs, ...(target === undefined ? {} : { target }) });
    const alerts = await store.alerts.loadStates();
    const rows = statuses.map((status) => statusRow(status, alerts));
    if (options.json) streams.out.write(`${JSON.stringify({ at: new Date(nowMs).toISOString(), target: target ?? null, slos: rows }, null, 2)}\n`);
    else streams.out.write(render(rows, target));
  });
  return ExitCode.ok;
}

/** One SLO's line of `slo status`, as printed and as `--json` gives it. */
export interface StatusRow {
  slo: string;
  journey: string;
  sli: string;
  objective: number;
  /** Good share over the period; null without runs. */
  sliValue: number | null;
  /** Share of the error budget left (1 untouched, ≤ 0 spent); null without runs. */
  budgetRemaining: number | null;
  burnRates: Record<string, number | null>;
  /** `firing` (the alerting cycle fired it), `would-fire` (the tiers' conditions hold, no alert recorded) or `ok`. */
  alert: 'firing' | 'would-fire' | 'ok';
  alertTiers: string[];
  degradedRuns: number;
  runs: number;
  period: string;
  /** False when a window was read with a rounded old edge (see README "SLO rollups"). */
  exact: boolean;
}

function statusRow(status: SloStatus, alerts: readonly StoredAlertState[]): StatusRow {
  const firing = alerts.filter((a) => a.slo === status.slo.name && a.status === 'firing').map((a) => a.tier);
  const budget = status.evaluation.budget;
  return {
    slo: status.slo.name,
    journey: status.slo.journey,
    sli: describeSli(status.slo.sli, status),
    objective: status.slo.objective,
    sliValue: status.sli,
    budgetRemaining: budget.events > 0 ? budget.ratio.remaining : null,
    burnRates: Object.fromEntries(status.burnRates.map((b) => [windowLabel(b.windowMs), b.burnRate])),
    alert: firing.length > 0 ? 'firing' : status.firingTiers.length > 0 ? 'would-fire' : 'ok',
    alertTiers: firing.length > 0 ? firing : status.firingTiers,
    degradedRuns: status.degradedRuns,
    runs: status.runs,
    period: windowLabel(status.slo.periodMs),
    exact: status.exact,
  };
}

function describeSli(sli: SliSpec, status: SloStatus): string {
  if (sli.kind === 'availability') return 'availability';
  if (sli.kind === 'step-availability') return `step ${sli.step} availability`;
  const rounded = status.latency !== undefined && !status.latency.exact ? ` (read as ≤ ${status.latency.boundMs ?? 0}ms)` : '';
  return `${sli.step === undefined ? '' : `step ${sli.step} `}latency ≤ ${sli.thresholdMs}ms${rounded}`;
}

function render(rows: readonly StatusRow[], target: string | undefined): string {
  if (rows.length === 0) return 'no SLOs to show: no SLOs are configured and the store holds no runs yet (outpost run, outpost serve)\n';
  const windows = STATUS_BURN_WINDOWS_MS.map(windowLabel);
  const header = ['CUJ', 'SLO', 'SLI', 'objective', 'SLI now', 'budget left', ...windows.map((w) => `burn ${w}`), 'alert', 'degraded'];
  const body = rows.map((r) => [
    r.journey,
    r.slo,
    r.sli,
    `${percent(r.objective)} / ${r.period}`,
    r.sliValue === null ? 'no runs' : percent(r.sliValue),
    r.budgetRemaining === null ? '-' : percent(r.budgetRemaining),
    ...windows.map((w) => (r.burnRates[w] === null || r.burnRates[w] === undefined ? '-' : r.burnRates[w]!.toFixed(2))),
    r.alert === 'ok' ? 'ok' : `${r.alert === 'firing' ? 'FIRING' : 'would fire'} ${r.alertTiers.join(', ')}`,
    `${r.degradedRuns}/${r.runs}`,
  ]);
  const notes = [
    `target: ${target ?? 'every target'}`,
    "alert: FIRING when the alerting cycle fired it; 'would fire' when the tier's conditions hold now but no alert is recorded (alerting not running, or before its next cycle)",
  ];
  if (rows.some((r) => !r.exact)) notes.push('* some windows were read with their oldest edge rounded to the hour: minute rollups there were already deleted');
  return `${table([header, ...body])}\n\n${notes.map((n) => `  ${n}`).join('\n')}\n`;
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(ratio >= 0.99 || ratio <= -0.99 ? 2 : 1)}%`;
}

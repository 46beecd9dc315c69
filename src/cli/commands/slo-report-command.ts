import { InvalidArgumentError, Option, type Command } from 'commander';
import { toMilliseconds } from '../../journey/index.js';
import { DAY_MS, MINUTE_MS } from '../../scoring/index.js';
import { loadSloReport } from '../../slo-report/index.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { isoInstant, storeOption } from '../option-parsers.js';
import type { ReporterStreams } from '../reporters/reporter.js';
import { sloReportMarkdown } from './slo-report-markdown.js';
import { withSloStore, type SloStoreOptions } from './slo-setup.js';

export interface SloReportOptions extends SloStoreOptions {
  windowMs: number;
  format: 'md' | 'json';
}

const DEFAULT_WINDOW_MS = 28 * DAY_MS;

/** Registers `outpost slo report` on the `slo` command group. */
export function addSloReportCommand(slo: Command, streams: ReporterStreams): void {
  slo
    .command('report')
    .description('the periodic SLO report: per SLO, SLI vs objective over a window, budget consumed, incidents, top failing steps, degraded runs and the SLO document')
    .option('-c, --config <file>', 'config file (default: outpost.config.ts, searched upward)')
    .addOption(storeOption("result store: a SQLite file path or postgres:// URL (default: the config's)"))
    .option('--target <name>', "count only runs against this target (default: the config's defaultTarget, else every target)")
    .option('--window <duration>', "how far back the report looks: '7d', '28d', '30d' or any whole number of minutes (default 28d)", reportWindow)
    .addOption(new Option('--format <format>', 'md: a Markdown document; json: the report as JSON').choices(['md', 'json']).default('md'))
    .option('--at <time>', 'end the window at this ISO-8601 instant instead of now', isoInstant)
    .action(async (opts) => {
      const options: SloReportOptions = {
        cwd: process.cwd(),
        configPath: opts.config,
        store: opts.store,
        target: opts.target,
        windowMs: opts.window ?? DEFAULT_WINDOW_MS,
        format: opts.format,
        nowMs: opts.at,
      };
      process.exitCode = await sloReportCommand(options, streams);
    });
}

/** A report window: a duration the config accepts for an SLO window (a whole number of minutes). */
export function reportWindow(text: string): number {
  let ms: number;
  try {
    ms = toMilliseconds(text);
  } catch {
    ms = Number.NaN;
  }
  if (!(ms >= MINUTE_MS && Number.isInteger(ms / MINUTE_MS))) {
    throw new InvalidArgumentError(`expected a window such as '7d', '28d', '30d' or another whole number of minutes ('12h', '90m'), got "${text}"`);
  }
  return ms;
}

/** `outpost slo report`: reads the store and prints the report as Markdown or JSON. */
export async function sloReportCommand(options: SloReportOptions, streams: ReporterStreams): Promise<ExitCodeValue> {
  await withSloStore(options, async ({ store, slos, target, nowMs }) => {
    const report = await loadSloReport({ store, slos, nowMs, windowMs: options.windowMs, ...(target === undefined ? {} : { target }) });
    streams.out.write(options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : sloReportMarkdown(report));
  });
  return ExitCode.ok;
}

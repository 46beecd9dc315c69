import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { rulesYaml, sloRules, SloRulesError } from '../../../exporters/prometheus/index.js';
import { CliError, ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { ReporterStreams } from '../reporters/reporter.js';
import { loadSloSetup, reportJourneyFileProblems } from './slo-setup.js';

export interface SloRulesOptions {
  cwd: string;
  configPath?: string;
  format: 'prometheus';
  /** Write here instead of stdout. */
  out?: string;
}

/** Registers `outpost slo rules` on the `slo` command group. */
export function addSloRulesCommand(slo: Command, streams: ReporterStreams): void {
  slo
    .command('rules')
    .description('generate Prometheus recording and multiwindow burn-rate alert rules for the SLOs, over the metrics Outpost exports')
    .addOption(new Option('--format <format>', 'rule format').choices(['prometheus']).default('prometheus'))
    .option('-c, --config <file>', 'config file (default: outpost.config.ts)')
    .option('-o, --out <file>', 'write the rules to this file instead of stdout')
    .action(async (opts) => {
      process.exitCode = await sloRulesCommand({ cwd: process.cwd(), configPath: opts.config, format: opts.format, out: opts.out }, streams);
    });
}

/** `outpost slo rules`: the SLOs as a Prometheus rule file. */
export async function sloRulesCommand(options: SloRulesOptions, streams: ReporterStreams): Promise<ExitCodeValue> {
  const setup = await loadSloSetup(options.cwd, options.configPath);
  reportJourneyFileProblems(setup, options.cwd, streams);
  let yaml: string;
  try {
    const rules = sloRules(setup.slos);
    for (const note of rules.notes) streams.err.write(`note: ${note}\n`);
    yaml = rulesYaml(rules, setup.config.configFile === undefined ? 'the default SLOs' : path.relative(options.cwd, setup.config.configFile));
  } catch (error) {
    if (error instanceof SloRulesError) throw new CliError(error.message);
    throw error;
  }
  if (options.out === undefined) streams.out.write(yaml);
  else await writeFile(path.resolve(options.cwd, options.out), yaml);
  return ExitCode.ok;
}

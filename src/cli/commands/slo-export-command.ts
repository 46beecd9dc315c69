import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { openSloDocuments, openSloYaml } from '../../../exporters/openslo/index.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { ReporterStreams } from '../reporters/reporter.js';
import { loadSloSetup, reportJourneyFileProblems } from './slo-setup.js';

/** Registers `outpost slo export` on the `slo` command group. */
export function addSloExportCommand(slo: Command, streams: ReporterStreams): void {
  slo
    .command('export')
    .description('write the SLOs as OpenSLO v1 documents (SLI, SLO, AlertPolicy with burnrate conditions)')
    .addOption(new Option('--format <format>', 'document format').choices(['openslo']).default('openslo'))
    .option('-c, --config <file>', 'config file (default: outpost.config.ts)')
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .action(async (opts) => {
      process.exitCode = await sloExportCommand({ cwd: process.cwd(), configPath: opts.config, out: opts.out }, streams);
    });
}

/** `outpost slo export --format openslo`: the SLOs (configured, or the defaults) as OpenSLO YAML. */
export async function sloExportCommand(options: { cwd: string; configPath?: string; out?: string }, streams: ReporterStreams): Promise<ExitCodeValue> {
  const setup = await loadSloSetup(options.cwd, options.configPath);
  reportJourneyFileProblems(setup, options.cwd, streams);
  const yaml = openSloYaml(openSloDocuments(setup.slos));
  if (options.out === undefined) streams.out.write(yaml);
  else await writeFile(path.resolve(options.cwd, options.out), yaml);
  return ExitCode.ok;
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { importOpenSlo, OpenSloImportError } from '../../../exporters/openslo/index.js';
import { resolveConfig, sloConfigFromDefinition } from '../../config/index.js';
import type { SloDefinition } from '../../scoring/index.js';
import { CliError, ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { ReporterStreams } from '../reporters/reporter.js';

/** Registers `outpost slo import` on the `slo` command group. */
export function addSloImportCommand(slo: Command, streams: ReporterStreams): void {
  slo
    .command('import')
    .description('read OpenSLO v1 YAML (SLO, SLI, AlertPolicy, AlertCondition) and print the equivalent slos entries for outpost.config.ts; exit 2 naming every problem')
    .argument('<file>', 'OpenSLO YAML: several documents, or a list of them')
    .option('--json', 'print the entries as a JSON array only')
    .action(async (file: string, opts) => {
      process.exitCode = await sloImportCommand({ cwd: process.cwd(), file, json: opts.json === true }, streams);
    });
}

/** `outpost slo import <file>`: OpenSLO documents as `slos` config entries, checked as the config would be. */
export async function sloImportCommand(options: { cwd: string; file: string; json: boolean }, streams: ReporterStreams): Promise<ExitCodeValue> {
  let text: string;
  try {
    text = await readFile(path.resolve(options.cwd, options.file), 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${options.file}: ${(error as Error).message}`);
  }
  let definitions: SloDefinition[];
  try {
    definitions = importOpenSlo(text);
  } catch (error) {
    if (error instanceof OpenSloImportError) throw new CliError(`${options.file}: ${error.message}`);
    throw error;
  }
  const entries = definitions.map(sloConfigFromDefinition);
  // The entries must be what the config accepts: checked by the config's own schema.
  resolveConfig({ slos: entries }, { rootDir: options.cwd, configFile: options.file });
  const json = JSON.stringify(entries, null, 2);
  streams.out.write(options.json ? `${json}\n` : `// ${entries.length} SLO${entries.length === 1 ? '' : 's'} from ${options.file}: the \`slos\` list of outpost.config.ts\nslos: ${json},\n`);
  return ExitCode.ok;
}

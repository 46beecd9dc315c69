import { relative } from 'node:path';
import { loadConfig } from '../../config/index.js';
import type { Journey } from '../../journey/index.js';
import { findJourneyFiles, loadJourneys, selectJourneys, type JourneyFilter } from '../../loader/index.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { painter, table } from '../reporters/format.js';
import type { ReporterStreams } from '../reporters/reporter.js';

export interface ListCommandOptions {
  cwd: string;
  configPath?: string;
  paths: string[];
  filter: JourneyFilter;
  json: boolean;
}

/** `outpost list`: the journeys Outpost would run, and the files it could not load. */
export async function listCommand(options: ListCommandOptions, streams: ReporterStreams): Promise<ExitCodeValue> {
  const config = await loadConfig({ cwd: options.cwd, configPath: options.configPath });
  const files = await findJourneyFiles(options.paths.length > 0 ? options.paths : config.journeys, options.cwd);
  const loaded = await loadJourneys(files);
  const selected = selectJourneys(loaded.journeys, options.filter);
  const rows = selected.map(({ journey, file }) => ({ ...describe(journey), file: relative(options.cwd, file) }));
  if (options.json) {
    streams.out.write(`${JSON.stringify({ journeys: rows, problems: loaded.problems }, null, 2)}\n`);
  } else {
    const paint = painter(streams.out);
    const header = ['journey', 'cuj', 'tags', 'schedule', 'slo', 'steps', 'file'];
    streams.out.write(`${table([header, ...rows.map((r) => [r.name, r.cuj, r.tags.join(','), r.schedule ?? '-', r.slo ?? '-', String(r.steps), r.file])])}\n`);
    for (const p of loaded.problems) streams.out.write(paint('red', `✗ ${relative(options.cwd, p.file)}: ${p.message}\n`));
    streams.out.write(`\n${rows.length} journey${rows.length === 1 ? '' : 's'}\n`);
  }
  return loaded.problems.length > 0 ? ExitCode.failed : ExitCode.ok;
}

function describe(journey: Journey) {
  const schedule = journey.schedule === undefined ? undefined : 'every' in journey.schedule ? `every ${journey.schedule.every}` : `cron ${journey.schedule.cron}`;
  return {
    name: journey.name,
    cuj: journey.cuj.id,
    description: journey.cuj.description,
    tags: [...journey.tags],
    schedule,
    slo: journey.slo,
    steps: journey.steps.length,
  };
}

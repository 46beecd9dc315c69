import { loadConfig } from '../../config/index.js';
import { toMilliseconds } from '../../journey/index.js';
import { openStore, type CoverageRow } from '../../store/index.js';
import { CliError, ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { seconds, table } from '../reporters/format.js';
import type { ReporterStreams } from '../reporters/reporter.js';

export interface CoverageCommandOptions {
  cwd: string;
  configPath?: string;
  store?: string;
  journey?: string[];
  location?: string;
  target?: string;
  /** Only runs newer than this duration ago, e.g. `24h`. */
  since?: string;
  json: boolean;
}

/** `outpost coverage`: the hosts and endpoints each journey and step really exercised, from stored runs. */
export async function coverageCommand(options: CoverageCommandOptions, streams: ReporterStreams): Promise<ExitCodeValue> {
  const config = await loadConfig({ cwd: options.cwd, configPath: options.configPath });
  const store = await openStore(options.store ?? (config.store.kind === 'sqlite' ? config.store.path : config.store.url));
  try {
    const query = {
      journey: options.journey,
      location: options.location,
      target: options.target,
      from: options.since === undefined ? undefined : new Date(Date.now() - sinceMs(options.since)),
    };
    const rows = await store.queryCoverage(query);
    const totals = await runTotals(rows, (journey) => store.countRuns({ ...query, journey }));
    if (options.json) streams.out.write(`${JSON.stringify({ coverage: rows.map((r) => ({ ...r, totalRuns: totals.get(r.journey) })) }, null, 2)}\n`);
    else streams.out.write(render(rows, totals));
  } finally {
    await store.close();
  }
  return ExitCode.ok;
}

async function runTotals(rows: CoverageRow[], count: (journey: string) => Promise<number>): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const journey of new Set(rows.map((r) => r.journey))) totals.set(journey, await count(journey));
  return totals;
}

function render(rows: CoverageRow[], totals: Map<string, number>): string {
  if (rows.length === 0) return 'no endpoints recorded yet: run some journeys first (outpost run)\n';
  const header = ['journey', 'step', 'method', 'host', 'path', 'status', 'runs', 'requests', 'mean'];
  const body = rows.map((r) => [
    r.journey,
    `${r.step} ${r.stepName ?? ''}`.trim(),
    r.method,
    r.host,
    r.path,
    r.status === 0 ? 'failed' : String(r.status),
    `${r.runs}/${totals.get(r.journey) ?? '?'}`,
    String(r.requests),
    seconds(r.meanMs),
  ]);
  const hosts = new Set(rows.map((r) => r.host));
  return `${table([header, ...body])}\n\n${rows.length} endpoint rows across ${hosts.size} host${hosts.size === 1 ? '' : 's'}\n`;
}

function sinceMs(since: string): number {
  try {
    return toMilliseconds(since);
  } catch {
    throw new CliError(`--since ${JSON.stringify(since)} is not a duration (e.g. 30m, 24h, 7d)`);
  }
}

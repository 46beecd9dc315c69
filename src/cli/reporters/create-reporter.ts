import { CliError } from '../exit-codes.js';
import { JsonReporter } from './json-reporter.js';
import { JunitReporter } from './junit-reporter.js';
import { ListReporter } from './list-reporter.js';
import type { Reporter, ReporterStreams } from './reporter.js';

export const REPORTERS = ['list', 'json', 'junit'] as const;
export type ReporterName = (typeof REPORTERS)[number];

export function createReporter(name: string, streams: ReporterStreams, resultsDir: string): Reporter {
  switch (name) {
    case 'list':
      return new ListReporter(streams, resultsDir);
    case 'json':
      return new JsonReporter(streams);
    case 'junit':
      return new JunitReporter(streams);
    default:
      throw new CliError(`unknown reporter "${name}": expected one of ${REPORTERS.join(', ')}`);
  }
}

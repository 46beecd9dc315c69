import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError } from './config-error.js';
import { resolveConfig } from './resolved-config.js';
import { thrownBy } from './test-fixtures/thrown.js';

const rootDir = path.resolve('/srv/probes');
const DAY_MS = 86_400_000;

function issuesOf(input: unknown): Record<string, string> {
  const error = thrownBy(ConfigError, () => resolveConfig(input, { rootDir }));
  return Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message]));
}

describe('retention config', () => {
  test('defaults to 30 days of raw runs, checked every hour, in batches of 5000', () => {
    expect(resolveConfig({}, { rootDir }).retention).toEqual({ runsMs: 30 * DAY_MS, everyMs: 3_600_000, batchSize: 5_000 });
  });

  test('reads durations and the batch size; false keeps runs forever', () => {
    expect(resolveConfig({ retention: { runs: '14d', every: '10m', batchSize: 500 } }, { rootDir }).retention).toEqual({ runsMs: 14 * DAY_MS, everyMs: 600_000, batchSize: 500 });
    expect(resolveConfig({ retention: { runs: false } }, { rootDir }).retention.runsMs).toBeUndefined();
  });

  test('reports every bad value with its path', () => {
    expect(issuesOf({ retention: { runs: '10m', every: '5s', batchSize: 0, keep: 1 } })).toEqual({
      'retention.runs': expect.stringMatching(/at least '1h'.*or false/),
      'retention.every': expect.stringMatching(/at least '1m'/),
      'retention.batchSize': expect.stringMatching(/>= 1/),
      'retention.keep': expect.stringMatching(/unknown key; expected one of: runs, every, batchSize/),
    });
    expect(issuesOf({ retention: { runs: 'forever' } })['retention.runs']).toMatch(/at least '1h'/);
    expect(issuesOf({ retention: { runs: true } })['retention.runs']).toMatch(/or false/);
  });
});

import * as z from 'zod';
import { isDuration, toMilliseconds, type Duration } from '../journey/index.js';

/**
 * How long `outpost serve` keeps raw results. Retention runs on the leader replica only, in
 * batches with pauses between them, so probing keeps writing while it deletes.
 * @example
 * export default defineConfig({ retention: { runs: '14d', every: '30m' } });
 */
export interface RetentionConfig {
  /**
   * Raw runs (with their steps and endpoints) that started longer ago than this are deleted, with
   * the scheduler's slot claims of the same age. At least `'1h'`; `false` keeps runs forever.
   * Default `'30d'`.
   */
  runs?: Duration | false;
  /** How often retention runs (the first time as soon as a replica leads). At least `'1m'`. Default `'1h'`. */
  every?: Duration;
  /** Runs one statement deletes; each batch holds its locks only that long. Default `5000`. */
  batchSize?: number;
}

/** {@link RetentionConfig} with its defaults, in ms. */
export interface ResolvedRetention {
  /** Undefined when runs are kept forever. */
  runsMs: number | undefined;
  everyMs: number;
  batchSize: number;
}

export const RETENTION_DEFAULTS = { runs: '30d', every: '1h', batchSize: 5_000 } as const;

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

const atLeast = (minMs: number, example: string) =>
  z.custom<Duration>((value) => isDuration(value) && toMilliseconds(value) >= minMs, {
    error: `expected a duration of at least ${example}, like '30d' or '12h'`,
  });

/** The schema of `retention` in `outpost.config.ts`. */
export const retentionSchema = z.strictObject(
  {
    runs: z.custom<Duration | false>((value) => value === false || (isDuration(value) && toMilliseconds(value) >= HOUR_MS), {
      error: "expected a duration of at least '1h' (like '30d'), or false to keep runs forever",
    }).optional(),
    every: atLeast(MINUTE_MS, "'1m'").optional(),
    batchSize: z.int().min(1).max(1_000_000).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'unknown key; expected one of: runs, every, batchSize' : undefined) },
);

/** Fills in the defaults of a validated `retention` section. */
export function resolveRetention(retention: RetentionConfig = {}): ResolvedRetention {
  const runs = retention.runs ?? RETENTION_DEFAULTS.runs;
  return {
    runsMs: runs === false ? undefined : toMilliseconds(runs),
    everyMs: toMilliseconds(retention.every ?? RETENTION_DEFAULTS.every),
    batchSize: retention.batchSize ?? RETENTION_DEFAULTS.batchSize,
  };
}

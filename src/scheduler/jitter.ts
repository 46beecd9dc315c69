import { createHash } from 'node:crypto';

/** How far start times are spread within an interval. */
export interface JitterOptions {
  /** Share of the interval a start may be delayed by, in [0, 0.5]. Default 0.1. */
  ratio: number;
  /** Upper bound in ms, whatever the interval. Default 60 s. */
  maxMs: number;
}

export const DEFAULT_JITTER: JitterOptions = { ratio: 0.1, maxMs: 60_000 };

/** Thrown for jitter options that could reorder slots (a ratio above a half) or are not numbers. */
export class JitterOptionsError extends RangeError {
  constructor(readonly options: JitterOptions) {
    super(`jitter ratio must be in [0, 0.5] and maxMs ≥ 0, got ratio ${options.ratio} and maxMs ${options.maxMs}`);
    this.name = 'JitterOptionsError';
  }
}

/**
 * The delay of a journey's slots at a location past their nominal time: the same for every
 * replica and every restart (a hash of journey and location, not a random draw), below
 * `min(ratio × intervalMs, maxMs)`. 200 journeys every minute then start spread over the first
 * seconds of the minute instead of all at second 0, and replicas agree on every slot's time.
 * @example
 * jitterMs('checkout', 'eu-west-1', 60_000, DEFAULT_JITTER); // the same value in [0, 6000) every time
 */
export function jitterMs(journey: string, location: string, intervalMs: number, options: JitterOptions = DEFAULT_JITTER): number {
  checkJitterOptions(options);
  const bound = Math.min(options.ratio * intervalMs, options.maxMs);
  return Math.floor(hashFraction(`${journey}\u0000${location}`) * bound);
}

/** Throws {@link JitterOptionsError} unless the options keep slots in order. */
export function checkJitterOptions(options: JitterOptions): void {
  const ok = options.ratio >= 0 && options.ratio <= 0.5 && options.maxMs >= 0 && Number.isFinite(options.maxMs);
  if (!ok) throw new JitterOptionsError(options);
}

/** A stable value in [0, 1) for a key. */
function hashFraction(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
}

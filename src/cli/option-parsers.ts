import { InvalidArgumentError, Option } from 'commander';
import { toMilliseconds } from '../journey/index.js';

/** Commander argument parsers shared by the commands: clear messages, usage errors (exit 2). */

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

export function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return n;
}

export function duration(value: string): number {
  try {
    return toMilliseconds(value);
  } catch {
    throw new InvalidArgumentError("expected a duration like '30s' or '2m'");
  }
}

/** A retention age of at least an hour, or `off` (keep forever). */
export function retentionAge(value: string): number | false {
  if (value === 'off') return false;
  const ms = duration(value);
  if (ms < 3_600_000) throw new InvalidArgumentError("expected a duration of at least 1h like '30d', or 'off'");
  return ms;
}

/** An `--at` value: an ISO-8601 instant, as epoch ms. */
export function isoInstant(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new InvalidArgumentError(`expected an ISO-8601 time such as 2025-06-01T12:00:00Z, got "${text}"`);
  return ms;
}

export function passRate(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1)) throw new InvalidArgumentError('expected a number from 0 to 1, e.g. 0.9');
  return n;
}

/** Repeatable, comma-separated list option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

/** The environment variable `--store` falls back to (before the config's `store`), e.g. from a Kubernetes Secret. */
export const STORE_ENV = 'OUTPOST_STORE_URL';

/** `--store <location>`, read from `OUTPOST_STORE_URL` when not given. */
export function storeOption(description: string): Option {
  return new Option('--store <location>', description).env(STORE_ENV);
}

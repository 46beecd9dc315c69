import ms from 'ms';

/** A duration as milliseconds or as a string such as `'500ms'`, `'30s'`, `'5m'`, `'1h'`, `'28d'`. */
export type Duration = number | string;

/** Thrown when a duration string cannot be read. */
export class DurationError extends Error {
  constructor(readonly input: unknown) {
    super(`invalid duration ${JSON.stringify(input)}: expected milliseconds or a string like '30s', '5m', '1h', '28d'`);
    this.name = 'DurationError';
  }
}

/** Converts a {@link Duration} to milliseconds. */
export function toMilliseconds(duration: Duration): number {
  const value = typeof duration === 'number' ? duration : parseDurationString(duration);
  if (!Number.isFinite(value) || value < 0) throw new DurationError(duration);
  return value;
}

/** True when the value is a readable, non-negative duration. */
export function isDuration(value: unknown): value is Duration {
  if (typeof value !== 'number' && typeof value !== 'string') return false;
  try {
    toMilliseconds(value);
    return true;
  } catch {
    return false;
  }
}

function parseDurationString(text: string): number {
  const trimmed = text.trim();
  // A bare number in a string is ambiguous (seconds? ms?); require a unit.
  if (/^\d+(\.\d+)?$/.test(trimmed)) throw new DurationError(text);
  let value: number | undefined;
  try {
    value = ms(trimmed as ms.StringValue);
  } catch {
    throw new DurationError(text);
  }
  if (typeof value !== 'number') throw new DurationError(text);
  return value;
}

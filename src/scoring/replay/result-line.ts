/**
 * One line of a results file (JSON Lines), as `outpost slo simulate` reads it:
 * `{"journey", "location", "startedAt": ISO-8601, "durationMs", "status": "passed" | "failed", "attempts"?}`.
 * A `failed` run is one whose every attempt failed; a `passed` run with `attempts > 1` passed
 * only on retry (degraded: counted, never charged to the budget).
 */
export interface ResultLine {
  journey: string;
  location: string;
  startedAtMs: number;
  /** Duration of the attempt that decided the run. */
  durationMs: number;
  status: 'passed' | 'failed';
  /** 1 when absent. */
  attempts: number;
}

/** What one line of text holds: a run, nothing (blank), or problems to report with its line number. */
export type ParsedLine = { kind: 'run'; run: ResultLine } | { kind: 'blank' } | { kind: 'invalid'; problems: string[] };

// Date.parse accepts far more than ISO-8601 ("Jan 6 2025"); results must carry an unambiguous instant.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Parses and checks one line; every problem with it is listed, not just the first. */
export function parseResultLine(text: string): ParsedLine {
  if (text.trim() === '') return { kind: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'invalid', problems: [`not JSON (${(error as Error).message})`] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'invalid', problems: ['expected a JSON object'] };
  }
  return checkFields(value as Record<string, unknown>);
}

function checkFields(o: Record<string, unknown>): ParsedLine {
  const problems: string[] = [];
  const text = (key: 'journey' | 'location'): string => {
    const v = o[key];
    if (typeof v === 'string' && v.trim() !== '') return v;
    problems.push(`${key}: expected a non-empty string, got ${describe(v)}`);
    return '';
  };
  const journey = text('journey');
  const location = text('location');
  const startedAtMs = instant(o.startedAt, problems);
  const durationMs = o.durationMs;
  if (typeof durationMs !== 'number' || !(durationMs >= 0) || !Number.isFinite(durationMs)) {
    problems.push(`durationMs: expected a number ≥ 0, got ${describe(durationMs)}`);
  }
  const status = o.status;
  if (status !== 'passed' && status !== 'failed') problems.push(`status: expected "passed" or "failed", got ${describe(status)}`);
  const attempts = o.attempts ?? 1;
  if (typeof attempts !== 'number' || !Number.isInteger(attempts) || attempts < 1) {
    problems.push(`attempts: expected a whole number ≥ 1, got ${describe(o.attempts)}`);
  }
  if (problems.length > 0) return { kind: 'invalid', problems };
  const run = { journey, location, startedAtMs, durationMs: durationMs as number, status: status as ResultLine['status'], attempts: attempts as number };
  return { kind: 'run', run };
}

function instant(value: unknown, problems: string[]): number {
  const ms = typeof value === 'string' && ISO_INSTANT.test(value) ? Date.parse(value) : NaN;
  if (Number.isFinite(ms)) return ms;
  problems.push(`startedAt: expected an ISO-8601 instant with a time zone (2025-01-06T12:00:00Z), got ${describe(value)}`);
  return NaN;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

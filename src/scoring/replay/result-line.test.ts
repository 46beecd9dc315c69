import { describe, expect, it } from 'vitest';
import { parseResultLine } from './result-line.js';

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ journey: 'checkout', location: 'eu', startedAt: '2025-01-06T12:00:30Z', durationMs: 1200, status: 'passed', ...fields });

describe('parseResultLine', () => {
  it('reads a run, with one attempt when none is given and extra fields ignored', () => {
    expect(parseResultLine(line({ traceId: 'abc' }))).toEqual({
      kind: 'run',
      run: { journey: 'checkout', location: 'eu', startedAtMs: Date.UTC(2025, 0, 6, 12, 0, 30), durationMs: 1200, status: 'passed', attempts: 1 },
    });
    expect(parseResultLine(line({ status: 'failed', attempts: 3, startedAt: '2025-01-06T13:00:30.250+01:00' }))).toMatchObject({
      run: { status: 'failed', attempts: 3, startedAtMs: Date.UTC(2025, 0, 6, 12, 0, 30, 250) },
    });
  });

  it('skips blank lines', () => {
    expect(parseResultLine('   ')).toEqual({ kind: 'blank' });
    expect(parseResultLine('')).toEqual({ kind: 'blank' });
  });

  it('lists every problem of a line, not just the first', () => {
    const parsed = parseResultLine(line({ journey: '', startedAt: 'Jan 6 2025', durationMs: -1, status: 'ok', attempts: 0 }));
    expect(parsed.kind === 'invalid' && parsed.problems).toEqual([
      'journey: expected a non-empty string, got ""',
      'startedAt: expected an ISO-8601 instant with a time zone (2025-01-06T12:00:00Z), got "Jan 6 2025"',
      'durationMs: expected a number ≥ 0, got -1',
      'status: expected "passed" or "failed", got "ok"',
      'attempts: expected a whole number ≥ 1, got 0',
    ]);
  });

  it('rejects what is not a JSON object, and instants without a zone or that do not exist', () => {
    expect(parseResultLine('{"journey":')).toMatchObject({ kind: 'invalid', problems: [expect.stringMatching(/^not JSON/)] });
    expect(parseResultLine('[1]')).toEqual({ kind: 'invalid', problems: ['expected a JSON object'] });
    expect(parseResultLine(line({ startedAt: '2025-01-06T12:00:30' })).kind).toBe('invalid');
    expect(parseResultLine(line({ startedAt: '2025-13-40T12:00:30Z' })).kind).toBe('invalid');
    expect(parseResultLine(line({ location: undefined }))).toEqual({ kind: 'invalid', problems: ['location: expected a non-empty string, got nothing'] });
  });
});

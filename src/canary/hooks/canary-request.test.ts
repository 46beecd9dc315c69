import { describe, expect, it } from 'vitest';
import { parseCanaryRequest } from './canary-request.js';

describe('parseCanaryRequest', () => {
  it('reads numbers, durations and tag lists from strings (query strings, Flagger metadata)', () => {
    expect(parseCanaryRequest({ baseline: 'stable', canary: 'http://canary:8080', runs: '30', tags: 'api, checkout' })).toEqual({
      ok: true,
      request: { baseline: 'stable', canary: 'http://canary:8080', runs: 30, tags: ['api', 'checkout'] },
    });
    expect(parseCanaryRequest({ baseline: 'a', canary: 'b', duration: '2m', grep: 'checkout' })).toEqual({
      ok: true,
      request: { baseline: 'a', canary: 'b', durationMs: 120_000, grep: 'checkout' },
    });
  });

  it('lists every problem with its path', () => {
    const parsed = parseCanaryRequest({ baseline: '', runs: '0', duration: 'soon' });
    expect(parsed.ok).toBe(false);
    const paths = parsed.ok ? [] : parsed.issues.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['baseline', 'canary', 'runs', 'duration']));
  });

  it('refuses runs and duration together', () => {
    expect(parseCanaryRequest({ baseline: 'a', canary: 'b', runs: 5, duration: '1m' })).toMatchObject({
      ok: false,
      issues: [{ path: 'duration', message: 'give runs or duration, not both' }],
    });
  });
});

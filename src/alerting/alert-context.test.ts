import { describe, expect, it } from 'vitest';
import type { JourneyResult } from '../journey/index.js';
import { alertContext } from './alert-context.js';
import { probeRuns, T0, MINUTE } from './alerting-test-fixtures.js';
import { runLinks } from './alert-links.js';

function failedAt(step: string, id: string, error = `${step} broke`): JourneyResult {
  const [run] = probeRuns({ fromMs: T0, toMs: T0 + MINUTE, locations: ['eu'], failing: () => true });
  return { ...run!, id, steps: [{ index: 0, name: step, soft: false, status: 'failed', durationMs: 1, error: { message: error } }] };
}

describe('alertContext', () => {
  it('is empty without failed runs', () => {
    expect(alertContext([])).toEqual({ cuj: null, failingStep: null, latestFailedRun: null, failedRuns: 0 });
  });

  it('names the step that failed in most runs, with the error of its newest failure', () => {
    const runs = [failedAt('pay', 'r5', 'card declined'), failedAt('search', 'r4'), failedAt('pay', 'r3', 'HTTP 503'), failedAt('search', 'r2'), failedAt('search', 'r1', 'old')];
    expect(alertContext(runs).failingStep).toEqual({ name: 'search', failures: 3, lastError: 'search broke' });
  });

  it('breaks a tie towards the step that failed most recently', () => {
    const runs = [failedAt('pay', 'r4', 'newest'), failedAt('search', 'r3'), failedAt('search', 'r2'), failedAt('pay', 'r1')];
    expect(alertContext(runs).failingStep).toEqual({ name: 'pay', failures: 2, lastError: 'newest' });
  });

  it('falls back to the run error when no hard step failed, and shortens long errors', () => {
    const noStep: JourneyResult = { ...failedAt('pay', 'r1'), steps: [], error: { message: 'x'.repeat(2_000) } };
    expect(alertContext([noStep]).failingStep).toBeNull();
    const long = failedAt('pay', 'r2', `  ${'y'.repeat(600)}  `);
    expect(alertContext([long]).failingStep?.lastError).toHaveLength(500);
    expect(alertContext([long]).failingStep?.lastError?.endsWith('…')).toBe(true);
  });

  it('points at the newest failed run, its trace and whether it has a screenshot', () => {
    const newest = failedAt('pay', 'r2');
    const context = alertContext([newest, failedAt('pay', 'r1')]);
    expect(context.latestFailedRun).toEqual({ id: 'r2', startedAt: newest.startedAt, location: 'eu', status: 'failed', traceId: newest.traceId, hasScreenshot: true });
    expect(context.cuj).toEqual({ id: 'buy', description: 'A shopper can pay for a basket' });
    expect(context.failedRuns).toBe(2);
  });
});

describe('runLinks', () => {
  it('builds the dashboard run and screenshot links the dashboard serves', () => {
    const links = runLinks({ dashboardUrl: 'https://outpost.example.com/base/', traceUrlTemplate: 'https://t.example.com/{traceId}?q={traceId}' }, { id: 'run 1', hasScreenshot: true, traceId: 'abc' });
    expect(links).toEqual({
      url: 'https://outpost.example.com/base/runs/run%201',
      screenshotUrl: 'https://outpost.example.com/base/runs/run%201/screenshot',
      traceUrl: 'https://t.example.com/abc?q=abc',
    });
  });

  it('leaves out what it cannot link', () => {
    expect(runLinks({ dashboardUrl: null, traceUrlTemplate: null }, { id: 'r', hasScreenshot: true, traceId: 'abc' })).toEqual({ url: null, screenshotUrl: null, traceUrl: null });
    expect(runLinks({ dashboardUrl: 'http://d', traceUrlTemplate: 'http://t/{traceId}' }, { id: 'r', hasScreenshot: false, traceId: null })).toEqual({ url: 'http://d/runs/r', screenshotUrl: null, traceUrl: null });
  });
});

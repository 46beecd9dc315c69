import { Writable } from 'node:stream';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { JourneyResult } from '../../journey/index.js';
import { junitXml } from './junit-reporter.js';
import { ListReporter } from './list-reporter.js';
import { summarize } from './run-summary.js';

function result(overrides: Partial<JourneyResult>): JourneyResult {
  return {
    id: 'run-1',
    journey: 'checkout',
    cuj: { id: 'checkout' },
    location: 'eu-west',
    target: { name: 'production', url: 'https://shop.example.com' },
    startedAt: '2026-11-25T10:00:00.000Z',
    durationMs: 1200,
    status: 'passed',
    attempt: 1,
    steps: [{ index: 0, name: 'open', soft: false, status: 'passed', durationMs: 1000 }],
    artifacts: {},
    tags: [],
    ...overrides,
  };
}

const failed = result({
  id: 'run-2',
  status: 'failed',
  durationMs: 3000,
  steps: [
    { index: 0, name: 'open', soft: false, status: 'passed', durationMs: 1000 },
    { index: 1, name: 'pay <now> & "go"', soft: false, status: 'failed', durationMs: 2000, error: { message: 'expected <button> to be visible\n  call log…' } },
    { index: 2, name: 'confirm', soft: false, status: 'skipped', durationMs: 0 },
  ],
  artifacts: { trace: 'run-2/trace.zip', screenshot: 'run-2/screenshot.png' },
});

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('summarize', () => {
  it('groups per journey with median, max and the last failure', () => {
    const summary = summarize([result({}), failed, result({ id: 'run-3', durationMs: 800 })], [], false);
    expect(summary).toMatchObject({ total: 3, passed: 2, notPassed: 1 });
    expect(summary.journeys).toEqual([
      {
        journey: 'checkout', cuj: 'checkout', runs: 3, passed: 2, notPassed: 1, medianMs: 1200, maxMs: 3000, softFailures: 0,
        lastFailure: { step: 'pay <now> & "go"', message: 'expected <button> to be visible', runId: 'run-2' },
      },
    ]);
  });
});

describe('JUnit reporter', () => {
  it('writes valid XML with a testcase per run and the failing step', () => {
    const summary = summarize([result({}), failed], [{ file: 'journeys/bad.journey.ts', message: 'SyntaxError: nope' }], false);
    const xml = junitXml(summary, [result({}), failed]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    expect(doc.testsuites).toMatchObject({ tests: '3', failures: '1', errors: '1' });
    const [journeySuite, filesSuite] = doc.testsuites.testsuite;
    expect(journeySuite).toMatchObject({ name: 'checkout', tests: '2', failures: '1' });
    const [ok, bad] = journeySuite.testcase;
    expect(ok.failure).toBeUndefined();
    expect(ok.name).toBe('checkout [production@eu-west] #1');
    expect(bad.failure.type).toBe('failed');
    expect(bad.failure.message).toBe('expected <button> to be visible');
    expect(bad.failure['#text']).toContain('step "pay <now> & "go"": expected <button> to be visible');
    expect(bad['system-out']).toContain('trace: run-2/trace.zip');
    expect(filesSuite.testcase.error.message).toBe('SyntaxError: nope');
  });
});

describe('list reporter', () => {
  it('prints a line per run, artifacts with the show-trace hint, and the totals', () => {
    const out = new Capture();
    const reporter = new ListReporter({ out, err: out }, '.outpost/results');
    reporter.onBegin(2);
    reporter.onRunEnd(result({}));
    reporter.onRunEnd(failed);
    reporter.onEnd(summarize([result({}), failed], [], false));
    expect(out.text).toContain('✓ checkout  production@eu-west  1.20s');
    expect(out.text).toContain('✗ checkout  production@eu-west  3.00s  failed at step "pay <now> & "go"": expected <button> to be visible');
    expect(out.text).toContain('open with: npx playwright show-trace .outpost/results/run-2/trace.zip');
    expect(out.text).toMatch(/^1 passed, 1 failed \(2 runs in /m);
    // Not a terminal: no cursor control sequences.
    expect(out.text).not.toContain('\u001b[');
  });
});

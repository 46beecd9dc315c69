import { describe, expect, it } from 'vitest';
import { collectSamples, type CanaryRun } from './canary-samples.js';
import { fakeResult, fakeStep } from './session-test-fixtures.js';

describe('collectSamples', () => {
  const passed = fakeResult('checkout', 'passed', 300, [fakeStep(0, 'log in', 'passed', 100), fakeStep(1, 'pay', 'passed', 200)]);
  const failed = fakeResult('checkout', 'failed', 900, [fakeStep(0, 'log in', 'passed', 120), fakeStep(1, 'pay', 'failed', 780, 'HTTP 503')]);
  const crashed = fakeResult('checkout', 'error', 50);
  const aborted = fakeResult('checkout', 'aborted', 10);
  const runs: CanaryRun[] = [
    { key: 'checkout', side: 'baseline', result: passed },
    { key: 'checkout', side: 'canary', result: passed },
    { key: 'checkout', side: 'canary', result: failed },
    { key: 'checkout', side: 'canary', result: crashed },
    { key: 'checkout', side: 'baseline', result: aborted },
  ];

  it('counts passed and failed runs, with journey durations from passed runs only', () => {
    const { samples } = collectSamples(runs, ['checkout']);
    expect(samples.checkout?.baseline).toMatchObject({ passed: 1, failed: 0, durationsMs: [300] });
    expect(samples.checkout?.canary).toMatchObject({ passed: 1, failed: 1, durationsMs: [300] });
  });

  it('takes step durations from every step that passed, failed runs included', () => {
    const { samples } = collectSamples(runs, ['checkout']);
    expect(samples.checkout?.canary.steps).toEqual({ 'log in': [100, 120], pay: [200] });
  });

  it('leaves out runs Outpost could not run and interrupted runs, and counts them', () => {
    expect(collectSamples(runs, ['checkout']).excluded).toEqual({ baseline: 1, canary: 1 });
  });

  it('gives every key samples, empty when it has no runs', () => {
    const { samples } = collectSamples([], ['search']);
    expect(samples).toEqual({ search: { baseline: { passed: 0, failed: 0, durationsMs: [], steps: {} }, canary: { passed: 0, failed: 0, durationsMs: [], steps: {} } } });
  });
});

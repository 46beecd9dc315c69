import { describe, expect, it } from 'vitest';
import type { ConfirmedRun } from '../../runner/index.js';
import { fakeJourney, fakeResult, fakeStep } from './session-test-fixtures.js';
import { verifyCuj } from './verify-report.js';

const checkout = fakeJourney('checkout');
const pass: ConfirmedRun = { outcome: 'passed', attempts: [fakeResult('checkout', 'passed', 100)] };
const flaky: ConfirmedRun = {
  outcome: 'flaky',
  attempts: [fakeResult('checkout', 'failed', 90, [fakeStep(0, 'pay', 'failed', 90, 'HTTP 503')]), fakeResult('checkout', 'passed', 100, [], 2)],
};
const fail: ConfirmedRun = { outcome: 'failed', attempts: [fakeResult('checkout', 'timedOut', 5000, [fakeStep(0, 'pay', 'timedOut', 5000, 'timed out')])] };
const aborted: ConfirmedRun = { outcome: 'aborted', attempts: [] };

describe('verifyCuj', () => {
  it('counts a flaky run as passed and remembers its failed attempt', () => {
    const cuj = verifyCuj('checkout', checkout, [pass, flaky, pass], 1);
    expect(cuj).toMatchObject({ passed: 2, flaky: 1, failed: 0, passRate: 1, ok: true });
    expect(cuj.lastFailure).toMatchObject({ attempt: 1, step: 'pay', message: 'HTTP 503' });
  });

  it('fails below the minimum pass rate and meets it at or above', () => {
    expect(verifyCuj('checkout', checkout, [pass, pass, fail], 1)).toMatchObject({ passRate: 2 / 3, ok: false, lastFailure: { message: 'timed out' } });
    expect(verifyCuj('checkout', checkout, [pass, pass, fail], 0.6).ok).toBe(true);
  });

  it('leaves interrupted runs out of the rate, and is not ok when no run finished', () => {
    expect(verifyCuj('checkout', checkout, [pass, aborted], 1)).toMatchObject({ aborted: 1, passRate: 1, ok: true });
    expect(verifyCuj('checkout', checkout, [aborted], 0).ok).toBe(false);
  });
});

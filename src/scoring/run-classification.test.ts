import { describe, expect, it } from 'vitest';
import { classifyRun, type AttemptOutcome } from './run-classification.js';

function attempt(status: AttemptOutcome['status'], durationMs = 1000, steps: AttemptOutcome['steps'] = []): AttemptOutcome {
  return { status, durationMs, steps };
}

const availability = { kind: 'availability' } as const;

describe('classifyRun', () => {
  it('counts a run bad only when every attempt failed', () => {
    expect(classifyRun(availability, [attempt('passed')])).toBe('good');
    expect(classifyRun(availability, [attempt('failed'), attempt('passed')])).toBe('degraded');
    expect(classifyRun(availability, [attempt('failed'), attempt('timedOut')])).toBe('bad');
  });

  it("leaves out Outpost's own failures", () => {
    expect(classifyRun(availability, [attempt('error')])).toBe('invalid');
    expect(classifyRun(availability, [attempt('aborted'), attempt('passed')])).toBe('good');
    expect(classifyRun(availability, [attempt('failed'), attempt('error')])).toBe('bad');
    expect(classifyRun(availability, [])).toBe('invalid');
  });

  it('judges latency on the whole run, a failed run being too slow too', () => {
    const sli = { kind: 'latency', thresholdMs: 2000 } as const;
    expect(classifyRun(sli, [attempt('passed', 1500)])).toBe('good');
    expect(classifyRun(sli, [attempt('passed', 2500)])).toBe('bad');
    expect(classifyRun(sli, [attempt('failed', 100)])).toBe('bad');
    expect(classifyRun(sli, [attempt('passed', 2500), attempt('passed', 1800)])).toBe('degraded');
  });

  it('judges a step, and does not count runs that never reached it', () => {
    const pay = (status: 'passed' | 'failed' | 'skipped', durationMs = 300) => [
      { name: 'login', status: status === 'skipped' ? ('failed' as const) : ('passed' as const), durationMs: 100 },
      { name: 'pay', status, durationMs },
    ];
    const latency = { kind: 'latency', thresholdMs: 500, step: 'pay' } as const;
    const steps = { kind: 'step-availability', step: 'pay' } as const;
    expect(classifyRun(latency, [attempt('passed', 400, pay('passed', 300))])).toBe('good');
    expect(classifyRun(latency, [attempt('passed', 900, pay('passed', 800))])).toBe('bad');
    expect(classifyRun(steps, [attempt('failed', 400, pay('failed'))])).toBe('bad');
    expect(classifyRun(steps, [attempt('failed', 100, pay('skipped'))])).toBe('invalid');
    expect(classifyRun(steps, [attempt('passed', 100, [])])).toBe('invalid');
  });
});

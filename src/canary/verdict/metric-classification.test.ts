import { describe, expect, it } from 'vitest';
import { classifyLatencyShift, classifySuccessRatio, latencyThresholdMs } from './metric-classification.js';

describe('latencyThresholdMs', () => {
  it('takes the relative tolerance of the baseline median when it exceeds the floor', () => {
    expect(latencyThresholdMs(1000, 0.25, 50)).toBe(250);
  });

  it('takes the floor for fast metrics', () => {
    // 25% of 40 ms is 10 ms: a 3 ms or 30 ms shift of a 40 ms step must not fail a deploy.
    expect(latencyThresholdMs(40, 0.25, 50)).toBe(50);
  });
});

describe('classifyLatencyShift', () => {
  it('is High only when the whole interval lies above the threshold', () => {
    expect(classifyLatencyShift({ lowerMs: 251, upperMs: 400 }, 250)).toBe('High');
    expect(classifyLatencyShift({ lowerMs: 249, upperMs: 400 }, 250)).toBe('Pass');
  });

  it('treats a lower bound exactly at the threshold as Pass (strictly above is required)', () => {
    expect(classifyLatencyShift({ lowerMs: 250, upperMs: 300 }, 250)).toBe('Pass');
  });

  it('keeps a significant but tiny shift at Pass thanks to the floor', () => {
    // The interval excludes 0 (significant) yet lies below the 50 ms floor.
    expect(classifyLatencyShift({ lowerMs: 2, upperMs: 4 }, latencyThresholdMs(12, 0.25, 50))).toBe('Pass');
  });

  it('is Low, symmetrically, when the whole interval lies below minus the threshold', () => {
    expect(classifyLatencyShift({ lowerMs: -400, upperMs: -251 }, 250)).toBe('Low');
    expect(classifyLatencyShift({ lowerMs: -400, upperMs: -250 }, 250)).toBe('Pass');
  });
});

describe('classifySuccessRatio', () => {
  const alpha = 0.05;
  const floor = 0.01;

  it('is High when the canary fails significantly more, by more than the floor', () => {
    expect(classifySuccessRatio({ pValue: 0.01, baselineFailureRate: 0, canaryFailureRate: 0.3 }, alpha, floor)).toBe('High');
  });

  it('is Pass when the p-value is not below alpha (0.05 itself is not)', () => {
    expect(classifySuccessRatio({ pValue: 0.05, baselineFailureRate: 0, canaryFailureRate: 1 }, alpha, floor)).toBe('Pass');
  });

  it('is Pass for a significant increase within the floor', () => {
    expect(classifySuccessRatio({ pValue: 0.001, baselineFailureRate: 0.001, canaryFailureRate: 0.006 }, alpha, floor)).toBe('Pass');
  });

  it('follows a configured alpha', () => {
    const comparison = { pValue: 0.03, baselineFailureRate: 0, canaryFailureRate: 0.4 };
    expect(classifySuccessRatio(comparison, 0.05, floor)).toBe('High');
    expect(classifySuccessRatio(comparison, 0.01, floor)).toBe('Pass');
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_CANARY_CONFIG, metricSettings, resolveCanaryConfig } from './canary-config.js';
import { inputIssues } from './test-fixtures.js';

describe('resolveCanaryConfig', () => {
  it('completes overrides with the documented defaults', () => {
    const config = resolveCanaryConfig({ alpha: 0.01 });
    expect(config.alpha).toBe(0.01);
    expect(config.confidenceLevel).toBe(0.98);
    expect(config.relativeTolerance).toBe(0.25);
    expect(config.effectFloorMs).toBe(50);
    expect(config).toEqual({ ...DEFAULT_CANARY_CONFIG, alpha: 0.01 });
  });

  it('lists every unusable value', () => {
    expect(inputIssues(() => resolveCanaryConfig({ confidenceLevel: 1, power: 0, effectFloorMs: -5, detectableFailureRate: 1.5 }))).toEqual([
      'confidenceLevel must be between 0 and 1 (exclusive), got 1',
      'power must be between 0 and 1 (exclusive), got 0',
      'detectableFailureRate must be between 0 and 1, got 1.5',
      'effectFloorMs must be a non-negative number, got -5',
    ]);
  });
});

describe('metricSettings', () => {
  it('overrides the kind defaults field by field', () => {
    const config = resolveCanaryConfig({ metrics: { 'step:pay': { weight: 2 } } });
    expect(metricSettings(config, 'step:pay', { critical: false, weight: 1, group: 'latency' })).toEqual({ critical: false, weight: 2, group: 'latency' });
    expect(metricSettings(config, 'step:login', { critical: false, weight: 1, group: 'latency' })).toEqual({ critical: false, weight: 1, group: 'latency' });
  });
});

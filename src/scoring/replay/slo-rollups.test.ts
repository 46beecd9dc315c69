import { describe, expect, it } from 'vitest';
import { at } from '../probe-traffic.fixture.js';
import { probeRuns, tableOf } from './replay.fixture.js';
import { rollUpSloRuns, runClassifier } from './slo-rollups.js';

const row = (failed: boolean, retried: boolean, durationMs = 1000) => ({ startedAtMs: 0, location: 0, failed, retried, durationMs });

describe('runClassifier', () => {
  it('judges whole runs for availability: failed is bad, passed on retry is degraded', () => {
    const classify = runClassifier({ kind: 'availability' });
    expect([row(false, false), row(false, true), row(true, false), row(true, true)].map(classify)).toEqual(['good', 'degraded', 'bad', 'bad']);
  });

  it('judges run latency against the threshold; a failed run is bad however fast', () => {
    const classify = runClassifier({ kind: 'latency', thresholdMs: 2000 });
    expect([row(false, false, 2000), row(false, false, 2001), row(false, true, 1500), row(false, true, 2500), row(true, false, 10)].map(classify)).toEqual([
      'good',
      'bad',
      'degraded',
      'bad',
      'bad',
    ]);
  });
});

describe('rollUpSloRuns', () => {
  const range = { fromMs: at(0), toMs: at(3) };

  it('counts one journey per location and minute, in the budgeting classes', () => {
    const runs = probeRuns({
      locations: ['eu', 'us'],
      fromMinute: 0,
      toMinute: 3,
      outcome: (m, loc) => (m === 1 && loc === 'us' ? { status: 'failed', attempts: 2 } : m === 2 && loc === 'eu' ? { attempts: 2 } : {}),
    });
    const other = probeRuns({ journey: 'search', locations: ['eu'], fromMinute: 0, toMinute: 3, outcome: () => ({ status: 'failed' }) });
    const { rollups, counts } = rollUpSloRuns(tableOf([...runs, ...other]), 'checkout', { kind: 'availability' }, range);
    expect(counts).toEqual({ runs: 6, bad: 1, degraded: 1 });
    expect(rollups).toContainEqual({ minute: at(1), location: 'us', total: 1, good: 0, bad: 1, degraded: 0 });
    expect(rollups).toContainEqual({ minute: at(2), location: 'eu', total: 1, good: 0, bad: 0, degraded: 1 });
    expect(rollups).toHaveLength(6);
  });

  it('leaves out runs outside the range and journeys it does not know', () => {
    const table = tableOf(probeRuns({ locations: ['eu'], fromMinute: -2, toMinute: 5 }));
    expect(rollUpSloRuns(table, 'checkout', { kind: 'availability' }, range).counts.runs).toBe(3);
    expect(rollUpSloRuns(table, 'nope', { kind: 'availability' }, range)).toEqual({ rollups: [], counts: { runs: 0, bad: 0, degraded: 0 } });
  });
});

import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_ALERT_TIERS, DEFAULT_GUARDS } from '../scoring/index.js';
import { ConfigError } from './config-error.js';
import { resolveConfig } from './resolved-config.js';
import type { SloConfig } from './slo-config.js';
import { thrownBy } from './test-fixtures/thrown.js';

const rootDir = path.resolve('/srv/probes');
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const base: SloConfig = { name: 'checkout-availability', journey: 'checkout', sli: { kind: 'availability' }, objective: 99.5 };

const metadata = {
  description: 'A visitor finds a product fast',
  owner: 'team-search',
  approver: 'head of product',
  service: 'search-api',
  runbookUrl: 'https://runbooks.example.com/search',
  reviewDate: '2025-06-30',
  errorBudgetPolicy: 'Freeze feature releases until the budget recovers; escalate to the CTO after 2 weeks.',
};

function slosOf(...slos: unknown[]) {
  return resolveConfig({ slos }, { rootDir }).slos;
}

function issuesOf(...slos: unknown[]): Record<string, string> {
  const error = thrownBy(ConfigError, () => resolveConfig({ slos }, { rootDir }));
  return Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message]));
}

describe('slos in the config', () => {
  test('a minimal SLO gets the engine defaults: 28 days, occurrences, the default tiers and guards, no metadata', () => {
    const [slo] = slosOf(base);
    expect(slo).toMatchObject({ name: 'checkout-availability', journey: 'checkout', sli: { kind: 'availability' }, objective: 0.995, periodMs: 28 * DAY_MS });
    expect(slo?.budgeting).toEqual({ method: 'occurrences' });
    expect(slo?.tiers.map((t) => [t.name, t.severity, t.longWindowMs])).toEqual(DEFAULT_ALERT_TIERS.map((t) => [t.name, t.severity, t.longWindowMs]));
    expect(slo?.tiers.every((t) => t.guards.minBadEvents === DEFAULT_GUARDS.minBadEvents)).toBe(true);
    expect(slo?.metadata).toEqual({});
  });

  test('objectives are percentages, read without binary noise', () => {
    expect(slosOf({ ...base, objective: 99.9 })[0]?.objective).toBe(0.999);
    expect(slosOf({ ...base, objective: 99.95 })[0]?.objective).toBe(0.9995);
  });

  test('a ratio, 100% and nonsense objectives are refused with what to write instead', () => {
    expect(issuesOf({ ...base, objective: 0.995 })).toEqual({
      'slos[0].objective': 'expected a percentage such as 99.5 (objectives are in percent; write 99.5 for a ratio of 0.995), got 0.995',
    });
    for (const objective of [100, 150, 0, -3, 1]) {
      expect(issuesOf({ ...base, objective })['slos[0].objective']).toMatch(/^expected a percentage/);
    }
    expect(issuesOf({ ...base, objective: '99.5' })).toEqual({ 'slos[0].objective': 'expected a number, got "99.5"' });
  });

  test('every user-facing unit is read: window, latency threshold, time slices, tiers, guards, metadata', () => {
    const [slo] = slosOf({
      name: 'search-fast',
      journey: 'search',
      sli: { kind: 'latency', threshold: '2s', step: 'results' },
      objective: 99,
      window: '7d',
      budgeting: { method: 'timeslices', slice: '5m', quorum: { count: 2 } },
      tiers: [
        { severity: 'page', budgetPercent: 2, longWindow: '1h', guards: { wilsonConfidence: null } },
        { name: 'slow-burn', severity: 'ticket', budgetPercent: 10, longWindow: '1d', shortWindow: '1h' },
      ],
      guards: { minBadEvents: 3 },
      ...metadata,
    });
    expect(slo).toMatchObject({
      sli: { kind: 'latency', thresholdMs: 2000, step: 'results' },
      objective: 0.99,
      periodMs: 7 * DAY_MS,
      budgeting: { method: 'timeslices', sliceMs: 300_000, quorum: { count: 2 } },
      metadata,
    });
    // Factors follow from the 7-day period: 2% × 168h / 1h = 3.36; 10% × 7d / 1d = 0.7.
    expect(slo?.tiers.map((t) => ({ name: t.name, factor: t.factor, shortWindowMs: t.shortWindowMs, guards: t.guards }))).toEqual([
      { name: 'page-1h', factor: expect.closeTo(3.36, 9), shortWindowMs: 5 * 60_000, guards: { minEvents: 10, minBadEvents: 3, wilsonConfidence: null, recoveryConfidence: 0.999 } },
      { name: 'slow-burn', factor: expect.closeTo(0.7, 9), shortWindowMs: HOUR_MS, guards: { minEvents: 10, minBadEvents: 3, wilsonConfidence: 0.95, recoveryConfidence: 0.999 } },
    ]);
  });

  test('shorthands: a latency threshold in ms, budgeting by name, timeslice defaults', () => {
    const [latency, slices] = slosOf(
      { ...base, name: 'fast', sli: { kind: 'latency', threshold: 1500 } },
      { ...base, name: 'slices', budgeting: 'timeslices' },
    );
    expect(latency?.sli).toEqual({ kind: 'latency', thresholdMs: 1500 });
    expect(slices?.budgeting).toEqual({ method: 'timeslices', sliceMs: 60_000, quorum: { share: 0.5 } });
    expect(slosOf({ ...base, budgeting: 'occurrences' })[0]?.budgeting).toEqual({ method: 'occurrences' });
  });

  test('every problem of every SLO is reported at once, each with its path', () => {
    expect(
      issuesOf(
        {
          ...base,
          sli: { kind: 'latency' },
          window: '28.5m',
          budgeting: { method: 'timeslices', quorum: { count: 1.5 } },
          tiers: [{ severity: 'pager', budgetPercent: 0, longWindow: '1h' }],
          runbookUrl: 'ftp://runbooks',
          reviewDate: '2025-13-01',
          owner: 3,
          guards: { recoveryConfidence: 1 },
        },
        { name: '', journey: 'login', sli: { kind: 'uptime' }, objective: 99, budgeting: 'timeslice', objectve: 99 },
        'checkout',
      ),
    ).toEqual({
      'slos[0].sli.threshold': "expected a duration above zero, like '2s', '1500ms' or milliseconds, but it is missing",
      'slos[0].window': `expected a whole number of minutes, like '5m', '1h', '28d', got "28.5m"`,
      'slos[0].budgeting.quorum.count': 'expected an integer, got 1.5',
      'slos[0].tiers[0].severity': 'expected one of "page", "ticket", got "pager"',
      'slos[0].tiers[0].budgetPercent': 'expected a number > 0, got 0',
      'slos[0].runbookUrl': 'expected an http(s) URL, got "ftp://runbooks"',
      'slos[0].reviewDate': `expected an ISO date such as '2025-06-30', got "2025-13-01"`,
      'slos[0].owner': 'expected a string, got 3',
      'slos[0].guards.recoveryConfidence': 'expected a confidence below 1, such as 0.999, got 1',
      'slos[1].name': 'expected a non-empty string, got ""',
      'slos[1].sli.kind': 'expected one of "availability", "latency", "step-availability", got "uptime"',
      'slos[1].budgeting': `expected 'occurrences', 'timeslices' or { method: 'timeslices', slice, quorum }, got "timeslice"`,
      'slos[1].objectve': expect.stringMatching(/^unknown key; expected one of: name, journey, sli, objective, window/),
      'slos[2]': 'expected an object, got "checkout"',
    });
  });

  test('rules across fields and SLOs: windows within the SLO window, unique names', () => {
    expect(
      issuesOf(
        {
          ...base,
          window: '7d',
          budgeting: { method: 'timeslices', slice: '8d' },
          tiers: [
            { severity: 'page', budgetPercent: 2, longWindow: '1h', shortWindow: '1h' },
            { severity: 'ticket', budgetPercent: 10, longWindow: '30d' },
          ],
        },
        { ...base, tiers: [{ severity: 'page', budgetPercent: 2, longWindow: '1h' }, { severity: 'page', budgetPercent: 5, longWindow: '60m' }] },
        { ...base, objective: 0.9 },
      ),
    ).toEqual({
      'slos[0].budgeting.slice': 'expected at most the SLO window (7d), got "8d"',
      'slos[0].tiers[0].shortWindow': 'expected less than longWindow (1h), got "1h"',
      'slos[0].tiers[1].longWindow': 'expected at most the SLO window (7d), got "30d"',
      'slos[1].name': '"checkout-availability" is already the name of slos[0]',
      'slos[1].tiers[1].name': '"page-1h" is used by another tier',
      'slos[2].objective': expect.stringMatching(/^expected a percentage such as 99.5/),
    });
  });

  test('a step-availability SLI needs its step', () => {
    expect(slosOf({ ...base, sli: { kind: 'step-availability', step: 'pay' } })[0]?.sli).toEqual({ kind: 'step-availability', step: 'pay' });
    expect(issuesOf({ ...base, sli: { kind: 'step-availability' } })).toEqual({ 'slos[0].sli.step': 'expected a string, but it is missing' });
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { resolveConfig, sloConfigFromDefinition, type SloConfig } from '../../src/config/index.js';
import { resolveSlo } from '../../src/scoring/index.js';
import { importOpenSlo, OpenSloImportError, openSloDocuments, openSloYaml } from './index.js';

const rootDir = path.resolve('/srv/probes');

const SLOS: SloConfig[] = [
  {
    name: 'checkout-availability',
    journey: 'checkout',
    sli: { kind: 'availability' },
    objective: 99.9,
    budgeting: { method: 'timeslices', slice: '5m', quorum: { share: 0.5 } },
    guards: { minBadEvents: 3 },
    description: 'A customer can buy a product',
    service: 'shop',
    owner: 'team-checkout',
    approver: 'head of e-commerce',
    runbookUrl: 'https://runbooks.example.com/checkout',
    reviewDate: '2026-06-30',
    errorBudgetPolicy: 'Freeze releases until the budget recovers.',
  },
  {
    name: 'search-latency',
    journey: 'search',
    sli: { kind: 'latency', threshold: '2.5s', step: 'results' },
    objective: 99,
    window: '7d',
    budgeting: { method: 'timeslices', quorum: { count: 2 } },
    tiers: [
      { severity: 'page', budgetPercent: 5, longWindow: '1h', guards: { wilsonConfidence: null } },
      { name: 'slow', severity: 'ticket', budgetPercent: 10, longWindow: '6h', shortWindow: '1h' },
    ],
  },
  { name: 'pay-step', journey: 'checkout', sli: { kind: 'step-availability', step: 'pay' }, objective: 99.5, window: '30d' },
];

const resolved = () => resolveConfig({ slos: SLOS }, { rootDir }).slos;

function importIssues(text: string): readonly string[] {
  try {
    importOpenSlo(text);
  } catch (error) {
    if (error instanceof OpenSloImportError) return error.issues;
    throw error;
  }
  return [];
}

describe('OpenSLO export and import', () => {
  it('round-trips config SLOs: time slices, quorums, latency thresholds, steps, tiers, guards and metadata', () => {
    const original = resolved();
    const yaml = openSloYaml(openSloDocuments(original));
    const imported = importOpenSlo(yaml);
    expect(imported.map(resolveSlo)).toEqual(original);
    // …and back to config entries, which resolve to the same SLOs.
    expect(resolveConfig({ slos: imported.map(sloConfigFromDefinition) }, { rootDir }).slos).toEqual(original);
  });

  it('writes OpenSLO v1 kinds: SLI, SLO with indicatorRef and a rolling window, AlertPolicy with a burnrate condition', () => {
    const docs = parseAllDocuments(openSloYaml(openSloDocuments(resolved()))).map((d) => d.toJS());
    expect(docs.every((d) => d.apiVersion === 'openslo/v1')).toBe(true);
    expect(docs.slice(0, 3).map((d) => [d.kind, d.metadata.name])).toEqual([
      ['SLI', 'checkout-availability-sli'],
      ['SLO', 'checkout-availability'],
      ['AlertPolicy', 'checkout-availability-page-1h'],
    ]);
    expect(docs[0].spec.ratioMetric).toMatchObject({ counter: true, bad: { metricSource: { type: 'Prometheus' } }, total: { metricSource: { type: 'Prometheus' } } });
    expect(docs[1].spec).toMatchObject({
      service: 'shop',
      indicatorRef: 'checkout-availability-sli',
      timeWindow: [{ duration: '28d', isRolling: true }],
      budgetingMethod: 'Timeslices',
      objectives: [{ target: 0.999, timeSliceTarget: 0.5, timeSliceWindow: '5m' }],
      alertPolicies: ['checkout-availability-page-1h', 'checkout-availability-page-6h', 'checkout-availability-ticket-24h', 'checkout-availability-ticket-72h'],
    });
    // 2% of 28 days in 1h: factor 13.44.
    expect(docs[2].spec.conditions[0]).toMatchObject({ kind: 'AlertCondition', spec: { severity: 'page', condition: { kind: 'burnrate', threshold: 13.44, lookbackWindow: '1h' } } });
    const latency = docs.find((d) => d.kind === 'SLO' && d.metadata.name === 'search-latency');
    expect(latency.spec.objectives).toEqual([{ displayName: 'search-latency', target: 0.99, op: 'lte', value: 2.5, timeSliceWindow: '1m' }]);
    expect(docs.find((d) => d.metadata.name === 'search-latency-sli').spec.thresholdMetric.metricSource.spec.query).toContain('outpost_step_duration_seconds{journey="search",step="results"');
  });

  it('imports foreign documents: an inline indicator, conditions by reference, a factor without Outpost annotations', () => {
    const yaml = `
- apiVersion: openslo/v1
  kind: AlertCondition
  metadata: { name: fast-burn }
  spec: { severity: page, condition: { kind: burnrate, op: gt, threshold: 14.4, lookbackWindow: 1h, alertAfter: 5m } }
- apiVersion: openslo/v1
  kind: AlertPolicy
  metadata: { name: paging }
  spec: { conditions: [{ conditionRef: fast-burn }], notificationTargets: [] }
- apiVersion: openslo/v1
  kind: SLO
  metadata: { name: login, annotations: { outpost.dev/journey: login } }
  spec:
    service: identity
    indicator: { metadata: { name: login-ratio }, spec: { ratioMetric: { counter: true, good: { metricSource: { type: Prometheus, spec: { query: x } } }, total: { metricSource: { type: Prometheus, spec: { query: y } } } } } }
    timeWindow: [{ duration: 30d, isRolling: true }]
    budgetingMethod: Occurrences
    objectives: [{ target: 0.999 }]
    alertPolicies: [paging]
`;
    const [login] = importOpenSlo(yaml);
    expect(login).toEqual({
      name: 'login',
      journey: 'login',
      sli: { kind: 'availability' },
      objective: 0.999,
      periodMs: 30 * 86_400_000,
      budgeting: { method: 'occurrences' },
      // 14.4 × 1h / 30d = 2% of the budget.
      tiers: [{ name: 'fast-burn', severity: 'page', budgetShare: 0.02, longWindowMs: 3_600_000 }],
      metadata: { service: 'identity' },
    });
  });

  it('names the document and the field of every problem', () => {
    const yaml = `apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout }
spec:
  service: shop
  indicatorRef: missing-sli
  timeWindow: [{ duration: 1M, isRolling: false }]
  budgetingMethod: Weekly
  objectives: [{ target: 99.5 }]
---
apiVersion: openslo/v0
kind: SLI
metadata: { name: x }
spec: {}
---
kind: SLO
`;
    expect(importIssues(yaml)).toEqual([
      'document 2 (SLI "x"): apiVersion: expected "openslo/v1", got "openslo/v0"',
      'document 3 (SLO): apiVersion: expected "openslo/v1", got nothing',
      'document 3 (SLO): metadata.name: expected a name',
      'document 3 (SLO): spec: expected an object',
      'document 1 (SLO "checkout"): metadata.annotations["outpost.dev/journey"]: expected the journey this SLO is about',
      'document 1 (SLO "checkout"): spec.timeWindow[0].isRolling: expected true: Outpost SLOs are rolling; calendar windows are not supported',
      'document 1 (SLO "checkout"): spec.timeWindow[0].duration: expected a duration in minutes, hours, days or weeks such as "28d", got "1M"',
      'document 1 (SLO "checkout"): spec.indicatorRef: no SLI document named "missing-sli"',
      'document 1 (SLO "checkout"): spec.budgetingMethod: expected "Occurrences" or "Timeslices", got "Weekly"',
    ]);
    expect(importIssues('apiVersion: openslo/v1\nkind: Service\nmetadata: { name: shop }\nspec: {}\n')).toEqual(['no document of kind SLO found']);
  });

  it('reports what the engine refuses, such as an objective given in percent, with the document', () => {
    const docs = openSloDocuments(resolved().slice(2));
    (docs[1]!.spec.objectives as { target: number }[])[0]!.target = 99.5;
    expect(importIssues(openSloYaml(docs))).toEqual(['document 2 (SLO "pay-step"): objective: expected a ratio strictly between 0 and 1, got 99.5']);
  });
});

import { Document } from 'yaml';
import type { AlertTier, ResolvedSlo } from '../../src/scoring/index.js';
import { prometheusDuration } from '../prometheus/slo-rules/prometheus-duration.js';
import { PROMETHEUS_SERIES, quote } from '../prometheus/slo-rules/sli-series.js';
import { ANNOTATIONS as A, API_VERSION } from './openslo-annotations.js';

type OpenSloDocument = { apiVersion: string; kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec: Record<string, unknown> };

/**
 * OpenSLO v1 documents for the SLOs: per SLO an SLI (`ratioMetric` bad/total over Outpost's run
 * counters, or `thresholdMetric` over its duration histogram for latency), the SLO (rolling
 * window, budgeting method, objective, time slices) and one AlertPolicy per tier, each with an
 * inline `burnrate` AlertCondition whose threshold is the tier's burn factor over its long
 * window. What OpenSLO has no field for rides in `outpost.dev/*` annotations.
 */
export function openSloDocuments(slos: readonly ResolvedSlo[]): OpenSloDocument[] {
  return slos.flatMap((slo) => [sliDocument(slo), sloDocument(slo), ...slo.tiers.map((tier) => alertPolicy(slo, tier))]);
}

/** The documents as one multi-document YAML stream. */
export function openSloYaml(documents: readonly OpenSloDocument[]): string {
  return documents.map((doc) => new Document(doc, { aliasDuplicateObjects: false }).toString({ lineWidth: 0 })).join('---\n');
}

const sliName = (slo: ResolvedSlo) => `${slo.name}-sli`;
const policyName = (slo: ResolvedSlo, tier: AlertTier) => `${slo.name}-${tier.name}`;

function sliDocument(slo: ResolvedSlo): OpenSloDocument {
  const { sli } = slo;
  const journey = `journey=${quote(slo.journey)}`;
  const annotations: Record<string, string> = { [A.sliKind]: sli.kind, ...(sli.kind !== 'availability' && sli.step !== undefined ? { [A.step]: sli.step } : {}) };
  const probes = 'outcome=~"passed|degraded|failed"';
  const source = (query: string) => ({ metricSource: { type: 'Prometheus', spec: { query } } });
  let spec: Record<string, unknown>;
  if (sli.kind === 'availability') {
    spec = { ratioMetric: { counter: true, bad: source(`sum(${PROMETHEUS_SERIES.journeyRuns}{${journey},outcome="failed"})`), total: source(`sum(${PROMETHEUS_SERIES.journeyRuns}{${journey},${probes}})`) } };
  } else if (sli.kind === 'step-availability') {
    const step = `${journey},step=${quote(sli.step)},${probes}`;
    spec = { ratioMetric: { counter: true, bad: source(`sum(${PROMETHEUS_SERIES.stepRuns}{${step},status=~"failed|timedOut"})`), total: source(`sum(${PROMETHEUS_SERIES.stepRuns}{${step},status=~"passed|failed|timedOut"})`) } };
  } else {
    const histogram = sli.step === undefined ? PROMETHEUS_SERIES.journeyDuration : PROMETHEUS_SERIES.stepDuration;
    const selector = sli.step === undefined ? `${journey},${probes}` : `${journey},step=${quote(sli.step)},${probes}`;
    spec = { thresholdMetric: source(`${histogram}{${selector}}`) };
  }
  return { apiVersion: API_VERSION, kind: 'SLI', metadata: { name: sliName(slo), annotations }, spec: { description: `${sli.kind} of journey ${slo.journey}`, ...spec } };
}

function sloDocument(slo: ResolvedSlo): OpenSloDocument {
  const { metadata: m, budgeting } = slo;
  const annotations: Record<string, string> = { [A.journey]: slo.journey };
  const put = (key: string, value: string | undefined) => value !== undefined && (annotations[key] = value);
  put(A.owner, m.owner);
  put(A.approver, m.approver);
  put(A.runbookUrl, m.runbookUrl);
  put(A.reviewDate, m.reviewDate);
  put(A.errorBudgetPolicy, m.errorBudgetPolicy);
  const objective: Record<string, unknown> = { displayName: slo.name, target: slo.objective };
  if (slo.sli.kind === 'latency') Object.assign(objective, { op: 'lte', value: slo.sli.thresholdMs / 1000 });
  if (budgeting.method === 'timeslices') {
    objective.timeSliceWindow = prometheusDuration(budgeting.sliceMs);
    if ('share' in budgeting.quorum) objective.timeSliceTarget = budgeting.quorum.share;
    else annotations[A.quorumCount] = String(budgeting.quorum.count);
  }
  return {
    apiVersion: API_VERSION,
    kind: 'SLO',
    metadata: { name: slo.name, annotations },
    spec: {
      ...(m.description === undefined ? {} : { description: m.description }),
      service: m.service ?? slo.journey,
      indicatorRef: sliName(slo),
      timeWindow: [{ duration: prometheusDuration(slo.periodMs), isRolling: true }],
      budgetingMethod: budgeting.method === 'timeslices' ? 'Timeslices' : 'Occurrences',
      objectives: [objective],
      alertPolicies: slo.tiers.map((tier) => policyName(slo, tier)),
    },
  };
}

function alertPolicy(slo: ResolvedSlo, tier: AlertTier): OpenSloDocument {
  const long = prometheusDuration(tier.longWindowMs);
  return {
    apiVersion: API_VERSION,
    kind: 'AlertPolicy',
    metadata: { name: policyName(slo, tier) },
    spec: {
      description: `${tier.severity}: ${round(tier.budgetShare * 100)}% of the ${prometheusDuration(slo.periodMs)} budget in ${long}`,
      alertWhenBreaching: true,
      alertWhenResolved: true,
      conditions: [
        {
          kind: 'AlertCondition',
          metadata: {
            name: tier.name,
            annotations: { [A.shortWindow]: prometheusDuration(tier.shortWindowMs), [A.budgetShare]: String(tier.budgetShare), [A.guards]: JSON.stringify(tier.guards) },
          },
          spec: { severity: tier.severity, condition: { kind: 'burnrate', op: 'gt', threshold: round(tier.factor), lookbackWindow: long, alertAfter: '0m' } },
        },
      ],
    },
  };
}

function round(value: number): number {
  return Number(value.toPrecision(12));
}

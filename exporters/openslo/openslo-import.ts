import { parseAllDocuments } from 'yaml';
import { toMilliseconds } from '../../src/journey/index.js';
import {
  resolveSlo,
  SloDefinitionError,
  type AlertTierSpec,
  type BudgetingSpec,
  type LowVolumeGuards,
  type SliSpec,
  type SloDefinition,
  type SloMetadata,
} from '../../src/scoring/index.js';
import { ANNOTATIONS as A } from './openslo-annotations.js';

/** Thrown with every problem found, each naming its document and field. */
export class OpenSloImportError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`cannot import the OpenSLO documents:\n  ${issues.join('\n  ')}`);
    this.name = 'OpenSloImportError';
  }
}

type Json = Record<string, unknown>;

interface Doc {
  /** `document 3 (SLO "checkout-availability")`, for messages. */
  where: string;
  kind: string;
  name: string;
  metadata: Json;
  spec: Json;
}

/**
 * Reads OpenSLO v1 YAML (several documents, or a list of them) into SLO definitions: each SLO
 * with its SLI (inline or `indicatorRef`) and its alert policies (inline or by name, conditions
 * inline or by `conditionRef`). Other kinds (Service, DataSource, AlertNotificationTarget) are
 * accepted and ignored. Throws {@link OpenSloImportError} listing every problem.
 */
export function importOpenSlo(text: string): SloDefinition[] {
  const issues: string[] = [];
  const docs = readDocuments(text, issues);
  const definitions: SloDefinition[] = [];
  for (const doc of docs.filter((d) => d.kind === 'SLO')) {
    const reader = new FieldReader(doc, issues);
    const definition = sloDefinition(doc, reader, docs);
    if (definition === undefined || reader.failed) continue;
    try {
      resolveSlo(definition);
      definitions.push(definition);
    } catch (error) {
      if (!(error instanceof SloDefinitionError)) throw error;
      issues.push(...error.issues.map((issue) => `${doc.where}: ${issue}`));
    }
  }
  if (issues.length === 0 && definitions.length === 0) issues.push('no document of kind SLO found');
  if (issues.length > 0) throw new OpenSloImportError(issues);
  return definitions;
}

function readDocuments(text: string, issues: string[]): Doc[] {
  const raw: unknown[] = [];
  parseAllDocuments(text).forEach((document, i) => {
    if (document.errors.length > 0) {
      issues.push(`document ${i + 1}: not YAML: ${document.errors[0]?.message.split('\n')[0]}`);
      return;
    }
    const value: unknown = document.toJS();
    if (Array.isArray(value)) raw.push(...value);
    else if (value !== null && value !== undefined) raw.push(value);
  });
  return raw.flatMap((value, i): Doc[] => {
    const label = `document ${i + 1}`;
    if (!isObject(value)) return (issues.push(`${label}: expected an OpenSLO object with apiVersion, kind, metadata and spec`), []);
    const metadata = isObject(value.metadata) ? value.metadata : {};
    const name = typeof metadata.name === 'string' ? metadata.name : '';
    const kind = typeof value.kind === 'string' ? value.kind : '';
    const where = `${label} (${kind || 'no kind'}${name ? ` "${name}"` : ''})`;
    const problems = [
      value.apiVersion === 'openslo/v1' ? undefined : `apiVersion: expected "openslo/v1", got ${show(value.apiVersion)}`,
      kind ? undefined : 'kind: expected an OpenSLO kind',
      name ? undefined : 'metadata.name: expected a name',
      isObject(value.spec) ? undefined : 'spec: expected an object',
    ].filter((p): p is string => p !== undefined);
    issues.push(...problems.map((p) => `${where}: ${p}`));
    return problems.length > 0 ? [] : [{ where, kind, name, metadata, spec: value.spec as Json }];
  });
}

function sloDefinition(doc: Doc, r: FieldReader, docs: readonly Doc[]): SloDefinition | undefined {
  const annotations = r.annotations(doc.metadata, 'metadata.annotations');
  const journey = annotations[A.journey];
  if (journey === undefined) r.fail(`metadata.annotations["${A.journey}"]`, 'expected the journey this SLO is about');
  const periodMs = timeWindow(doc, r);
  const objective = r.single(doc.spec.objectives, 'spec.objectives');
  const target = objective === undefined ? undefined : r.number(objective.target, 'spec.objectives[0].target');
  const sli = sliSpec(doc, r, docs, objective);
  const budgeting = budgetingSpec(doc, r, objective, annotations);
  const tiers = periodMs === undefined ? undefined : tierSpecs(doc, r, docs, periodMs);
  if (journey === undefined || target === undefined || sli === undefined || periodMs === undefined || budgeting === undefined) return undefined;
  return {
    name: doc.name,
    journey,
    sli,
    objective: target,
    periodMs,
    budgeting,
    ...(tiers === undefined ? {} : { tiers }),
    metadata: metadataOf(doc, annotations, journey),
  };
}

function timeWindow(doc: Doc, r: FieldReader): number | undefined {
  const window = r.single(doc.spec.timeWindow, 'spec.timeWindow');
  if (window === undefined) return undefined;
  if (window.isRolling !== true) r.fail('spec.timeWindow[0].isRolling', 'expected true: Outpost SLOs are rolling; calendar windows are not supported');
  return r.duration(window.duration, 'spec.timeWindow[0].duration');
}

function sliSpec(doc: Doc, r: FieldReader, docs: readonly Doc[], objective: Json | undefined): SliSpec | undefined {
  const indicator = indicatorOf(doc, r, docs);
  if (indicator === undefined) return undefined;
  const annotations = r.annotations(indicator.metadata, `${indicator.path}.metadata.annotations`);
  const step = annotations[A.step];
  const kind = annotations[A.sliKind] ?? ('thresholdMetric' in indicator.spec ? 'latency' : 'ratioMetric' in indicator.spec ? 'availability' : undefined);
  if (kind === 'availability') return { kind };
  if (kind === 'step-availability') {
    if (step === undefined) return r.fail(`${indicator.path}.metadata.annotations["${A.step}"]`, 'expected the step a step-availability SLI judges');
    return { kind, step };
  }
  if (kind === 'latency') {
    const seconds = r.number(objective?.value, 'spec.objectives[0].value');
    if (objective !== undefined && objective.op !== undefined && objective.op !== 'lte' && objective.op !== 'lt') r.fail('spec.objectives[0].op', `expected "lte" for a latency threshold, got ${show(objective.op)}`);
    if (seconds === undefined) return undefined;
    return { kind, thresholdMs: Math.round(seconds * 1000), ...(step === undefined ? {} : { step }) };
  }
  return r.fail(`${indicator.path}.spec`, `expected ratioMetric or thresholdMetric${kind === undefined ? '' : `, or a known ${A.sliKind} (got ${show(kind)})`}`);
}

function indicatorOf(doc: Doc, r: FieldReader, docs: readonly Doc[]): { metadata: Json; spec: Json; path: string } | undefined {
  const inline = doc.spec.indicator;
  if (isObject(inline)) return { metadata: isObject(inline.metadata) ? inline.metadata : {}, spec: isObject(inline.spec) ? inline.spec : {}, path: 'spec.indicator' };
  const ref = doc.spec.indicatorRef;
  if (typeof ref !== 'string') return r.fail('spec.indicator', 'expected an inline indicator or an indicatorRef');
  const sli = docs.find((d) => d.kind === 'SLI' && d.name === ref);
  if (sli === undefined) return r.fail('spec.indicatorRef', `no SLI document named ${show(ref)}`);
  return { metadata: sli.metadata, spec: sli.spec, path: `(SLI "${ref}")` };
}

function budgetingSpec(doc: Doc, r: FieldReader, objective: Json | undefined, annotations: Record<string, string>): BudgetingSpec | undefined {
  const method = String(doc.spec.budgetingMethod ?? '').toLowerCase();
  if (method === 'occurrences') return { method: 'occurrences' };
  if (method !== 'timeslices') return r.fail('spec.budgetingMethod', `expected "Occurrences" or "Timeslices", got ${show(doc.spec.budgetingMethod)}`);
  const sliceMs = objective?.timeSliceWindow === undefined ? undefined : r.duration(objective.timeSliceWindow, 'spec.objectives[0].timeSliceWindow');
  const count = annotations[A.quorumCount];
  const share = objective?.timeSliceTarget === undefined ? undefined : r.number(objective.timeSliceTarget, 'spec.objectives[0].timeSliceTarget');
  const quorum = count !== undefined ? { count: Number(count) } : share !== undefined ? { share } : undefined;
  return { method: 'timeslices', ...(sliceMs === undefined ? {} : { sliceMs }), ...(quorum === undefined ? {} : { quorum }) };
}

function tierSpecs(doc: Doc, r: FieldReader, docs: readonly Doc[], periodMs: number): AlertTierSpec[] | undefined {
  const refs = doc.spec.alertPolicies;
  if (refs === undefined) return undefined;
  if (!Array.isArray(refs)) return r.fail('spec.alertPolicies', 'expected a list of alert policies');
  return refs.flatMap((ref, i) => {
    const policy = resolveRef(ref, 'AlertPolicy', 'alertPolicyRef', docs);
    if (policy === undefined) return (r.fail(`spec.alertPolicies[${i}]`, `expected an AlertPolicy or the name of one, got ${show(ref)}`), []);
    const conditions = Array.isArray(policy.spec.conditions) ? policy.spec.conditions : [];
    if (conditions.length === 0) r.fail(`spec.alertPolicies[${i}]`, `AlertPolicy "${policy.name}" has no conditions`);
    return conditions.flatMap((c, j) => {
      const condition = resolveRef(c, 'AlertCondition', 'conditionRef', docs);
      const path = `AlertPolicy "${policy.name}" spec.conditions[${j}]`;
      if (condition === undefined) return (r.fail(path, `expected an AlertCondition or a conditionRef, got ${show(c)}`), []);
      const tier = tierSpec(condition, r, path, periodMs);
      return tier === undefined ? [] : [tier];
    });
  });
}

function tierSpec(condition: { name: string; metadata: Json; spec: Json }, r: FieldReader, path: string, periodMs: number): AlertTierSpec | undefined {
  const c = isObject(condition.spec.condition) ? condition.spec.condition : {};
  if (c.kind !== 'burnrate') return r.fail(`${path}.spec.condition.kind`, `expected "burnrate", got ${show(c.kind)}`);
  const severity = condition.spec.severity;
  if (severity !== 'page' && severity !== 'ticket') return r.fail(`${path}.spec.severity`, `expected "page" or "ticket", got ${show(severity)}`);
  const factor = r.number(c.threshold, `${path}.spec.condition.threshold`);
  const longWindowMs = r.duration(c.lookbackWindow, `${path}.spec.condition.lookbackWindow`);
  const annotations = r.annotations(condition.metadata, `${path}.metadata.annotations`);
  const shortWindowMs = annotations[A.shortWindow] === undefined ? undefined : r.duration(annotations[A.shortWindow], `${path}.metadata.annotations["${A.shortWindow}"]`);
  const guards = annotations[A.guards] === undefined ? undefined : r.json<Partial<LowVolumeGuards>>(annotations[A.guards], `${path}.metadata.annotations["${A.guards}"]`);
  if (factor === undefined || longWindowMs === undefined) return undefined;
  const share = annotations[A.budgetShare];
  // A burn factor f over a window w spends f·w/T of the budget.
  const budgetShare = share === undefined ? Number(((factor * longWindowMs) / periodMs).toPrecision(12)) : Number(share);
  return { name: condition.name, severity, budgetShare, longWindowMs, ...(shortWindowMs === undefined ? {} : { shortWindowMs }), ...(guards === undefined ? {} : { guards }) };
}

function resolveRef(value: unknown, kind: string, refKey: string, docs: readonly Doc[]): { name: string; metadata: Json; spec: Json } | undefined {
  const name = typeof value === 'string' ? value : isObject(value) && typeof value[refKey] === 'string' ? value[refKey] : undefined;
  if (name !== undefined) return docs.find((d) => d.kind === kind && d.name === name);
  if (!isObject(value) || value.kind !== kind || !isObject(value.metadata) || typeof value.metadata.name !== 'string' || !isObject(value.spec)) return undefined;
  return { name: value.metadata.name, metadata: value.metadata, spec: value.spec };
}

function metadataOf(doc: Doc, annotations: Record<string, string>, journey: string): SloMetadata {
  const entries: [keyof SloMetadata, unknown][] = [
    ['description', doc.spec.description],
    // Exports name the journey as the service when none was set.
    ['service', doc.spec.service === journey ? undefined : doc.spec.service],
    ['owner', annotations[A.owner]],
    ['approver', annotations[A.approver]],
    ['runbookUrl', annotations[A.runbookUrl]],
    ['reviewDate', annotations[A.reviewDate]],
    ['errorBudgetPolicy', annotations[A.errorBudgetPolicy]],
  ];
  return Object.fromEntries(entries.filter(([, v]) => typeof v === 'string'));
}

/** Reads typed fields of one document, recording each problem with the document and field. */
class FieldReader {
  failed = false;
  constructor(
    private readonly doc: Doc,
    private readonly issues: string[],
  ) {}

  fail(path: string, message: string): undefined {
    this.failed = true;
    this.issues.push(`${this.doc.where}: ${path}: ${message}`);
    return undefined;
  }

  number(value: unknown, path: string): number | undefined {
    return typeof value === 'number' && Number.isFinite(value) ? value : this.fail(path, `expected a number, got ${show(value)}`);
  }

  single(value: unknown, path: string): Json | undefined {
    if (!Array.isArray(value) || value.length === 0 || !isObject(value[0])) return this.fail(path, 'expected a list with one entry');
    if (value.length > 1) return this.fail(path, `expected one entry (Outpost SLOs have one), got ${value.length}`);
    return value[0];
  }

  /** OpenSLO's duration shorthand; calendar units (M, Q, Y) have no fixed length and are refused. */
  duration(value: unknown, path: string): number | undefined {
    if (typeof value !== 'string' || !/^\d+(m|h|d|w)$/.test(value)) return this.fail(path, `expected a duration in minutes, hours, days or weeks such as "28d", got ${show(value)}`);
    return toMilliseconds(value);
  }

  annotations(metadata: Json, path: string): Record<string, string> {
    const value = metadata.annotations;
    if (value === undefined) return {};
    if (!isObject(value) || !Object.values(value).every((v) => typeof v === 'string')) return (this.fail(path, 'expected a map of strings'), {});
    return value as Record<string, string>;
  }

  json<T>(text: string | undefined, path: string): T | undefined {
    try {
      return JSON.parse(text ?? '') as T;
    } catch {
      return this.fail(path, `expected JSON, got ${show(text)}`);
    }
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

import * as z from 'zod';
import { resolveSlo, SloDefinitionError, type ResolvedSlo, type SloDefinition } from '../slo-definition.js';

/**
 * The shape of one SLO in a config's `slos` list: {@link SloDefinition}, checked for types
 * here (unknown keys are reported) and for values by {@link resolveSlo}. Until config/ has
 * its own schema for `slos`, this is what `outpost slo simulate --config` reads.
 */
const count = z.int().min(0);
const guards = z.strictObject({
  minEvents: count.optional(),
  minBadEvents: count.optional(),
  wilsonConfidence: z.number().nullable().optional(),
});
const sli = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('availability') }),
  z.strictObject({ kind: z.literal('latency'), thresholdMs: z.number(), step: z.string().optional() }),
  z.strictObject({ kind: z.literal('step-availability'), step: z.string() }),
]);
const quorum = z.union([z.strictObject({ share: z.number() }), z.strictObject({ count: z.number() })]);
const budgeting = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('occurrences') }),
  z.strictObject({ method: z.literal('timeslices'), sliceMs: z.number().optional(), quorum: quorum.optional() }),
]);
const tier = z.strictObject({
  name: z.string(),
  severity: z.enum(['page', 'ticket']),
  budgetShare: z.number(),
  longWindowMs: z.number(),
  shortWindowMs: z.number().optional(),
  guards: guards.optional(),
});
const sloDefinition = z.strictObject({
  name: z.string(),
  journey: z.string(),
  sli,
  objective: z.number(),
  periodMs: z.number().optional(),
  budgeting: budgeting.optional(),
  tiers: z.array(tier).optional(),
  guards: guards.optional(),
});

/** Thrown with every problem of an SLO list, each prefixed with its path (`slos[1].objective: …`). */
export class ReplaySloError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`the SLO list is invalid:\n  ${issues.join('\n  ')}`);
    this.name = 'ReplaySloError';
  }
}

/** The SLO a journey gets when none is configured: availability 99.5% over 28 days, default tiers and guards. */
export function defaultSlo(journey: string): SloDefinition {
  return { name: `${journey}-availability`, journey, sli: { kind: 'availability' }, objective: 0.995 };
}

/**
 * Checks a config's `slos` list and resolves every SLO in it. Replays read run-level results,
 * so SLIs on one step cannot be replayed. Throws {@link ReplaySloError} listing every issue.
 */
export function resolveSloList(list: readonly unknown[]): ResolvedSlo[] {
  const issues: string[] = [];
  const resolved: ResolvedSlo[] = [];
  const names = new Set<string>();
  list.forEach((item, i) => {
    const path = `slos[${i}]`;
    const parsed = sloDefinition.safeParse(item);
    if (!parsed.success) {
      issues.push(...parsed.error.issues.map((issue) => `${path}${formatPath(issue.path)}: ${issue.message}`));
      return;
    }
    const definition = parsed.data as SloDefinition;
    if (names.has(definition.name)) issues.push(`${path}.name: "${definition.name}" is used by another SLO`);
    names.add(definition.name);
    if (definition.sli.kind !== 'availability' && definition.sli.step !== undefined) {
      issues.push(`${path}.sli.step: results files hold whole runs, not steps; replay an availability or run latency SLI`);
    }
    try {
      resolved.push(resolveSlo(definition));
    } catch (error) {
      if (!(error instanceof SloDefinitionError)) throw error;
      issues.push(...error.issues.map((issue) => `${path}.${issue}`));
    }
  });
  if (list.length === 0) issues.push('slos: expected at least one SLO');
  if (issues.length > 0) throw new ReplaySloError(issues);
  return resolved;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
}

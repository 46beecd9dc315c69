import { toMilliseconds, type Duration } from './duration.js';
import type { Step } from './step.js';
import type { AnyParams, FixtureName } from './step-context.js';

/** The Critical User Journey a journey script represents. */
export interface Cuj {
  /** Stable id used by SLOs, alerts and metrics, e.g. `checkout`. */
  id: string;
  /** What the user must be able to do, in words the on-call engineer understands. */
  description?: string;
}

/** When a scheduled probe runs the journey: a fixed interval or a cron expression. */
export type Schedule = { every: Duration } | { cron: string };

export interface JourneyDefinition<Params extends Record<string, unknown> = AnyParams> {
  /** Unique journey name, e.g. `checkout`. */
  name: string;
  /** The CUJ it represents. Defaults to `{ id: name }`. */
  cuj?: Cuj;
  tags?: string[];
  schedule?: Schedule;
  /** The name of the SLO (from config) this journey feeds. */
  slo?: string;
  /** Values the steps read from `params`; config may override them per target. */
  params?: Params;
  /** Timeout for the whole journey. Defaults to the config's `defaults.timeout`. */
  timeout?: Duration;
  /** Default per-step timeout. Defaults to the config's `defaults.stepTimeout`. */
  stepTimeout?: Duration;
  steps: Step<Params>[];
}

/** A validated journey: plain data, no I/O. */
export interface Journey<Params extends Record<string, unknown> = AnyParams> {
  readonly kind: 'journey';
  readonly name: string;
  readonly cuj: Cuj;
  readonly tags: readonly string[];
  readonly schedule?: Schedule;
  readonly slo?: string;
  readonly params: Params;
  readonly timeoutMs?: number;
  readonly stepTimeoutMs?: number;
  readonly steps: readonly Step<Params>[];
}

/** Thrown by {@link journey} when the definition is not usable. */
export class JourneyDefinitionError extends Error {
  constructor(readonly journeyName: string | undefined, readonly problems: string[]) {
    super(`journey ${journeyName === undefined ? '(unnamed)' : JSON.stringify(journeyName)}: ${problems.join('; ')}`);
    this.name = 'JourneyDefinitionError';
  }
}

/**
 * Declares a journey: a Critical User Journey as named, ordered, timed steps.
 * Export it (default or named) from a `*.journey.ts` file.
 *
 * @example
 * import { journey, step } from 'outpost';
 *
 * export default journey({
 *   name: 'search',
 *   cuj: { id: 'browse-and-search', description: 'A visitor can find a product' },
 *   tags: ['shop', 'critical'],
 *   schedule: { every: '1m' },
 *   slo: 'search-availability',
 *   params: { query: 'lamp' },
 *   steps: [
 *     step('open home', async ({ page }) => { await page.goto('/'); }),
 *     step('search', async ({ page, params, expect }) => {
 *       await page.getByRole('searchbox').fill(params.query);
 *       await page.keyboard.press('Enter');
 *       await expect(page.getByTestId('result').first()).toBeVisible();
 *     }),
 *   ],
 * });
 */
export function journey<P extends Record<string, unknown>>(definition: JourneyDefinition<P>): Journey<P> {
  const problems = definitionProblems(definition);
  if (problems.length > 0) throw new JourneyDefinitionError(definition?.name, problems);
  return {
    kind: 'journey',
    name: definition.name,
    cuj: definition.cuj ?? { id: definition.name },
    tags: definition.tags ?? [],
    schedule: definition.schedule,
    slo: definition.slo,
    params: definition.params ?? ({} as P),
    timeoutMs: definition.timeout === undefined ? undefined : toMilliseconds(definition.timeout),
    stepTimeoutMs: definition.stepTimeout === undefined ? undefined : toMilliseconds(definition.stepTimeout),
    steps: definition.steps,
  };
}

function definitionProblems<P extends Record<string, unknown>>(definition: JourneyDefinition<P>): string[] {
  const problems: string[] = [];
  if (definition === null || typeof definition !== 'object') return ['expected an object'];
  if (typeof definition.name !== 'string' || definition.name.trim() === '') problems.push('name must be a non-empty string');
  if (definition.cuj !== undefined && (typeof definition.cuj.id !== 'string' || definition.cuj.id === '')) problems.push('cuj.id must be a non-empty string');
  if (!Array.isArray(definition.steps) || definition.steps.length === 0) problems.push('steps must be a non-empty array of step(...)');
  else definition.steps.forEach((s, i) => { if (s?.kind !== 'step') problems.push(`steps[${i}] is not a step(...)`); });
  const names = (definition.steps ?? []).map((s) => s?.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) problems.push(`step name ${JSON.stringify(duplicate)} is used twice`);
  for (const key of ['timeout', 'stepTimeout'] as const) {
    try { if (definition[key] !== undefined) toMilliseconds(definition[key]); } catch { problems.push(`${key} is not a duration`); }
  }
  const schedule = definition.schedule as Record<string, unknown> | undefined;
  if (schedule !== undefined && !('every' in schedule) && !('cron' in schedule)) problems.push("schedule needs 'every' or 'cron'");
  return problems;
}

/** True when a value was built by {@link journey}. */
export function isJourney(value: unknown): value is Journey {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'journey';
}

/**
 * The context fields the journey's steps use, or `undefined` when a step's use cannot be read.
 * The runner opens no browser page for a journey whose steps never ask for `page`.
 */
export function fixturesUsedByJourney<P extends Record<string, unknown>>(j: Journey<P>): ReadonlySet<FixtureName> | undefined {
  const all = new Set<FixtureName>();
  for (const s of j.steps) {
    if (s.fixtures === undefined) return undefined;
    for (const f of s.fixtures) all.add(f);
  }
  return all;
}

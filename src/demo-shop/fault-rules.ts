import { z } from 'zod';

const testId = z.string().trim().min(1, 'must be a non-empty data-testid');

/**
 * The elements a `broken` rule can break: links and forms lead to a failing endpoint, and
 * the display-only ones show an error instead of their content. Any element can be `missing`.
 */
export const BREAKABLE_TEST_IDS = [
  // links
  'cart-link', 'login-link', 'result-link', 'product-card', 'checkout-link',
  // forms and their controls
  'search-form', 'search-input', 'search-submit', 'login-form', 'login-submit', 'add-to-cart',
  'remove-item', 'checkout-form', 'place-order', 'logout',
  // display-only sections
  'featured', 'recommendations', 'product-price',
] as const;

/** One injected fault. Validated with {@link faultRuleSchema}; unknown keys are rejected so typos show. */
export const faultRuleSchema = z
  .strictObject({
    /**
     * Which requests the rule applies to: a path prefix (`/api/cart` matches `/api/cart` and
     * `/api/cart/items`, not `/api/cartoon`) or, when it contains `*`, a glob over the whole path
     * where `*` matches any characters (`/product/*`). Defaults to `/`, every path.
     */
    path: z.string().startsWith('/', 'must start with "/"').default('/'),
    /** Only requests with this HTTP method (case-insensitive). Any method when absent. */
    method: z
      .string()
      .regex(/^[A-Za-z]+$/, 'must be an HTTP method such as GET or POST')
      .transform((m) => m.toUpperCase())
      .optional(),
    /** Wait this long before handling the request. */
    delayMs: z.number().int().min(0).max(120_000).optional(),
    /** Share of matching requests (0..1) answered with `status` instead of being handled. */
    errorRate: z.number().min(0).max(1).optional(),
    /** Status for injected errors: a 5xx, 503 by default. */
    status: z.number().int().min(500, 'must be a 5xx status').max(599, 'must be a 5xx status').optional(),
    /** The element with this data-testid is left out of matching pages. */
    missing: testId.optional(),
    /** The element with this data-testid is rendered, but its action fails. */
    broken: z.enum(BREAKABLE_TEST_IDS, { error: `must be one of ${BREAKABLE_TEST_IDS.join(', ')}` }).optional(),
  })
  .refine(
    (r) => r.delayMs !== undefined || r.errorRate !== undefined || r.missing !== undefined || r.broken !== undefined,
    { message: 'a rule needs at least one of delayMs, errorRate, missing or broken' },
  )
  .refine((r) => r.status === undefined || r.errorRate !== undefined, {
    message: 'status only applies together with errorRate',
    path: ['status'],
  });

export const faultRulesSchema = z.array(faultRuleSchema);

/** A fault rule as written (JSON, options, HTTP body). */
export type FaultRule = z.input<typeof faultRuleSchema>;
/** A validated fault rule: `path` filled in, `method` upper-cased. */
export type NormalizedFaultRule = z.output<typeof faultRuleSchema>;

export interface FaultIssue {
  /** Where the problem is, e.g. `[1].errorRate`; empty for the value as a whole. */
  path: string;
  message: string;
}

/** Bad fault rules, with every problem found. */
export class FaultRuleError extends Error {
  constructor(readonly source: string, readonly issues: FaultIssue[]) {
    super(`${source}: invalid fault rules: ${issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('; ')}`);
    this.name = 'FaultRuleError';
  }
}

function issuesOf(error: z.ZodError): FaultIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('').replace(/^\./, ''),
    message: issue.message,
  }));
}

/** Validates one rule, or returns every problem. */
export function checkFaultRule(input: unknown): { ok: true; rule: NormalizedFaultRule } | { ok: false; issues: FaultIssue[] } {
  const parsed = faultRuleSchema.safeParse(input);
  return parsed.success ? { ok: true, rule: parsed.data } : { ok: false, issues: issuesOf(parsed.error) };
}

/** Validates a list of rules, or returns every problem. */
export function checkFaultRules(input: unknown): { ok: true; rules: NormalizedFaultRule[] } | { ok: false; issues: FaultIssue[] } {
  const parsed = faultRulesSchema.safeParse(input);
  return parsed.success ? { ok: true, rules: parsed.data } : { ok: false, issues: issuesOf(parsed.error) };
}

/** Validates rules given in code; throws {@link FaultRuleError}. */
export function parseFaultRules(input: unknown, source = 'faults'): NormalizedFaultRule[] {
  const checked = checkFaultRules(input);
  if (!checked.ok) throw new FaultRuleError(source, checked.issues);
  return checked.rules;
}

/**
 * Reads the `OUTPOST_SHOP_FAULTS` variable: a JSON array of rules. Unset or blank means no
 * faults; anything unreadable throws {@link FaultRuleError} so the shop fails at start, loudly.
 */
export function parseFaultsEnv(value: string | undefined, name = 'OUTPOST_SHOP_FAULTS'): NormalizedFaultRule[] {
  if (value === undefined || value.trim() === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch (error) {
    throw new FaultRuleError(name, [{ path: '', message: `not valid JSON (${(error as Error).message}); expected a JSON array of rules such as [{"path":"/api/cart","errorRate":0.5}]` }]);
  }
  return parseFaultRules(json, name);
}

/**
 * What a caller of the canary API asks for: the two deployments, how long to compare them and
 * which journeys. The same fields arrive as a JSON body, a query string (Argo's GET) or Flagger's
 * string-valued `metadata`, so numbers and lists are also read from strings.
 */
import { z } from 'zod';
import { isDuration, toMilliseconds } from '../../journey/index.js';
import { definedFields } from './defined-fields.js';

export interface CanaryRequest {
  /** Target name or URL of the deployment to compare against. */
  baseline: string;
  /** Target name or URL of the new deployment. */
  canary: string;
  /** Runs per side and journey (not together with `durationMs`). */
  runs?: number;
  /** Keep running rounds until this much time has passed. */
  durationMs?: number;
  /** Only journeys whose name or CUJ id matches this regular expression. */
  grep?: string;
  /** Only journeys with any of these tags. */
  tags?: string[];
}

/** One problem with a request, at a path such as `runs`. */
export interface RequestIssue {
  path: string;
  message: string;
}

const list = z.union([z.array(z.string().min(1)), z.string().transform((text) => text.split(',').map((t) => t.trim()).filter(Boolean))]);

const requestSchema = z
  .object({
    baseline: z.string().trim().min(1, 'expected a target name or URL'),
    canary: z.string().trim().min(1, 'expected a target name or URL'),
    runs: z.coerce.number().int().min(1, 'expected a whole number ≥ 1').optional(),
    duration: z.union([z.string(), z.number()]).refine(isDuration, "expected a duration like '90s' or '10m'").optional(),
    grep: z.string().min(1).optional(),
    tags: list.optional(),
  })
  .refine((r) => r.runs === undefined || r.duration === undefined, { message: 'give runs or duration, not both', path: ['duration'] });

/** Reads a request, or lists every problem with its path. */
export function parseCanaryRequest(input: unknown): { ok: true; request: CanaryRequest } | { ok: false; issues: RequestIssue[] } {
  const parsed = requestSchema.safeParse(input ?? {});
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })) };
  }
  const { duration, ...rest } = parsed.data;
  const request: CanaryRequest = definedFields({ ...rest, durationMs: duration === undefined ? undefined : toMilliseconds(duration) });
  return { ok: true, request };
}

import * as z from 'zod';
import { isDuration, toMilliseconds, type Duration } from '../journey/index.js';
import { strictObject } from './strict-object.js';

/**
 * The schema of one entry of `slos` in `outpost.config.ts` ({@link SloConfig}): user-facing
 * units (objective in percent, durations as `'28d'`), unknown keys reported. Rules that span
 * fields (a tier window within the SLO window) are checked when the SLO is resolved.
 */
const MINUTE_MS = 60_000;
const nonEmpty = z.string().trim().min(1);

/** A duration (`'5m'`, `'28d'` or milliseconds) that is a whole number of minutes, at least one. */
const wholeMinutes = z.custom<Duration>((value) => isDuration(value) && isWholeMinutes(toMilliseconds(value)), {
  error: "expected a whole number of minutes, like '5m', '1h', '28d'",
});

function isWholeMinutes(ms: number): boolean {
  return ms >= MINUTE_MS && Number.isInteger(ms / MINUTE_MS);
}

const positiveDuration = z.custom<Duration>((value) => isDuration(value) && toMilliseconds(value) > 0, {
  error: "expected a duration above zero, like '2s', '1500ms' or milliseconds",
});

/**
 * Percent, written as people say it. A value of 1 or less is refused rather than guessed at:
 * `0.995` is almost certainly a ratio meant as 99.5%, and a 0.995% objective is meaningless.
 */
const objective = z.number().superRefine((value, ctx) => {
  if (value > 1 && value < 100) return;
  const message =
    value > 0 && value <= 1
      ? `expected a percentage such as 99.5 (objectives are in percent; write ${round(value * 100)} for a ratio of ${value})`
      : 'expected a percentage above 1 and below 100, such as 99.5 (100% leaves no error budget)';
  ctx.addIssue({ code: 'custom', message, input: value });
});

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function confidence(example: string) {
  return z
    .number()
    .min(0.5)
    .lt(1, { error: `expected a confidence below 1, such as ${example}` })
    .nullable()
    .optional();
}

const guards = strictObject({
  minEvents: z.int().min(0).optional(),
  minBadEvents: z.int().min(0).optional(),
  wilsonConfidence: confidence('0.95'),
  recoveryConfidence: confidence('0.999'),
});

const sli = z.discriminatedUnion('kind', [
  strictObject({ kind: z.literal('availability') }),
  strictObject({ kind: z.literal('latency'), threshold: positiveDuration, step: nonEmpty.optional() }),
  strictObject({ kind: z.literal('step-availability'), step: nonEmpty }),
]);

const quorum = z.union([strictObject({ share: z.number().gt(0).max(1) }), strictObject({ count: z.int().min(1) })], {
  error: 'expected { share } (a fraction of the locations, 0 to 1) or { count } (a number of locations)',
});

const budgeting = z.union(
  [
    z.enum(['occurrences', 'timeslices']),
    z.discriminatedUnion('method', [
      strictObject({ method: z.literal('occurrences') }),
      strictObject({ method: z.literal('timeslices'), slice: wholeMinutes.optional(), quorum: quorum.optional() }),
    ]),
  ],
  { error: "expected 'occurrences', 'timeslices' or { method: 'timeslices', slice, quorum }" },
);

const tier = strictObject({
  name: nonEmpty.optional(),
  severity: z.enum(['page', 'ticket']),
  budgetPercent: z.number().gt(0).max(100),
  longWindow: wholeMinutes,
  shortWindow: wholeMinutes.optional(),
  guards: guards.optional(),
});

/** One SLO entry. */
export const sloSchema = strictObject({
  name: nonEmpty,
  journey: nonEmpty,
  sli,
  objective,
  window: wholeMinutes.optional(),
  budgeting: budgeting.optional(),
  tiers: z.array(tier).min(1).optional(),
  guards: guards.optional(),
  description: nonEmpty.optional(),
  owner: nonEmpty.optional(),
  approver: nonEmpty.optional(),
  service: nonEmpty.optional(),
  runbookUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  reviewDate: z.iso.date({ error: "expected an ISO date such as '2025-06-30'" }).optional(),
  errorBudgetPolicy: nonEmpty.optional(),
});

/** The `slos` key. */
export const slosSchema = z.array(sloSchema);

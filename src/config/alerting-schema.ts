import * as z from 'zod';
import { isDuration, toMilliseconds, type Duration } from '../journey/index.js';
import type { ConfigIssue } from './config-error.js';

/** The schema of `alerting` in `outpost.config.ts` ({@link AlertingConfig}). */

function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown key; expected one of: ${known}` : undefined),
  });
}

const nonEmpty = z.string().trim().min(1);
const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
const positiveDuration = z.custom<Duration>((value) => isDuration(value) && toMilliseconds(value) > 0, {
  error: "expected a duration above zero, like '10s', '5m' or milliseconds",
});
const envSecret = strictObject({
  env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected an environment variable name' }),
});
const severities = z.array(z.enum(['page', 'ticket'])).min(1, { error: 'expected at least one of page, ticket' });
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Labels Outpost sets itself on every Alertmanager alert. */
export const RESERVED_LABELS = ['alertname', 'slo', 'journey', 'tier', 'severity'];

const base = { name: nonEmpty.optional(), severities: severities.optional() };

const channel = z.discriminatedUnion(
  'type',
  [
    strictObject({
      type: z.literal('alertmanager'),
      ...base,
      url: httpUrl,
      resendInterval: positiveDuration.optional(),
      alertname: nonEmpty.optional(),
      labels: z.record(z.string(), z.string()).optional(),
    }),
    strictObject({ type: z.literal('pagerduty'), ...base, routingKey: envSecret, eventsUrl: httpUrl.optional() }),
    strictObject({ type: z.literal('slack'), ...base, webhookUrl: envSecret }),
    strictObject({
      type: z.literal('webhook'),
      ...base,
      url: z.union([httpUrl, envSecret], { error: 'expected an http(s) URL or { env }' }),
      secret: envSecret,
      headers: z.record(z.string(), z.string()).optional(),
    }),
  ],
  { error: 'expected a channel type: alertmanager, pagerduty, slack or webhook' },
);

export const alertingSchema = strictObject({
  channels: z.array(channel).optional(),
  evaluationInterval: positiveDuration.optional(),
  renotifyInterval: z.union([positiveDuration, z.literal(false)], { error: "expected a duration like '4h', or false" }).optional(),
  dashboardUrl: httpUrl.optional(),
  traceUrl: httpUrl.refine((url) => url.includes('{traceId}'), { error: 'expected a URL with {traceId} in it' }).optional(),
  delivery: strictObject({
    timeout: positiveDuration.optional(),
    initialBackoff: positiveDuration.optional(),
    maxBackoff: positiveDuration.optional(),
    giveUpAfter: positiveDuration.optional(),
  }).optional(),
});

/**
 * Rules across channels, outside zod so they are reported even when another field has a type
 * error: unique names, and extra Alertmanager labels that are no label names or would replace
 * Outpost's own.
 */
export function alertingIssues(input: unknown): ConfigIssue[] {
  const channels = (isRecord(input) && isRecord(input.alerting) ? input.alerting.channels : undefined) as unknown;
  if (!Array.isArray(channels)) return [];
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, number>();
  channels.forEach((entry: unknown, index) => {
    if (!isRecord(entry)) return;
    const name = typeof entry.name === 'string' ? entry.name : typeof entry.type === 'string' ? entry.type : undefined;
    if (name === undefined) return;
    const first = seen.get(name);
    if (first !== undefined) {
      issues.push({ path: `alerting.channels[${index}].name`, message: `channel name "${name}" is already used by alerting.channels[${first}]; give each channel of one type its own name` });
    } else seen.set(name, index);
    const labels = isRecord(entry.labels) ? Object.keys(entry.labels) : [];
    for (const label of labels) {
      const path = `alerting.channels[${index}].labels.${label}`;
      if (!LABEL_NAME.test(label)) issues.push({ path, message: `expected a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*), got "${label}"` });
      else if (RESERVED_LABELS.includes(label)) issues.push({ path, message: `"${label}" is set by Outpost on every alert; choose another label name` });
    }
  });
  return issues;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

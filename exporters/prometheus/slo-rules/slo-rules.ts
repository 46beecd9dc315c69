import { LOW_VOLUME_BAD_EVENTS, normalQuantile, type AlertTier, type ResolvedSlo } from '../../../src/scoring/index.js';
import { prometheusDuration, STANDARD_WINDOWS_MS } from './prometheus-duration.js';
import { quote, sliQueries } from './sli-series.js';

export interface RecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** One SLO's rules: its recordings, then its alerts, evaluated in that order at one timestamp. */
export interface RuleGroup {
  name: string;
  rules: (RecordingRule | AlertingRule)[];
}

export interface SloRules {
  groups: RuleGroup[];
  /** Where the rules differ from Outpost's own evaluation, per SLO. */
  notes: string[];
}

/** The alert every tier raises; `severity`, `slo`, `journey` and `tier` labels tell them apart. */
export const BURN_RATE_ALERT = 'OutpostSloBurnRate';

/**
 * Sloth-style Prometheus rules for SLOs over Outpost's exported metrics: per window (5m, 30m,
 * 1h, 2h, 6h, 1d, 3d, the tiers' windows and the period) the events, bad events and error ratio
 * of the SLI, and one multiwindow burn-rate alert per tier, labelled `severity: page|ticket`,
 * with the tier's threshold f·B derived from the SLO period and its low-volume guards. Throws
 * `SloRulesError` when an SLI cannot be read from the metrics.
 */
export function sloRules(slos: readonly ResolvedSlo[]): SloRules {
  return {
    groups: slos.map((slo) => ({ name: `outpost-slo-${slo.name}`, rules: [...recordings(slo), ...slo.tiers.map((tier) => tierAlert(slo, tier))] })),
    notes: slos.flatMap(notesFor),
  };
}

function notesFor(slo: ResolvedSlo): string[] {
  if (slo.budgeting.method !== 'timeslices') return [];
  return [`SLO "${slo.name}" budgets by time slices; its Prometheus rules count probes (occurrences), since a per-minute location quorum is not expressible over run counters`];
}

function windowsOf(slo: ResolvedSlo): number[] {
  const tierWindows = slo.tiers.flatMap((t) => [t.longWindowMs, t.shortWindowMs]);
  return [...new Set([...STANDARD_WINDOWS_MS, ...tierWindows, slo.periodMs])].filter((w) => w <= slo.periodMs).sort((a, b) => a - b);
}

function recordings(slo: ResolvedSlo): RecordingRule[] {
  const labels = sloLabels(slo);
  const queries = sliQueries(slo);
  const sel = selector(slo);
  const period = prometheusDuration(slo.periodMs);
  const windowed = windowsOf(slo).flatMap((ms) => {
    const w = prometheusDuration(ms);
    return [
      { record: `slo:sli_events:increase${w}`, expr: queries.events(w), labels },
      { record: `slo:sli_bad_events:increase${w}`, expr: queries.bad(w), labels },
      { record: `slo:sli_error:ratio_rate${w}`, expr: `slo:sli_bad_events:increase${w}${sel} / slo:sli_events:increase${w}${sel}`, labels },
    ];
  });
  return [
    ...windowed,
    { record: 'slo:objective:ratio', expr: `vector(${number(slo.objective)})`, labels },
    { record: 'slo:error_budget:ratio', expr: `vector(${number(slo.budget)})`, labels },
    { record: 'slo:period_error_budget_remaining:ratio', expr: `1 - slo:sli_error:ratio_rate${period}${sel} / ${number(slo.budget)}`, labels },
  ];
}

/**
 * Both windows above f·B, as in Outpost's engine, with its guards: enough events and bad
 * events in the long window, the one-sided Wilson lower bound above f·B in the short window,
 * and in the long window too while f·B there stands for fewer than LOW_VOLUME_BAD_EVENTS bad
 * events. The engine's early recovery needs the run order inside the window, which these
 * series do not keep: here the alert resets when the short window clears, as in plain MWMB.
 */
function tierAlert(slo: ResolvedSlo, tier: AlertTier): AlertingRule {
  const sel = selector(slo);
  const long = prometheusDuration(tier.longWindowMs);
  const short = prometheusDuration(tier.shortWindowMs);
  const threshold = number(tier.threshold);
  const { minEvents, minBadEvents, wilsonConfidence } = tier.guards;
  const significant = (w: string, confidence: number) =>
    `${wilsonLowerBound(`slo:sli_error:ratio_rate${w}${sel}`, `slo:sli_events:increase${w}${sel}`, confidence)} > ${threshold}`;
  const wilson =
    wilsonConfidence === null
      ? []
      : [
          `(${significant(long, wilsonConfidence)}) or (slo:sli_events:increase${long}${sel} * ${threshold} >= ${LOW_VOLUME_BAD_EVENTS})`,
          significant(short, wilsonConfidence),
        ];
  const conditions = [
    `slo:sli_error:ratio_rate${long}${sel} > ${threshold}`,
    `slo:sli_error:ratio_rate${short}${sel} > ${threshold}`,
    ...(minEvents > 0 ? [`slo:sli_events:increase${long}${sel} >= ${minEvents}`] : []),
    ...(minBadEvents > 0 ? [`slo:sli_bad_events:increase${long}${sel} >= ${minBadEvents}`] : []),
    ...wilson,
  ];
  return {
    alert: BURN_RATE_ALERT,
    expr: conditions.map((c) => `(${c})`).join('\nand\n'),
    labels: { ...sloLabels(slo), severity: tier.severity, tier: tier.name },
    annotations: annotations(slo, tier, long, short),
  };
}

/**
 * (p + z²/2n − z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n) for the error ratio p over n events: the
 * bound `wilsonLowerBound` computes in the engine, with z for the one-sided confidence.
 */
function wilsonLowerBound(p: string, n: string, confidence: number): string {
  const z = normalQuantile(confidence);
  const z2 = z * z;
  return `(${p} + ${number(z2 / 2)} / ${n} - ${number(z)} * sqrt(${p} * (1 - ${p}) / ${n} + ${number(z2 / 4)} / (${n} ^ 2))) / (1 + ${number(z2)} / ${n})`;
}

function annotations(slo: ResolvedSlo, tier: AlertTier, long: string, short: string): Record<string, string> {
  const percent = (ratio: number) => `${number(ratio * 100)}%`;
  return {
    summary: `${slo.name}: journey ${slo.journey} is burning its error budget (${tier.name})`,
    description:
      `The error ratio over ${long} and ${short} is above ${percent(tier.threshold)}, ${number(tier.factor)}× the ${percent(slo.budget)} error budget: ` +
      `at this rate ${percent(tier.budgetShare)} of the ${prometheusDuration(slo.periodMs)} budget is spent in ${long}.`,
    ...(slo.metadata.runbookUrl === undefined ? {} : { runbook_url: slo.metadata.runbookUrl }),
  };
}

function sloLabels(slo: ResolvedSlo): Record<string, string> {
  return { slo: slo.name, journey: slo.journey };
}

function selector(slo: ResolvedSlo): string {
  return `{slo=${quote(slo.name)}}`;
}

/** A number without binary noise: 13.44 × 0.005 is 0.06720000000000001. */
function number(value: number): string {
  return String(Number(value.toPrecision(10)));
}

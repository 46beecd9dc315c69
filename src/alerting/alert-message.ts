import type { AlertNotification, Severity, SloEvaluation } from '../scoring/index.js';
import { windowLabel } from '../scoring/replay/index.js';
import type { AlertContext } from './alert-context.js';
import { runLinks, type AlertLinks } from './alert-links.js';

/** What a delivery does at the receiver: open, remind, keep alive (Alertmanager) or close the alert. */
export type MessageKind = 'trigger' | 'renotify' | 'resend' | 'resolve';

/** One window of the tier that fired, as the responder reads it. */
export interface MessageWindow {
  /** `1h`, `5m`. */
  window: string;
  errorRatio: number | null;
  burnRate: number | null;
  events: number;
  bad: number;
}

/**
 * Everything a notifier renders, the same for every channel: what is burning, how fast, what
 * breaks, and where to look. Plain JSON: it is what the outbox keeps, so a delivery retried after
 * a restart says exactly what the first attempt said.
 */
export interface AlertMessage {
  kind: MessageKind;
  /** `firing` for trigger, renotify and resend; `resolved` for resolve. */
  state: 'firing' | 'resolved';
  /** Stable per (SLO, tier) across episodes and restarts: `outpost/slo/<slo>/<tier>`. */
  dedupKey: string;
  slo: string;
  journey: string;
  /** The CUJ the journey serves, from its latest run (null when no run was found). */
  cuj: { id: string; description?: string } | null;
  tier: string;
  severity: Severity;
  /** One line: what is burning and how fast. */
  summary: string;
  /** Why a resolve came without a recovery (`SLO removed from config`); null otherwise. */
  reason: string | null;
  /** ISO-8601. */
  firingSince: string;
  resolvedAt: string | null;
  /** When the evaluation that caused this message ran. */
  evaluatedAt: string;
  /** Burn-rate factor f the tier fires at (both windows above f·B); null when unknown (the SLO was removed). */
  burnRateThreshold: number | null;
  long: MessageWindow;
  short: MessageWindow;
  /** Null when unknown (the SLO was removed from the config). */
  objective: number | null;
  /** Share of the period's error budget left; negative when overspent; null with no events. */
  budgetRemaining: number | null;
  runbookUrl: string | null;
  owner: string | null;
  /** The step that failed most in the long window, with the error it failed with last. */
  failingStep: { name: string; failures: number; lastError: string | null } | null;
  /** The newest failed run in the long window, with links when the dashboard URL is configured. */
  latestFailedRun: LatestFailedRun | null;
  /** Failed runs in the long window that the step counts come from. */
  failedRuns: number;
  /** The Outpost dashboard, when configured. */
  dashboardUrl: string | null;
}

export interface LatestFailedRun extends AlertLinks {
  id: string;
  startedAt: string;
  location: string;
  status: string;
  /** The run's OpenTelemetry trace id, when tracing was on. */
  traceId: string | null;
}

/** The SLO document fields an alert carries (from `ResolvedSlo.metadata`). */
export interface SloAlertMetadata {
  runbookUrl?: string;
  owner?: string;
}

/** Where links point: the dashboard's external base URL and, optionally, a trace viewer. */
export interface LinkSettings {
  dashboardUrl: string | null;
  /** A URL with `{traceId}` in it, e.g. `https://grafana.example.com/explore?traceId={traceId}`. */
  traceUrlTemplate: string | null;
}

export interface MessageInputs {
  notification: Pick<AlertNotification, 'dedupKey' | 'slo' | 'tier' | 'severity' | 'firingSinceMs' | 'resolvedAtMs' | 'decision'>;
  kind: MessageKind;
  evaluation: Pick<SloEvaluation, 'journey' | 'budget'>;
  context: AlertContext;
  metadata: SloAlertMetadata | undefined;
  links: LinkSettings;
}

/** The message for one notification. */
export function buildAlertMessage(inputs: MessageInputs): AlertMessage {
  const { notification, kind, evaluation, context, metadata, links } = inputs;
  const decision = notification.decision;
  const state = kind === 'resolve' ? 'resolved' : 'firing';
  const budgetRemaining = evaluation.budget.events === 0 ? null : evaluation.budget.ratio.remaining;
  const long = messageWindow(decision.long);
  return {
    kind,
    state,
    dedupKey: notification.dedupKey,
    slo: notification.slo,
    journey: evaluation.journey,
    cuj: context.cuj,
    tier: notification.tier,
    severity: notification.severity,
    summary: summaryLine(state, notification.slo, evaluation.journey, notification.tier, long, budgetRemaining),
    reason: null,
    firingSince: new Date(notification.firingSinceMs).toISOString(),
    resolvedAt: notification.resolvedAtMs === null ? null : new Date(notification.resolvedAtMs).toISOString(),
    evaluatedAt: new Date(decision.atMs).toISOString(),
    burnRateThreshold: decision.factor,
    long,
    short: messageWindow(decision.short),
    objective: evaluation.budget.objective,
    budgetRemaining,
    runbookUrl: metadata?.runbookUrl ?? null,
    owner: metadata?.owner ?? null,
    failingStep: context.failingStep,
    latestFailedRun: latestFailedRun(context, links),
    failedRuns: context.failedRuns,
    dashboardUrl: links.dashboardUrl,
  };
}

function messageWindow(reading: AlertNotification['decision']['long']): MessageWindow {
  return {
    window: windowLabel(reading.windowMs),
    errorRatio: reading.errorRatio,
    burnRate: reading.burnRate,
    events: reading.events,
    bad: reading.bad,
  };
}

function latestFailedRun(context: AlertContext, links: LinkSettings): LatestFailedRun | null {
  const run = context.latestFailedRun;
  if (run === null) return null;
  return {
    id: run.id,
    startedAt: run.startedAt,
    location: run.location,
    status: run.status,
    traceId: run.traceId,
    ...runLinks(links, run),
  };
}

function summaryLine(state: 'firing' | 'resolved', slo: string, journey: string, tier: string, long: MessageWindow, budgetRemaining: number | null): string {
  const budget = budgetRemaining === null ? 'budget unknown' : `${formatPercent(budgetRemaining)} of the error budget left`;
  if (state === 'resolved') return `Resolved: SLO ${slo} (journey ${journey}) is back under its ${tier} burn rate; ${budget}`;
  const burn = long.burnRate === null ? 'no data' : `${formatBurn(long.burnRate)}× the sustainable rate`;
  return `SLO ${slo} (journey ${journey}) burns its error budget at ${burn} over ${long.window} (${tier}); ${budget}`;
}

/** `12.3`, `0.85`: enough digits to compare with the tier's factor. */
export function formatBurn(burnRate: number): string {
  return burnRate >= 10 ? burnRate.toFixed(1) : burnRate.toFixed(2);
}

/** `87.5%`. */
export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

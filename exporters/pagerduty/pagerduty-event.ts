import { formatBurn, formatPercent, type AlertMessage } from '../../src/alerting/index.js';

/** A PagerDuty Events API v2 event (`POST /v2/enqueue`). */
export interface PagerDutyEvent {
  routing_key: string;
  event_action: 'trigger' | 'resolve';
  dedup_key: string;
  payload?: {
    summary: string;
    source: string;
    severity: 'critical' | 'error' | 'warning' | 'info';
    timestamp: string;
    component: string;
    group: string;
    class: string;
    custom_details: Record<string, unknown>;
  };
  links?: { href: string; text: string }[];
  images?: { src: string; href?: string; alt: string }[];
  client?: string;
  client_url?: string;
}

/** PagerDuty caps the summary at 1024 characters. */
const MAX_SUMMARY = 1024;

/** `page` wakes someone up (critical); `ticket` can wait (warning). */
export function pagerDutySeverity(severity: AlertMessage['severity']): 'critical' | 'warning' {
  return severity === 'page' ? 'critical' : 'warning';
}

/**
 * The event for a message: a trigger (again, for re-notifications: PagerDuty folds events with the
 * same `dedup_key` into the open incident) or a resolve. The dedup key is the alert's, stable
 * across episodes and restarts, so a duplicate delivery never opens a second incident.
 */
export function pagerDutyEvent(message: AlertMessage, routingKey: string): PagerDutyEvent {
  if (message.state === 'resolved') return { routing_key: routingKey, event_action: 'resolve', dedup_key: message.dedupKey };
  const run = message.latestFailedRun;
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: message.dedupKey,
    payload: {
      summary: message.summary.length <= MAX_SUMMARY ? message.summary : `${message.summary.slice(0, MAX_SUMMARY - 1)}…`,
      source: `outpost/${message.journey}`,
      severity: pagerDutySeverity(message.severity),
      timestamp: message.evaluatedAt,
      component: message.journey,
      group: message.slo,
      class: 'slo-burn-rate',
      custom_details: customDetails(message),
    },
    links: links(message),
    images: run?.screenshotUrl ? [{ src: run.screenshotUrl, ...(run.url ? { href: run.url } : {}), alt: 'Screenshot of the latest failed run' }] : [],
    client: 'Outpost',
    ...(message.dashboardUrl === null ? {} : { client_url: message.dashboardUrl }),
  };
}

function customDetails(message: AlertMessage): Record<string, unknown> {
  const run = message.latestFailedRun;
  return {
    slo: message.slo,
    journey: message.journey,
    cuj: message.cuj?.description ?? message.cuj?.id ?? null,
    tier: message.tier,
    firing_since: message.firingSince,
    burn_rate: message.long.burnRate === null ? null : `${formatBurn(message.long.burnRate)}× over ${message.long.window}`,
    short_window_burn_rate: message.short.burnRate === null ? null : `${formatBurn(message.short.burnRate)}× over ${message.short.window}`,
    burn_rate_threshold: message.burnRateThreshold,
    budget_remaining: message.budgetRemaining === null ? null : formatPercent(message.budgetRemaining),
    objective: message.objective,
    failing_step: message.failingStep?.name ?? null,
    failing_step_failures: message.failingStep?.failures ?? null,
    last_error: message.failingStep?.lastError ?? null,
    latest_failed_run: run?.id ?? null,
    trace_id: run?.traceId ?? null,
    runbook_url: message.runbookUrl,
    owner: message.owner,
    reason: message.reason,
  };
}

function links(message: AlertMessage): { href: string; text: string }[] {
  const run = message.latestFailedRun;
  const all: [string | null | undefined, string][] = [
    [message.runbookUrl, 'Runbook'],
    [run?.url, 'Latest failed run'],
    [run?.traceUrl, 'Trace of the latest failed run'],
    [message.dashboardUrl, 'Outpost dashboard'],
  ];
  return all.flatMap(([href, text]) => (href ? [{ href, text }] : []));
}

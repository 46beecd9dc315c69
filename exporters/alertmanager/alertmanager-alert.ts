import { formatBurn, formatPercent, type AlertMessage } from '../../src/alerting/index.js';

/** One alert as Alertmanager's API v2 takes it (`POST /api/v2/alerts` takes an array of them). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  /** Set on resolve; absent while firing, so Alertmanager keeps the alert for its `resolve_timeout` after each send. */
  endsAt?: string;
  generatorURL?: string;
}

/** How alerts are labelled. */
export interface AlertLabelling {
  /** Default `OutpostSLOBurnRate`. */
  alertname: string;
  /** Added to every alert (e.g. `{ team: 'shop' }`); they may not replace Outpost's own labels. */
  extraLabels: Record<string, string>;
}

/**
 * The Alertmanager alert for a message. Labels identify the alert (Alertmanager groups and
 * dedupes by them), so they are only the stable ones: alertname, slo, journey, tier, severity.
 * Everything that changes between sends goes into annotations.
 */
export function alertmanagerAlert(message: AlertMessage, labelling: AlertLabelling): PostableAlert {
  const labels = {
    ...labelling.extraLabels,
    alertname: labelling.alertname,
    slo: message.slo,
    journey: message.journey,
    tier: message.tier,
    severity: message.severity,
  };
  const generatorURL = message.latestFailedRun?.url ?? message.dashboardUrl ?? undefined;
  return {
    labels,
    annotations: annotations(message),
    startsAt: message.firingSince,
    ...(message.state === 'resolved' && message.resolvedAt !== null ? { endsAt: message.resolvedAt } : {}),
    ...(generatorURL === undefined ? {} : { generatorURL }),
  };
}

function annotations(message: AlertMessage): Record<string, string> {
  const run = message.latestFailedRun;
  const step = message.failingStep;
  const entries: [string, string | null | undefined][] = [
    ['summary', message.summary],
    ['description', description(message)],
    ['runbook_url', message.runbookUrl],
    ['cuj', message.cuj === null ? null : message.cuj.description ?? message.cuj.id],
    ['burn_rate', message.long.burnRate === null ? null : formatBurn(message.long.burnRate)],
    ['burn_rate_window', message.long.window],
    ['budget_remaining', message.budgetRemaining === null ? null : formatPercent(message.budgetRemaining)],
    ['failing_step', step?.name],
    ['last_error', step?.lastError],
    ['run_url', run?.url],
    ['screenshot_url', run?.screenshotUrl],
    ['trace_id', run?.traceId],
    ['trace_url', run?.traceUrl],
    ['dashboard_url', message.dashboardUrl],
    ['owner', message.owner],
    ['dedup_key', message.dedupKey],
    ['resolve_reason', message.reason],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
}

function description(message: AlertMessage): string {
  const lines = [message.summary];
  if (message.failingStep !== null) {
    const { name, failures, lastError } = message.failingStep;
    lines.push(`Step "${name}" failed in ${failures} of ${message.failedRuns} failed runs in the last ${message.long.window}${lastError === null ? '.' : `: ${lastError}`}`);
  }
  if (message.latestFailedRun !== null) lines.push(`Latest failed run: ${message.latestFailedRun.url ?? message.latestFailedRun.id}`);
  return lines.join('\n');
}

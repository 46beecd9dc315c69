import { AlertmanagerNotifier } from '../../exporters/alertmanager/index.js';
import { PagerDutyNotifier } from '../../exporters/pagerduty/index.js';
import { SlackNotifier } from '../../exporters/slack/index.js';
import { WebhookNotifier } from '../../exporters/webhook/index.js';
import { AlertingCycle, DEFAULT_DELIVERY_POLICY, type AlertChannel, type ConfiguredSlo, type Notifier } from '../alerting/index.js';
import { MissingSecretError, Redactor, resolveSecrets, type ResolvedAlerting, type ResolvedChannel, type ResolvedConfig } from '../config/index.js';
import type { LeaderTask, Logger } from '../scheduler/index.js';
import type { SloEvaluation } from '../scoring/index.js';
import type { ResultStore } from '../store/index.js';
import { CliError, ExitCode } from './exit-codes.js';

/** The channels of `alerting`, with their secrets read from the environment. */
export interface AlertChannels {
  channels: AlertChannel[];
  /** Hides the channels' secrets (routing keys, webhook URLs, HMAC keys) in anything logged or stored. */
  redactor: Redactor;
}

/**
 * Builds a notifier per configured channel. Every env var a channel needs must be set: a missing
 * one stops here, listing all of them (exit 2), rather than at the first alert.
 */
export function createAlertChannels(alerting: ResolvedAlerting, env: NodeJS.ProcessEnv = process.env): AlertChannels {
  let secrets: Record<string, string>;
  try {
    secrets = resolveSecrets({ secrets: alerting.secrets }, env);
  } catch (error) {
    if (error instanceof MissingSecretError) throw new CliError(`alerting: ${error.message}`, ExitCode.usage);
    throw error;
  }
  const timeoutMs = alerting.delivery.timeoutMs;
  const channels = alerting.channels.map((channel): AlertChannel => ({
    name: channel.name,
    severities: channel.severities,
    notifier: notifierFor(channel, secrets, timeoutMs),
    ...(channel.type === 'alertmanager' ? { resendIntervalMs: channel.resendIntervalMs } : {}),
  }));
  return { channels, redactor: new Redactor(secrets) };
}

function notifierFor(channel: ResolvedChannel, secrets: Record<string, string>, timeoutMs: number): Notifier {
  const secret = (ref: { name: string }): string => {
    const value = secrets[ref.name];
    // resolveSecrets has thrown already for any missing required secret.
    if (value === undefined) throw new Error(`no value for ${ref.name}`);
    return value;
  };
  switch (channel.type) {
    case 'alertmanager':
      return new AlertmanagerNotifier({ url: channel.url, timeoutMs, alertname: channel.alertname, extraLabels: channel.labels });
    case 'pagerduty':
      return new PagerDutyNotifier({ routingKey: secret(channel.routingKey), eventsUrl: channel.eventsUrl, timeoutMs });
    case 'slack':
      return new SlackNotifier({ webhookUrl: secret(channel.webhookUrl), timeoutMs });
    case 'webhook':
      return new WebhookNotifier({
        url: 'value' in channel.url ? channel.url.value : secret(channel.url.secret),
        secret: secret(channel.secret),
        timeoutMs,
        headers: channel.headers,
      });
  }
}

export interface AlertingSetupOptions {
  config: Pick<ResolvedConfig, 'alerting' | 'slos'>;
  /** Every SLO of the whole config, when known: firing alerts of SLOs or tiers not in it are resolved (see `AlertingCycleOptions.configuredSlos`). */
  configuredSlos?: readonly ConfiguredSlo[];
  store: Pick<ResultStore, 'alerts' | 'queryRuns'>;
  /** This replica's name (it claims outbox rows under it). */
  owner: string;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
}

/** The alerting cycle for a config: its channels, SLO metadata, links, lifecycle and delivery policy. */
export function createAlertingCycle(options: AlertingSetupOptions): AlertingCycle {
  const { alerting, slos } = options.config;
  const { channels, redactor } = createAlertChannels(alerting, options.env);
  return new AlertingCycle({
    store: options.store,
    channels,
    owner: options.owner,
    logger: options.logger,
    slos,
    ...(options.configuredSlos === undefined ? {} : { configuredSlos: options.configuredSlos }),
    links: { dashboardUrl: alerting.dashboardUrl, traceUrlTemplate: alerting.traceUrlTemplate },
    lifecycle: { renotifyIntervalMs: alerting.renotifyIntervalMs },
    delivery: { ...DEFAULT_DELIVERY_POLICY, ...alerting.delivery },
    redact: (text) => redactor.redact(text),
  });
}

/**
 * The alerting cycle as one of serve's leader tasks (see `serveLeaderTasks`): evaluate every SLO at
 * `nowMs`, advance and record the alerts, deliver what is due. A round repeated by a new leader is harmless: states are versioned
 * and the outbox hands each delivery to one claimer.
 */
export function alertingTask(
  cycle: AlertingCycle,
  evaluate: (nowMs: number) => Promise<SloEvaluation[]>,
  intervalMs: number,
  logger: Logger,
): LeaderTask {
  return {
    name: 'alerting',
    intervalMs,
    run: async (nowMs, signal) => {
      const evaluations = await evaluate(nowMs);
      if (signal.aborted) return;
      const report = await cycle.run(evaluations, nowMs, signal);
      const { delivered, retrying, gaveUp } = report.delivery;
      if (report.notifications.length > 0 || retrying > 0 || gaveUp > 0) {
        logger.info('alerting.cycle', { slos: evaluations.length, notifications: report.notifications.length, enqueued: report.enqueued, delivered, retrying, gave_up: gaveUp });
      }
    },
  };
}

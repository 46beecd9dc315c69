import type { Duration } from '../journey/index.js';

/** `page` wakes someone up; `ticket` can wait for working hours (an SLO tier's severity). */
export type AlertSeverity = 'page' | 'ticket';

/** A secret read from an environment variable when alerting starts; a missing one stops `serve`. */
export interface EnvSecret {
  env: string;
}

interface ChannelBase {
  /** Unique among the channels; default the type. Outbox rows name it: keep it stable. */
  name?: string;
  /** Which alerts it gets. Default both. */
  severities?: AlertSeverity[];
}

/** Prometheus Alertmanager, API v2. */
export interface AlertmanagerChannelConfig extends ChannelBase {
  type: 'alertmanager';
  /** Base URL, e.g. `'http://alertmanager:9093'`. */
  url: string;
  /** Re-send firing alerts this often; keep it well under Alertmanager's `resolve_timeout` (5m). Default `'1m'`. */
  resendInterval?: Duration;
  /** Default `'OutpostSLOBurnRate'`. */
  alertname?: string;
  /** Extra labels on every alert (e.g. `{ team: 'shop' }`). */
  labels?: Record<string, string>;
}

/** PagerDuty Events API v2. */
export interface PagerDutyChannelConfig extends ChannelBase {
  type: 'pagerduty';
  routingKey: EnvSecret;
  /** Default `'https://events.pagerduty.com/v2/enqueue'`. */
  eventsUrl?: string;
}

/** A Slack incoming webhook. */
export interface SlackChannelConfig extends ChannelBase {
  type: 'slack';
  webhookUrl: EnvSecret;
}

/** Any HTTP endpoint: signed JSON (see the README on verifying it). */
export interface WebhookChannelConfig extends ChannelBase {
  type: 'webhook';
  url: string | EnvSecret;
  /** The HMAC-SHA256 key for `X-Outpost-Signature`. */
  secret: EnvSecret;
  headers?: Record<string, string>;
}

export type AlertChannelConfig = AlertmanagerChannelConfig | PagerDutyChannelConfig | SlackChannelConfig | WebhookChannelConfig;

/** How notifications are delivered and retried. */
export interface AlertDeliveryConfig {
  /** One attempt. Default `'10s'`. */
  timeout?: Duration;
  /** First wait after a failure, doubling after. Default `'5s'`. */
  initialBackoff?: Duration;
  /** Longest wait between attempts. Default `'5m'`. */
  maxBackoff?: Duration;
  /** Give a notification up when it still fails this long after it was due. Default `'24h'`. */
  giveUpAfter?: Duration;
}

/** Alert evaluation and delivery by `outpost serve` (the leader replica). */
export interface AlertingConfig {
  /** Where alerts go. None: SLOs are evaluated and shown, no one is notified. */
  channels?: AlertChannelConfig[];
  /** How often SLOs are evaluated and due notifications delivered. Default `'1m'`. */
  evaluationInterval?: Duration;
  /** Notify again while an alert keeps firing; `false` never. Default `'4h'`. */
  renotifyInterval?: Duration | false;
  /** The Outpost dashboard's external URL; alerts link to `<dashboardUrl>/runs/<id>` and its screenshot. */
  dashboardUrl?: string;
  /** A trace viewer URL with `{traceId}`, e.g. `'https://grafana.example.com/explore?traceId={traceId}'`. */
  traceUrl?: string;
  delivery?: AlertDeliveryConfig;
}

import { toMilliseconds } from '../journey/index.js';
import type { AlertChannelConfig, AlertingConfig, AlertSeverity, EnvSecret } from './alerting-config.js';
import type { SecretSpec } from './secrets.js';

/** A secret setting of a channel: the spec that `resolveSecrets` reads and the Redactor hides. */
export interface ChannelSecret {
  /** `alerting.channels.<name>.<setting>`, as error messages and redactions name it. */
  name: string;
  env: string;
}

/** A setting that is either written in the config or read from the environment. */
export type PlainOrSecret = { value: string } | { secret: ChannelSecret };

export type ResolvedChannel = { name: string; severities: AlertSeverity[] } & (
  | { type: 'alertmanager'; url: string; resendIntervalMs: number; alertname: string | undefined; labels: Record<string, string> }
  | { type: 'pagerduty'; routingKey: ChannelSecret; eventsUrl: string | undefined }
  | { type: 'slack'; webhookUrl: ChannelSecret }
  | { type: 'webhook'; url: PlainOrSecret; secret: ChannelSecret; headers: Record<string, string> }
);

/** `alerting` with defaults filled in and durations in milliseconds. */
export interface ResolvedAlerting {
  channels: ResolvedChannel[];
  evaluationIntervalMs: number;
  /** Null: never re-notify. */
  renotifyIntervalMs: number | null;
  dashboardUrl: string | null;
  traceUrlTemplate: string | null;
  delivery: { timeoutMs: number; initialBackoffMs: number; maxBackoffMs: number; giveUpAfterMs: number };
  /** Every env var the channels read, all required once alerting runs. */
  secrets: SecretSpec[];
}

export const ALERTING_DEFAULTS = {
  evaluationInterval: '1m',
  renotifyInterval: '4h',
  resendInterval: '1m',
  timeout: '10s',
  initialBackoff: '5s',
  maxBackoff: '5m',
  giveUpAfter: '24h',
} as const;

const ALL_SEVERITIES: AlertSeverity[] = ['page', 'ticket'];

export function resolveAlerting(config: AlertingConfig = {}): ResolvedAlerting {
  const delivery = config.delivery ?? {};
  const renotify = config.renotifyInterval ?? ALERTING_DEFAULTS.renotifyInterval;
  const channels = (config.channels ?? []).map(resolveChannel);
  return {
    channels,
    evaluationIntervalMs: toMilliseconds(config.evaluationInterval ?? ALERTING_DEFAULTS.evaluationInterval),
    renotifyIntervalMs: renotify === false ? null : toMilliseconds(renotify),
    dashboardUrl: config.dashboardUrl ?? null,
    traceUrlTemplate: config.traceUrl ?? null,
    delivery: {
      timeoutMs: toMilliseconds(delivery.timeout ?? ALERTING_DEFAULTS.timeout),
      initialBackoffMs: toMilliseconds(delivery.initialBackoff ?? ALERTING_DEFAULTS.initialBackoff),
      maxBackoffMs: toMilliseconds(delivery.maxBackoff ?? ALERTING_DEFAULTS.maxBackoff),
      giveUpAfterMs: toMilliseconds(delivery.giveUpAfter ?? ALERTING_DEFAULTS.giveUpAfter),
    },
    secrets: channels.flatMap(channelSecrets).map(({ name, env }) => ({ name, env, required: true })),
  };
}

function resolveChannel(channel: AlertChannelConfig): ResolvedChannel {
  const name = channel.name ?? channel.type;
  const severities = channel.severities ?? ALL_SEVERITIES;
  const secret = (setting: string, ref: EnvSecret): ChannelSecret => ({ name: `alerting.channels.${name}.${setting}`, env: ref.env });
  switch (channel.type) {
    case 'alertmanager':
      return {
        name,
        severities,
        type: 'alertmanager',
        url: channel.url,
        resendIntervalMs: toMilliseconds(channel.resendInterval ?? ALERTING_DEFAULTS.resendInterval),
        alertname: channel.alertname,
        labels: channel.labels ?? {},
      };
    case 'pagerduty':
      return { name, severities, type: 'pagerduty', routingKey: secret('routingKey', channel.routingKey), eventsUrl: channel.eventsUrl };
    case 'slack':
      return { name, severities, type: 'slack', webhookUrl: secret('webhookUrl', channel.webhookUrl) };
    case 'webhook':
      return {
        name,
        severities,
        type: 'webhook',
        url: typeof channel.url === 'string' ? { value: channel.url } : { secret: secret('url', channel.url) },
        secret: secret('secret', channel.secret),
        headers: channel.headers ?? {},
      };
  }
}

function channelSecrets(channel: ResolvedChannel): ChannelSecret[] {
  switch (channel.type) {
    case 'alertmanager':
      return [];
    case 'pagerduty':
      return [channel.routingKey];
    case 'slack':
      return [channel.webhookUrl];
    case 'webhook':
      return 'secret' in channel.url ? [channel.url.secret, channel.secret] : [channel.secret];
  }
}

import { postNotification, type DeliveryResult, type Notifier, type OutgoingNotification } from '../../src/alerting/index.js';
import { alertmanagerAlert, type AlertLabelling } from './alertmanager-alert.js';

export interface AlertmanagerNotifierOptions {
  /** Alertmanager's base URL, e.g. `http://alertmanager:9093`. */
  url: string;
  timeoutMs: number;
  alertname?: string;
  extraLabels?: Record<string, string>;
  /** Extra request headers (e.g. `Authorization` for a proxy in front of Alertmanager). */
  headers?: Record<string, string>;
}

export const DEFAULT_ALERTNAME = 'OutpostSLOBurnRate';

/**
 * Sends alerts to Alertmanager's API v2. Alertmanager dedupes by labels, so a notification sent
 * twice (at-least-once delivery) is one alert there. Firing alerts must be re-sent within
 * Alertmanager's `resolve_timeout` (the channel's `resendInterval` does it).
 */
export class AlertmanagerNotifier implements Notifier {
  private readonly endpoint: string;
  private readonly labelling: AlertLabelling;

  constructor(private readonly options: AlertmanagerNotifierOptions) {
    this.endpoint = `${options.url.replace(/\/+$/, '')}/api/v2/alerts`;
    this.labelling = { alertname: options.alertname ?? DEFAULT_ALERTNAME, extraLabels: options.extraLabels ?? {} };
  }

  deliver(notification: OutgoingNotification): Promise<DeliveryResult> {
    const body = JSON.stringify([alertmanagerAlert(notification.message, this.labelling)]);
    return postNotification({ url: this.endpoint, body, timeoutMs: this.options.timeoutMs, headers: this.options.headers });
  }
}

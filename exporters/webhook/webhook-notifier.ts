import { postNotification, type AlertMessage, type DeliveryResult, type Notifier, type OutgoingNotification } from '../../src/alerting/index.js';
import { DELIVERY_HEADER, signWebhookBody, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './webhook-signature.js';

/** What a generic webhook receives: the alert, its notification id and when it was sent. */
export interface WebhookBody {
  /** The notification id: the same on every retry (drop duplicates by it). */
  id: string;
  type: 'outpost.alert';
  version: 1;
  /** When this attempt was signed; also in the timestamp header. */
  sentAt: string;
  alert: AlertMessage;
}

export interface WebhookNotifierOptions {
  url: string;
  /** The HMAC-SHA256 key shared with the receiver. */
  secret: string;
  timeoutMs: number;
  headers?: Record<string, string>;
  now?: () => number;
}

/** POSTs signed JSON: `X-Outpost-Signature: sha256=<hex HMAC of the raw body>`, `X-Outpost-Timestamp`, `X-Outpost-Delivery`. */
export class WebhookNotifier implements Notifier {
  constructor(private readonly options: WebhookNotifierOptions) {}

  deliver(notification: OutgoingNotification): Promise<DeliveryResult> {
    // Whole seconds, so the timestamp header and the signed sentAt say the same instant.
    const sentAtMs = Math.floor((this.options.now ?? Date.now)() / 1000) * 1000;
    const payload: WebhookBody = { id: notification.id, type: 'outpost.alert', version: 1, sentAt: new Date(sentAtMs).toISOString(), alert: notification.message };
    const body = JSON.stringify(payload);
    return postNotification({
      url: this.options.url,
      body,
      timeoutMs: this.options.timeoutMs,
      headers: {
        ...this.options.headers,
        [SIGNATURE_HEADER]: signWebhookBody(this.options.secret, body),
        [TIMESTAMP_HEADER]: String(sentAtMs / 1000),
        [DELIVERY_HEADER]: notification.id,
        'idempotency-key': notification.id,
      },
    });
  }
}

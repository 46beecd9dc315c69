import { postNotification, type DeliveryResult, type Notifier, type OutgoingNotification } from '../../src/alerting/index.js';
import { pagerDutyEvent } from './pagerduty-event.js';

export const DEFAULT_PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';

export interface PagerDutyNotifierOptions {
  /** The integration's routing key (a secret). */
  routingKey: string;
  /** Default {@link DEFAULT_PAGERDUTY_EVENTS_URL}; EU accounts use `https://events.eu.pagerduty.com/v2/enqueue`. */
  eventsUrl?: string;
  timeoutMs: number;
}

/** Sends PagerDuty Events API v2 triggers and resolves, keyed by the alert's dedup key. */
export class PagerDutyNotifier implements Notifier {
  constructor(private readonly options: PagerDutyNotifierOptions) {}

  deliver(notification: OutgoingNotification): Promise<DeliveryResult> {
    const body = JSON.stringify(pagerDutyEvent(notification.message, this.options.routingKey));
    return postNotification({ url: this.options.eventsUrl ?? DEFAULT_PAGERDUTY_EVENTS_URL, body, timeoutMs: this.options.timeoutMs });
  }
}

import { postNotification, type DeliveryResult, type Notifier, type OutgoingNotification } from '../../src/alerting/index.js';
import { slackMessage } from './slack-message.js';

export interface SlackNotifierOptions {
  /** The incoming webhook URL (a secret: anyone holding it can post to the channel). */
  webhookUrl: string;
  timeoutMs: number;
}

/**
 * Posts to a Slack incoming webhook. Slack has no idempotency key: a retry after a timeout that
 * Slack had in fact accepted shows the message twice; the message carries its notification id so
 * a reader can tell.
 */
export class SlackNotifier implements Notifier {
  constructor(private readonly options: SlackNotifierOptions) {}

  deliver(notification: OutgoingNotification): Promise<DeliveryResult> {
    const body = JSON.stringify(slackMessage(notification.message, notification.id));
    return postNotification({ url: this.options.webhookUrl, body, timeoutMs: this.options.timeoutMs });
  }
}

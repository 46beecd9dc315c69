import type { Severity } from '../scoring/index.js';
import type { Notifier } from './notifier.js';

/** A configured receiver: where notifications of some severities go. */
export interface AlertChannel {
  /** Unique; outbox rows name it, so keep it stable across deploys. */
  name: string;
  severities: readonly Severity[];
  notifier: Notifier;
  /**
   * Send firing alerts again this often (Alertmanager forgets an alert that is not re-sent within
   * its `resolve_timeout`); undefined sends only triggers, re-notifications and resolves.
   */
  resendIntervalMs?: number;
}

export function channelTakes(channel: AlertChannel, severity: Severity): boolean {
  return channel.severities.includes(severity);
}

/**
 * Alerting: the lifecycle of each (SLO, tier) alert persisted in the store, the durable outbox of
 * notifications, and the notifier interface the exporters (Alertmanager, PagerDuty, Slack,
 * webhook) implement. Run by one replica (the leader) every evaluation interval.
 */
export { AlertingCycle } from './alerting-cycle.js';
export type { AlertingCycleOptions, CycleReport } from './alerting-cycle.js';
export { OutboxDeliverer } from './outbox-deliverer.js';
export type { OutboxDelivererOptions, DeliveryReport } from './outbox-deliverer.js';
export { DEFAULT_DELIVERY_POLICY, retryDelayMs, outcomeOf } from './delivery-policy.js';
export type { DeliveryPolicy } from './delivery-policy.js';
export type { AlertChannel } from './alert-channel.js';
export type { Notifier, DeliveryResult, OutgoingNotification } from './notifier.js';
export { postNotification, parseRetryAfter, isRetryableStatus } from './http-delivery.js';
export type { HttpPost } from './http-delivery.js';
export { buildAlertMessage, formatBurn, formatPercent } from './alert-message.js';
export type { AlertMessage, MessageKind, MessageWindow, LatestFailedRun, SloAlertMetadata, LinkSettings } from './alert-message.js';
export { loadAlertContext, alertContext } from './alert-context.js';
export type { AlertContext } from './alert-context.js';
export { episodeId } from './episode-change.js';
export { REMOVAL_REASON_TEXT } from './removed-alerts.js';
export type { ConfiguredSlo, RemovalReason } from './removed-alerts.js';
export type { EpisodeDetails } from './episode-change.js';

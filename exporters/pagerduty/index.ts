export { PagerDutyNotifier, DEFAULT_PAGERDUTY_EVENTS_URL } from './pagerduty-notifier.js';
export type { PagerDutyNotifierOptions } from './pagerduty-notifier.js';
export { pagerDutyEvent, pagerDutySeverity } from './pagerduty-event.js';
export type { PagerDutyEvent } from './pagerduty-event.js';

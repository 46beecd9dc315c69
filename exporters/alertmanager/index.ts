export { AlertmanagerNotifier, DEFAULT_ALERTNAME } from './alertmanager-notifier.js';
export type { AlertmanagerNotifierOptions } from './alertmanager-notifier.js';
export { alertmanagerAlert } from './alertmanager-alert.js';
export type { PostableAlert, AlertLabelling } from './alertmanager-alert.js';

export { SlackNotifier } from './slack-notifier.js';
export type { SlackNotifierOptions } from './slack-notifier.js';
export { slackMessage } from './slack-message.js';
export type { SlackMessage, SlackBlock, SlackText } from './slack-message.js';

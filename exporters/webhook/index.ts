export { WebhookNotifier } from './webhook-notifier.js';
export type { WebhookNotifierOptions, WebhookBody } from './webhook-notifier.js';
export { signWebhookBody, verifyWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, DELIVERY_HEADER } from './webhook-signature.js';
export type { VerificationInput, VerificationResult } from './webhook-signature.js';

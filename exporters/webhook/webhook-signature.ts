import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=<hex HMAC-SHA256 of the raw body>`. */
export const SIGNATURE_HEADER = 'x-outpost-signature';
/** Unix seconds when the request was signed; the same instant is `sentAt` inside the signed body. */
export const TIMESTAMP_HEADER = 'x-outpost-timestamp';
/** The notification id: the same on every retry, so receivers can drop duplicates. */
export const DELIVERY_HEADER = 'x-outpost-delivery';

/** The signature header's value for `body` (the exact bytes sent). */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export type VerificationResult =
  | { valid: true }
  | { valid: false; reason: 'missing-signature' | 'bad-signature' | 'missing-timestamp' | 'timestamp-mismatch' | 'stale' };

export interface VerificationInput {
  secret: string;
  /** The raw request body, before any JSON parsing. */
  body: string;
  signature: string | undefined | null;
  timestamp: string | undefined | null;
  /** Oldest (or most in the future) a request may be. Default 5 minutes. */
  toleranceMs?: number;
  nowMs?: number;
}

const DEFAULT_TOLERANCE_MS = 5 * 60_000;

/**
 * Checks a webhook request as a receiver should: the HMAC of the raw body matches (compared in
 * constant time), and the signed `sentAt` in the body equals the timestamp header and is recent,
 * so a captured request cannot be replayed later. Drop duplicates by the body's `id` as well.
 *
 * @example
 * const result = verifyWebhook({ secret, body: rawBody, signature: req.headers['x-outpost-signature'], timestamp: req.headers['x-outpost-timestamp'] });
 * if (!result.valid) return res.status(401).end();
 */
export function verifyWebhook(input: VerificationInput): VerificationResult {
  if (!input.signature) return { valid: false, reason: 'missing-signature' };
  const expected = Buffer.from(signWebhookBody(input.secret, input.body));
  const given = Buffer.from(input.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: 'bad-signature' };
  if (!input.timestamp || !/^\d+$/.test(input.timestamp)) return { valid: false, reason: 'missing-timestamp' };
  const signedAt = signedSentAt(input.body);
  const headerMs = Number(input.timestamp) * 1000;
  if (signedAt === undefined || Math.floor(signedAt / 1000) * 1000 !== headerMs) return { valid: false, reason: 'timestamp-mismatch' };
  const age = Math.abs((input.nowMs ?? Date.now()) - signedAt);
  return age <= (input.toleranceMs ?? DEFAULT_TOLERANCE_MS) ? { valid: true } : { valid: false, reason: 'stale' };
}

function signedSentAt(body: string): number | undefined {
  try {
    const parsed = JSON.parse(body) as { sentAt?: unknown };
    return typeof parsed.sentAt === 'string' && !Number.isNaN(Date.parse(parsed.sentAt)) ? Date.parse(parsed.sentAt) : undefined;
  } catch {
    return undefined;
  }
}

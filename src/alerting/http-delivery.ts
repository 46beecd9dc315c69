import type { DeliveryResult } from './notifier.js';

/** One HTTP POST of a notification. */
export interface HttpPost {
  url: string;
  body: string;
  headers?: Record<string, string>;
  /** The whole attempt (connect, send, response) must finish within this. */
  timeoutMs: number;
  /** The clock for Retry-After dates (default `Date.now`). */
  nowMs?: () => number;
}

/** How much of an error response goes into the delivery's last error. */
const MAX_BODY_CHARS = 300;

/**
 * POSTs `body` and maps the outcome: 2xx → success; 408, 425, 429 and 5xx → retryable (honouring
 * Retry-After); any other status → failure; a timeout or a network error → retryable.
 * Messages never include the URL (incoming-webhook URLs are secrets).
 */
export async function postNotification(request: HttpPost): Promise<DeliveryResult> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'outpost-alerting', ...request.headers },
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    return { status: 'retryable', error: networkError(error, request.timeoutMs) };
  }
  const text = await readBody(response);
  if (response.ok) return { status: 'success' };
  const error = `HTTP ${response.status}${text === '' ? '' : `: ${text}`}`;
  if (!isRetryableStatus(response.status)) return { status: 'failure', error };
  const retryInMs = parseRetryAfter(response.headers.get('retry-after'), (request.nowMs ?? Date.now)());
  return retryInMs === undefined ? { status: 'retryable', error } : { status: 'retryable', retryInMs, error };
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/**
 * Retry-After as milliseconds from now: delay-seconds or an HTTP date (RFC 9110 §10.2.3);
 * undefined when absent or unreadable.
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function networkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no response within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `request failed: ${detail}`;
}

/** The start of the body as one line (the request's timeout signal bounds the read too). */
async function readBody(response: Response): Promise<string> {
  try {
    const line = (await response.text()).replace(/\s+/g, ' ').trim();
    return line.length <= MAX_BODY_CHARS ? line : `${line.slice(0, MAX_BODY_CHARS - 1)}…`;
  } catch {
    return '';
  }
}

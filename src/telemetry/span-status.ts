import { SpanStatusCode, type HrTime, type Span } from '@opentelemetry/api';
import type { ErrorInfo } from '../journey/index.js';

/**
 * A step or journey that passed was verified to work: status OK, not merely "no error seen"
 * (unset). Backends can then tell checked success from unchecked spans such as requests.
 */
export function markPassed(span: Span): void {
  span.setStatus({ code: SpanStatusCode.OK });
}

/**
 * Marks a span failed: status ERROR with the first line of the message, plus an `exception`
 * event carrying the full message and stack (what backends show and group errors by).
 */
export function markFailed(span: Span, error: ErrorInfo | undefined, fallbackMessage: string, at: HrTime): void {
  const message = error?.message ?? fallbackMessage;
  span.setStatus({ code: SpanStatusCode.ERROR, message: firstLine(message) });
  span.recordException({ name: exceptionType(error?.stack), message, stack: error?.stack }, at);
}

/** `TimeoutError` from `TimeoutError: locator.click: …`; `Error` when the stack does not say. */
function exceptionType(stack: string | undefined): string {
  return /^([A-Za-z_$][\w$.]*)(?::|$)/.exec(stack ?? '')?.[1] ?? 'Error';
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}

import { SpanKind, SpanStatusCode, type Attributes, type Context, type Tracer } from '@opentelemetry/api';
import type { NetworkEvent } from '../runner/run-observer.js';
import { HTTP_ATTRIBUTES as H, OUTPOST_ATTRIBUTES as A } from './attribute-names.js';
import { toHrTime } from './span-time.js';

const KNOWN_METHODS = new Set(['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE']);
const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/**
 * Records one request of a step as a CLIENT span under the step's span, named and attributed
 * per the HTTP semantic conventions. Status ERROR when the request failed or got a 5xx; a 4xx
 * is left unset on purpose (the conventions suggest ERROR for client spans): a journey's 404
 * favicon or expected 401 would otherwise paint every trace red, and the step's own
 * assertions already decide whether the journey failed.
 */
export function recordNetworkSpan(tracer: Tracer, stepContext: Context, event: NetworkEvent): void {
  const method = event.method.toUpperCase();
  const known = KNOWN_METHODS.has(method);
  const span = tracer.startSpan(
    known ? method : 'HTTP',
    { kind: SpanKind.CLIENT, startTime: toHrTime(event.startTime), attributes: networkAttributes(event, method, known) },
    stepContext,
  );
  const errorType = networkErrorType(event);
  if (errorType !== undefined) {
    span.setAttribute(H.errorType, errorType);
    span.setStatus({ code: SpanStatusCode.ERROR, message: event.failure });
  }
  span.end(toHrTime(Math.max(event.startTime, event.endTime)));
}

function networkAttributes(event: NetworkEvent, method: string, known: boolean): Attributes {
  const url = parseUrl(event.url);
  return {
    [H.method]: known ? method : '_OTHER',
    ...(known ? {} : { [H.methodOriginal]: event.method }),
    [H.url]: url === undefined ? event.url : withoutCredentials(url),
    ...(url === undefined ? {} : serverAttributes(url)),
    ...(event.status === undefined ? {} : { [H.statusCode]: event.status }),
    [A.requestResourceType]: event.resourceType,
    [A.requestPropagated]: event.propagated,
  };
}

/** The failure text (`net::ERR_CONNECTION_REFUSED`) or the 5xx code as a string, per `error.type`. */
function networkErrorType(event: NetworkEvent): string | undefined {
  if (event.failure !== undefined) return event.failure.trim() === '' ? '_OTHER' : event.failure;
  if (event.status !== undefined && event.status >= 500) return String(event.status);
  return undefined;
}

function serverAttributes(url: URL): Attributes {
  const port = url.port === '' ? DEFAULT_PORTS[url.protocol] : Number(url.port);
  return { [H.serverAddress]: url.hostname, ...(port === undefined ? {} : { [H.serverPort]: port }) };
}

/** `url.full` must not carry `user:password@`. */
function withoutCredentials(url: URL): string {
  if (url.username === '' && url.password === '') return url.href;
  const copy = new URL(url.href);
  copy.username = 'REDACTED';
  copy.password = 'REDACTED';
  return copy.href;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

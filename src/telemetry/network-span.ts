import { SpanKind, SpanStatusCode, type Attributes, type Context, type Tracer } from '@opentelemetry/api';
import type { NetworkEvent } from '../runner/run-observer.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_METHOD_ORIGINAL,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_FULL,
  OUTPOST_ATTRIBUTES as A,
} from './attribute-names.js';
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
    span.setAttribute(ATTR_ERROR_TYPE, errorType);
    span.setStatus({ code: SpanStatusCode.ERROR, message: event.failure });
  }
  span.end(toHrTime(Math.max(event.startTime, event.endTime)));
}

function networkAttributes(event: NetworkEvent, method: string, known: boolean): Attributes {
  const url = parseUrl(event.url);
  return {
    [ATTR_HTTP_REQUEST_METHOD]: known ? method : '_OTHER',
    ...(known ? {} : { [ATTR_HTTP_REQUEST_METHOD_ORIGINAL]: event.method }),
    [ATTR_URL_FULL]: url === undefined ? event.url : withoutCredentials(url),
    ...(url === undefined ? {} : serverAttributes(url)),
    ...(event.status === undefined ? {} : { [ATTR_HTTP_RESPONSE_STATUS_CODE]: event.status }),
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
  return { [ATTR_SERVER_ADDRESS]: url.hostname, ...(port === undefined ? {} : { [ATTR_SERVER_PORT]: port }) };
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

/**
 * Every attribute name Outpost puts on spans, resources and metric data points, in one place,
 * so dashboards, alert rules and the code agree on spelling.
 */

/** Outpost's own span and resource attributes (the `outpost.` namespace). */
export const OUTPOST_ATTRIBUTES = {
  journeyName: 'outpost.journey.name',
  journeyStatus: 'outpost.journey.status',
  journeyTags: 'outpost.journey.tags',
  cujId: 'outpost.cuj.id',
  location: 'outpost.location',
  target: 'outpost.target',
  targetUrl: 'outpost.target.url',
  runId: 'outpost.run.id',
  runAttempt: 'outpost.run.attempt',
  sessionId: 'outpost.session.id',
  stepIndex: 'outpost.step.index',
  stepName: 'outpost.step.name',
  stepStatus: 'outpost.step.status',
  stepSoft: 'outpost.step.soft',
  /** Playwright's resource type of a request (`document`, `xhr`, `fetch`, `api`). */
  requestResourceType: 'outpost.request.resource_type',
  /** Whether the request carried our `traceparent` (the backend's spans can join the trace). */
  requestPropagated: 'outpost.request.propagated',
} as const;

import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_METHOD_ORIGINAL,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_FULL,
} from '@opentelemetry/semantic-conventions';

/** HTTP client span attributes (stable semantic conventions) on network spans. */
export const HTTP_ATTRIBUTES = {
  method: ATTR_HTTP_REQUEST_METHOD,
  methodOriginal: ATTR_HTTP_REQUEST_METHOD_ORIGINAL,
  url: ATTR_URL_FULL,
  serverAddress: ATTR_SERVER_ADDRESS,
  serverPort: ATTR_SERVER_PORT,
  statusCode: ATTR_HTTP_RESPONSE_STATUS_CODE,
  errorType: ATTR_ERROR_TYPE,
} as const;

/**
 * Resource attributes from the semantic conventions. `host.name` is still "incubating" there,
 * so it is spelled here rather than importing the unstable entry point.
 */
export { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
export const ATTR_HOST_NAME = 'host.name';

/**
 * Labels on Outpost's metric data points. Short on purpose: they become Prometheus labels
 * (`outpost_journey_runs_total{journey="checkout",status="failed"}`) and SLO rules select on them.
 */
export const METRIC_ATTRIBUTES = {
  status: 'status',
  journey: 'journey',
  cuj: 'cuj',
  location: 'location',
  target: 'target',
  step: 'step',
  /** What the attempt means for its probe: `passed`, `degraded`, `failed`, `retried`, `invalid` (see probe-outcome.ts). */
  outcome: 'outcome',
  /** SLO gauges: which SLO, and the burn-rate window (`5m`, `1h`, …). */
  slo: 'slo',
  window: 'window',
} as const;

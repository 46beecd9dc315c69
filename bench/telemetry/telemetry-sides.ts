import type { OtlpReceiver } from '../../test/helpers/otlp-receiver.js';

/**
 * What each side turns on. `off` and `on` are the comparison the issue asks for; the others
 * switch one part off again, to see where `on`'s cost goes (`--sides off,on,no-propagation`).
 */
export const SIDES = {
  off: { telemetry: false, propagation: false, networkSpans: false },
  on: { telemetry: true, propagation: true, networkSpans: true },
  'no-propagation': { telemetry: true, propagation: false, networkSpans: true },
  'no-network-spans': { telemetry: true, propagation: true, networkSpans: false },
} as const;

export type Side = keyof typeof SIDES;
export const SIDE_NAMES = Object.keys(SIDES) as Side[];

/** The order of the sides in batch `index` (0-based): as given, then reversed, … (ABBA). */
export function batchOrder(sides: readonly Side[], index: number): Side[] {
  return index % 2 === 0 ? [...sides] : [...sides].reverse();
}

/**
 * The child's environment for one side: no inherited `OTEL_*` variable (the config decides
 * everything), the collector's URL only when telemetry is on, and the parts switched off.
 */
export function sideEnv(side: Side, collectorUrl: string, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(base).filter(([name]) => !name.startsWith('OTEL_') && !name.startsWith('OUTPOST_BENCH_')));
  const parts = SIDES[side];
  if (!parts.telemetry) return env;
  return { ...env, OUTPOST_BENCH_OTLP_ENDPOINT: collectorUrl, OUTPOST_BENCH_PROPAGATION: String(parts.propagation), OUTPOST_BENCH_NETWORK_SPANS: String(parts.networkSpans) };
}

/** What the collector received from one child. */
export interface Received {
  journeySpans: number;
  stepSpans: number;
  networkSpans: number;
  /** Network spans of requests that carried a `traceparent`. */
  propagatedSpans: number;
  /** `outpost.journey.runs` summed over its last data point per attribute set. */
  journeyRunsCounted: number;
  exportRequests: number;
  decodeErrors: number;
}

/** Counts what arrived since the last call and forgets it (the receiver keeps everything otherwise). */
export function drainReceiver(receiver: OtlpReceiver): Received {
  const spans = receiver.spans.splice(0);
  const points = receiver.points.splice(0);
  const requests = receiver.requests.splice(0);
  const errors = receiver.errors.splice(0);
  const lastRunsPoint = new Map<string, number>();
  for (const point of points) if (point.metric === 'outpost.journey.runs') lastRunsPoint.set(JSON.stringify(point.attributes), point.value ?? 0);
  return {
    journeySpans: spans.filter((s) => s.name.startsWith('journey ')).length,
    stepSpans: spans.filter((s) => s.name.startsWith('step ')).length,
    networkSpans: spans.filter((s) => s.kind === 3).length,
    propagatedSpans: spans.filter((s) => s.kind === 3 && s.attributes['outpost.request.propagated'] === true).length,
    journeyRunsCounted: [...lastRunsPoint.values()].reduce((a, b) => a + b, 0),
    exportRequests: requests.length,
    decodeErrors: errors.length,
  };
}

/**
 * Why what arrived does not match the side, or undefined when it does: with telemetry on, a
 * journey span and a span per step for each run, the run counter, and network spans (with
 * propagated requests among them) exactly when those parts are on; `off` must deliver nothing.
 */
export function telemetryProblem(side: Side, runs: number, steps: number, received: Received): string | undefined {
  const parts = SIDES[side];
  if (received.decodeErrors > 0) return `${received.decodeErrors} export requests could not be decoded`;
  if (!parts.telemetry) return received.exportRequests === 0 ? undefined : `telemetry off, yet ${received.exportRequests} export requests arrived`;
  const problems = [
    received.journeySpans === runs ? undefined : `${received.journeySpans} journey spans for ${runs} runs`,
    received.stepSpans === runs * steps ? undefined : `${received.stepSpans} step spans for ${runs} runs of ${steps} steps`,
    !parts.networkSpans || received.networkSpans >= runs ? undefined : `only ${received.networkSpans} network spans`,
    parts.networkSpans || received.networkSpans === 0 ? undefined : `${received.networkSpans} network spans, though they are off`,
    !parts.networkSpans || !parts.propagation || received.propagatedSpans > 0 ? undefined : 'no network span of a request that carried traceparent',
    parts.propagation || received.propagatedSpans === 0 ? undefined : `${received.propagatedSpans} requests carried traceparent, though propagation is off`,
    received.journeyRunsCounted === runs ? undefined : `outpost.journey.runs counted ${received.journeyRunsCounted} for ${runs} runs`,
  ].filter((p) => p !== undefined);
  return problems.length === 0 ? undefined : problems.join('; ');
}

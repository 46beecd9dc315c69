import type { JourneyResult } from '../journey/index.js';
import {
  buildSloSeries,
  classifyRun,
  evaluateSlo,
  resolveSlo,
  rollUpRuns,
  seriesRangeFor,
  type ResolvedSlo,
  type SloDefinition,
  type SloEvaluation,
} from '../scoring/index.js';
import type { AlertMessage } from './alert-message.js';
import type { DeliveryResult, Notifier, OutgoingNotification } from './notifier.js';

/*
 * Test fixtures for alerting: probe runs as the runner stores them, SLO evaluations computed
 * from them by the pure scoring engine, and a notifier that records what it was given.
 * Not used outside tests.
 */

export const MINUTE = 60_000;
/** A whole minute, so evaluations line up with minute buckets. */
export const T0 = Date.UTC(2025, 4, 5, 12, 0);

/** 99% availability of the checkout journey, with a fast page tier (2% in 1h) and a slower ticket tier (5% in 6h). */
export const CHECKOUT_SLO: SloDefinition = {
  name: 'checkout-availability',
  journey: 'checkout',
  sli: { kind: 'availability' },
  objective: 0.99,
  tiers: [
    { name: 'page-1h', severity: 'page', budgetShare: 0.02, longWindowMs: 60 * MINUTE },
    { name: 'ticket-6h', severity: 'ticket', budgetShare: 0.05, longWindowMs: 360 * MINUTE },
  ],
  metadata: { runbookUrl: 'https://runbooks.example.com/checkout', owner: 'team-shop' },
};

export interface ProbeRuns {
  journey?: string;
  fromMs: number;
  toMs: number;
  locations?: readonly string[];
  /** True for the minutes (epoch ms) whose runs fail at step "pay". */
  failing?: (minuteMs: number) => boolean;
  error?: string;
}

/** One run a minute per location in [fromMs, toMs): passing, or failing at step "pay" with a screenshot and a trace id. */
export function probeRuns(options: ProbeRuns): JourneyResult[] {
  const runs: JourneyResult[] = [];
  const journey = options.journey ?? 'checkout';
  for (let minute = options.fromMs; minute < options.toMs; minute += MINUTE) {
    for (const location of options.locations ?? ['eu', 'us']) {
      const failed = options.failing?.(minute) ?? false;
      const id = `${journey}-${location}-${minute}`;
      runs.push({
        id,
        journey,
        cuj: { id: 'buy', description: 'A shopper can pay for a basket' },
        location,
        target: { name: 'production', url: 'https://shop.example.com' },
        startedAt: new Date(minute + 1_000).toISOString(),
        durationMs: 2_000,
        status: failed ? 'failed' : 'passed',
        attempt: 1,
        steps: [
          { index: 0, name: 'open home', soft: false, status: 'passed', durationMs: 500 },
          failed
            ? { index: 1, name: 'pay', soft: false, status: 'failed', durationMs: 1_500, error: { message: options.error ?? 'expected status 200, got 503' } }
            : { index: 1, name: 'pay', soft: false, status: 'passed', durationMs: 1_500 },
        ],
        artifacts: failed ? { screenshot: `${id}/screenshot.png` } : {},
        tags: [],
        traceId: (minute / MINUTE).toString(16).padStart(32, '0'),
      });
    }
  }
  return runs;
}

/** The SLO's evaluation at `nowMs` over `runs`, as the scoring engine computes it from rollups. */
export function evaluateRuns(definition: SloDefinition | ResolvedSlo, runs: readonly JourneyResult[], nowMs: number): SloEvaluation {
  const slo = 'budget' in definition ? definition : resolveSlo(definition);
  const classified = runs
    .filter((run) => run.journey === slo.journey && Date.parse(run.startedAt) < nowMs)
    .map((run) => ({ startedAtMs: Date.parse(run.startedAt), location: run.location, outcome: classifyRun(slo.sli, [run]) }));
  return evaluateSlo(slo, buildSloSeries(slo, rollUpRuns(classified), seriesRangeFor(slo, nowMs)), nowMs);
}

/** A notifier that records each attempt and answers what `next` says (success by default). */
export class RecordingNotifier implements Notifier {
  readonly received: OutgoingNotification[] = [];
  next: (notification: OutgoingNotification) => DeliveryResult = () => ({ status: 'success' });

  async deliver(notification: OutgoingNotification): Promise<DeliveryResult> {
    this.received.push(notification);
    return this.next(notification);
  }

  kinds(): string[] {
    return this.received.map((n) => `${n.message.tier}:${n.message.kind}`);
  }
}

/** A complete firing message, for the exporters' payload tests. */
export function firingMessage(overrides: Partial<AlertMessage> = {}): AlertMessage {
  return {
    kind: 'trigger',
    state: 'firing',
    dedupKey: 'outpost/slo/checkout-availability/page-1h',
    slo: 'checkout-availability',
    journey: 'checkout',
    cuj: { id: 'buy', description: 'A shopper can pay for a basket' },
    tier: 'page-1h',
    severity: 'page',
    summary: 'SLO checkout-availability (journey checkout) burns its error budget at 33.3× the sustainable rate over 1h (page-1h); 62.5% of the error budget left',
    reason: null,
    firingSince: '2025-05-05T12:20:00.000Z',
    resolvedAt: null,
    evaluatedAt: '2025-05-05T12:20:00.000Z',
    burnRateThreshold: 13.44,
    long: { window: '1h', errorRatio: 0.333, burnRate: 33.3, events: 120, bad: 40 },
    short: { window: '5m', errorRatio: 1, burnRate: 100, events: 10, bad: 10 },
    objective: 0.99,
    budgetRemaining: 0.625,
    runbookUrl: 'https://runbooks.example.com/checkout',
    owner: 'team-shop',
    failingStep: { name: 'pay', failures: 40, lastError: 'expected status 200, got 503 <html>' },
    latestFailedRun: {
      id: 'checkout-us-1746447540000',
      startedAt: '2025-05-05T12:19:01.000Z',
      location: 'us',
      status: 'failed',
      traceId: '0000000000000000000000000001bc0f',
      url: 'https://outpost.example.com/runs/checkout-us-1746447540000',
      screenshotUrl: 'https://outpost.example.com/runs/checkout-us-1746447540000/screenshot',
      traceUrl: 'https://grafana.example.com/explore?traceId=0000000000000000000000000001bc0f',
    },
    failedRuns: 40,
    dashboardUrl: 'https://outpost.example.com',
    ...overrides,
  };
}

/** The resolve that ends {@link firingMessage}. */
export function resolvedMessage(overrides: Partial<AlertMessage> = {}): AlertMessage {
  return firingMessage({
    kind: 'resolve',
    state: 'resolved',
    resolvedAt: '2025-05-05T12:40:00.000Z',
    summary: 'Resolved: SLO checkout-availability (journey checkout) is back under its page-1h burn rate; 60.0% of the error budget left',
    ...overrides,
  });
}

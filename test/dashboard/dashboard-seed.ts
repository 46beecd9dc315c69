import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { JourneyResult, StepResult } from '../../src/journey/index.js';
import type { ResultStore } from '../../src/store/index.js';

/** Payloads that would run script if the dashboard ever printed them unescaped. */
export const XSS_STEP = '<script>alert("step")</script>';
export const XSS_ERROR = '"><img src=x onerror=alert("error")>';

export const CHECKOUT_ERROR = 'expected "Order confirmed" — got "Card declined (402)"';

/** The CUJs of the seeded store, in the board's urgency order, with what the board must say. */
export const EXPECTED_BOARD = [
  { journey: 'checkout', status: 'page', events: 864, bad: 12, degraded: 0 },
  { journey: 'browse', status: 'ticket', events: 4320, bad: 36, degraded: 0 },
  { journey: 'cart', status: 'exhausted', events: 864, bad: 30, degraded: 0 },
  { journey: 'search', status: 'ok', events: 864, bad: 1, degraded: 5 },
  { journey: 'login', status: 'ok', events: 864, bad: 0, degraded: 0 },
  { journey: 'profile', status: 'no-data', events: 0, bad: 0, degraded: 0 },
] as const;

const MINUTE = 60_000;

/**
 * Three days of runs ending at `nowMs`, built so that, with the default SLO (99.5% over 28 days,
 * default tiers and guards):
 * - checkout fails every run of the last hour: the page tiers fire;
 * - browse (one run a minute) fails one run in 40 over the last day: the ticket tiers fire, not the pages;
 * - cart failed 30 runs two days ago: budget spent, nothing fires now;
 * - search has one failed run (its step name and error are XSS payloads) and 5 runs that passed on retry;
 * - login always passes; profile has no runs.
 * The newest failed checkout run has a screenshot and a trace in `resultsDir`.
 */
export async function seedDashboardStore(store: ResultStore, resultsDir: string, nowMs: number): Promise<{ failedCheckoutId: string; xssRunId: string }> {
  const runs: JourneyResult[] = [];
  const every = (minutes: number, count: number, make: (i: number, startedAtMs: number) => JourneyResult | JourneyResult[]) => {
    for (let i = 0; i < count; i++) runs.push(...[make(i, nowMs - i * minutes * MINUTE - 30_000)].flat());
  };
  every(5, 864, (i, at) => checkoutRun(i, at, i < 12));
  every(1, 4320, (i, at) => simpleRun('browse', i, at, i < 1440 && i % 40 === 20 ? 'failed' : 'passed'));
  every(5, 864, (i, at) => simpleRun('cart', i, at, i >= 576 && i < 606 ? 'failed' : 'passed'));
  every(5, 864, (i, at) => searchRuns(i, at));
  every(5, 864, (i, at) => simpleRun('login', i, at, 'passed'));
  await store.saveRuns(runs);
  await writeArtifacts(resultsDir, 'checkout-0');
  return { failedCheckoutId: 'checkout-0', xssRunId: 'search-100' };
}

/** Runs alternate between two locations by their index. */
function base(journey: string, i: number, startedAtMs: number, id = `${journey}-${i}`): Omit<JourneyResult, 'status' | 'steps' | 'durationMs'> {
  return {
    id,
    journey,
    cuj: { id: journey, description: `A customer can ${journey}` },
    location: i % 2 === 0 ? 'eu-west' : 'us-east',
    target: { name: 'production', url: 'https://shop.example.com' },
    startedAt: new Date(startedAtMs).toISOString(),
    attempt: 1,
    artifacts: {},
    tags: [],
  };
}

function step(index: number, name: string, startedAtMs: number, durationMs: number, status: StepResult['status'] = 'passed', message?: string): StepResult {
  return { index, name, soft: false, status, startedAt: new Date(startedAtMs).toISOString(), durationMs, ...(message === undefined ? {} : { error: { message } }) };
}

function simpleRun(journey: string, i: number, at: number, status: 'passed' | 'failed'): JourneyResult {
  const ms = 600 + (i % 9) * 40;
  return { ...base(journey, i, at), status, durationMs: ms, steps: [step(0, 'open', at, ms, status === 'passed' ? 'passed' : 'failed', status === 'passed' ? undefined : 'timeout 5000ms waiting for the product list')] };
}

function checkoutRun(i: number, at: number, failed: boolean): JourneyResult {
  const run: JourneyResult = {
    ...base('checkout', i, at),
    status: failed ? 'failed' : 'passed',
    durationMs: failed ? 3_400 : 2_100,
    steps: [
      step(0, 'open home', at, 500),
      step(1, 'add to cart', at + 500, 700),
      step(2, 'pay', at + 1_200, failed ? 2_200 : 900, failed ? 'failed' : 'passed', failed ? CHECKOUT_ERROR : undefined),
    ],
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    endpoints: [{ step: 2, method: 'POST', host: 'shop.example.com', path: '/api/orders', status: failed ? 402 : 201, count: 1, totalMs: 180 }],
  };
  if (i === 0) run.artifacts = { screenshot: 'checkout-0/screenshot.png', trace: 'checkout-0/trace.zip' };
  return run;
}

/** One failed run with XSS payloads; five probes that passed on a retry (attempt 1 failed, 2 passed). */
function searchRuns(i: number, at: number): JourneyResult[] {
  if (i === 100) {
    return [{ ...base('search', i, at), status: 'failed', durationMs: 900, steps: [step(0, XSS_STEP, at, 900, 'failed', XSS_ERROR)], error: { message: XSS_ERROR } }];
  }
  const passed: JourneyResult = { ...base('search', i, at), status: 'passed', durationMs: 800, steps: [step(0, 'find a product', at, 800)] };
  if (i % 100 !== 50 || i > 450) return [passed];
  const retry = { ...passed, id: `search-${i}-retry`, attempt: 2, startedAt: new Date(at + 3_000).toISOString() };
  return [{ ...passed, status: 'failed', steps: [step(0, 'find a product', at, 800, 'failed', 'no results')] }, retry];
}

export const FIRING_ALERT = { slo: 'checkout-availability', tier: 'page-1h', pagerDutyError: 'HTTP 503 from events.pagerduty.com' } as const;

/**
 * What serve's alerting cycle would have written, through the store's alert API: checkout's
 * page-1h alert firing for the last 40 minutes (delivered to Slack, PagerDuty still retrying),
 * browse's ticket-24h alert firing for 3 hours, and cart's ticket-72h alert that fired two days
 * ago and resolved.
 */
export async function seedAlerts(store: ResultStore, nowMs: number): Promise<void> {
  const firingSinceMs = nowMs - 40 * MINUTE;
  const key = (slo: string, tier: string) => `outpost/slo/${slo}/${tier}`;
  const state = (slo: string, tier: string, status: 'firing' | 'resolved', since: number, resolvedAtMs: number | null) => ({
    state: { slo, tier, dedupKey: key(slo, tier), status, firingSinceMs: since, resolvedAtMs, lastNotifiedAtMs: since, lastEvaluatedAtMs: nowMs - MINUTE },
    expectedVersion: null,
  });
  const delivery = (slo: string, tier: string, channel: string, kind: 'trigger' | 'resolve', at: number) => ({
    id: `${key(slo, tier)}@${at}/${channel}/${kind}`, dedupKey: key(slo, tier), channel, kind, severity: tier.split('-')[0]!, createdAtMs: at, message: { summary: `${slo} ${kind}` },
  });
  const opened = (slo: string, journey: string, tier: string, since: number) => ({
    kind: 'open' as const,
    episode: {
      id: `${key(slo, tier)}@${since}`, dedupKey: key(slo, tier), slo, journey, tier, severity: tier.split('-')[0]!, firingSinceMs: since,
      fired: { burnRate: 200, budgetRemaining: -1.5 },
      details: { failingStep: { name: 'pay', failures: 12, lastError: CHECKOUT_ERROR }, latestFailedRun: { id: 'checkout-0' } },
    },
  });
  const cartSince = nowMs - 50 * 60 * MINUTE;
  await store.alerts.recordTransitions({
    states: [
      state(FIRING_ALERT.slo, FIRING_ALERT.tier, 'firing', firingSinceMs, null),
      state('browse-availability', 'ticket-24h', 'firing', nowMs - 180 * MINUTE, null),
      state('cart-availability', 'ticket-72h', 'resolved', cartSince, cartSince + 90 * MINUTE),
    ],
    episodes: [
      opened(FIRING_ALERT.slo, 'checkout', FIRING_ALERT.tier, firingSinceMs),
      opened('browse-availability', 'browse', 'ticket-24h', nowMs - 180 * MINUTE),
      opened('cart-availability', 'cart', 'ticket-72h', cartSince),
      { kind: 'close', id: `${key('cart-availability', 'ticket-72h')}@${cartSince}`, atMs: cartSince + 90 * MINUTE, reading: { burnRate: 0.9, budgetRemaining: -5 } },
    ],
    deliveries: [
      delivery(FIRING_ALERT.slo, FIRING_ALERT.tier, 'slack', 'trigger', firingSinceMs),
      delivery(FIRING_ALERT.slo, FIRING_ALERT.tier, 'pagerduty', 'trigger', firingSinceMs),
    ],
  });
  const claimed = await store.alerts.claimDeliveries({ owner: 'seed', nowMs, leaseMs: 60_000, limit: 10, channels: ['slack', 'pagerduty'] });
  for (const d of claimed) {
    const outcome = d.channel === 'slack'
      ? { status: 'delivered' as const, atMs: firingSinceMs + 2_000 }
      : { status: 'failed-retrying' as const, atMs: firingSinceMs + 2_000, error: FIRING_ALERT.pagerDutyError, nextAttemptAtMs: nowMs + MINUTE };
    await store.alerts.completeDelivery(d.id, 'seed', outcome);
  }
}

/** A real (tiny) PNG and a stand-in trace zip for the failed checkout run. */
async function writeArtifacts(resultsDir: string, runId: string): Promise<void> {
  await mkdir(join(resultsDir, runId), { recursive: true });
  await writeFile(join(resultsDir, runId, 'screenshot.png'), png(64, 40));
  await writeFile(join(resultsDir, runId, 'trace.zip'), Buffer.from('PK\u0005\u0006' + '\u0000'.repeat(18), 'latin1'));
}

/** A solid red PNG of the given size. */
export function png(width: number, height: number): Buffer {
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([0xcf, 0x22, 0x2e]))]);
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

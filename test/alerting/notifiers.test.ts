import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AlertmanagerNotifier } from '../../exporters/alertmanager/index.js';
import { PagerDutyNotifier } from '../../exporters/pagerduty/index.js';
import { SlackNotifier } from '../../exporters/slack/index.js';
import { verifyWebhook, WebhookNotifier, type WebhookBody } from '../../exporters/webhook/index.js';
import { OutboxDeliverer, type AlertMessage, type Notifier } from '../../src/alerting/index.js';
import { firingMessage, resolvedMessage } from '../../src/alerting/alerting-test-fixtures.js';
import { SILENT_LOGGER } from '../../src/scheduler/index.js';
import { openStore, type ResultStore } from '../../src/store/index.js';
import { startHttpReceiver, type HttpReceiver } from '../helpers/http-receiver.js';

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterAll(async () => {
  await receiver.close();
});
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.fallback = { status: 200, body: 'ok' };
});

const ROUTING_KEY = 'R0UTING-KEY-0123456789abcdef';
const HMAC_SECRET = 'whsec-s3cret';
const json = (index = 0) => receiver.requests[index]?.json as Record<string, unknown>;

describe('PagerDuty Events v2', () => {
  const notifier = () => new PagerDutyNotifier({ routingKey: ROUTING_KEY, eventsUrl: `${receiver.url}/v2/enqueue`, timeoutMs: 2_000 });

  it('triggers with the dedup key, severity from the tier, details, links and the screenshot', async () => {
    receiver.queue({ status: 202, body: '{"status":"success","dedup_key":"x"}' });
    expect(await notifier().deliver({ id: 'n1', message: firingMessage() })).toEqual({ status: 'success' });
    expect(receiver.requests[0]?.path).toBe('/v2/enqueue');
    expect(json()).toEqual({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: 'outpost/slo/checkout-availability/page-1h',
      payload: {
        summary: firingMessage().summary,
        source: 'outpost/checkout',
        severity: 'critical',
        timestamp: '2025-05-05T12:20:00.000Z',
        component: 'checkout',
        group: 'checkout-availability',
        class: 'slo-burn-rate',
        custom_details: expect.objectContaining({
          cuj: 'A shopper can pay for a basket',
          burn_rate: '33.3× over 1h',
          budget_remaining: '62.5%',
          failing_step: 'pay',
          last_error: 'expected status 200, got 503 <html>',
          latest_failed_run: 'checkout-us-1746447540000',
          trace_id: '0000000000000000000000000001bc0f',
          runbook_url: 'https://runbooks.example.com/checkout',
        }),
      },
      links: [
        { href: 'https://runbooks.example.com/checkout', text: 'Runbook' },
        { href: 'https://outpost.example.com/runs/checkout-us-1746447540000', text: 'Latest failed run' },
        { href: 'https://grafana.example.com/explore?traceId=0000000000000000000000000001bc0f', text: 'Trace of the latest failed run' },
        { href: 'https://outpost.example.com', text: 'Outpost dashboard' },
      ],
      images: [
        {
          src: 'https://outpost.example.com/runs/checkout-us-1746447540000/screenshot',
          href: 'https://outpost.example.com/runs/checkout-us-1746447540000',
          alt: 'Screenshot of the latest failed run',
        },
      ],
      client: 'Outpost',
      client_url: 'https://outpost.example.com',
    });
  });

  it('maps ticket to warning, and resolves by dedup key alone', async () => {
    await notifier().deliver({ id: 'n1', message: firingMessage({ severity: 'ticket', tier: 'ticket-24h' }) });
    await notifier().deliver({ id: 'n2', message: resolvedMessage() });
    expect((json(0).payload as Record<string, unknown>).severity).toBe('warning');
    expect(json(1)).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: 'outpost/slo/checkout-availability/page-1h' });
  });
});

describe('Slack incoming webhook', () => {
  it('posts a text fallback and readable blocks with the fields and links', async () => {
    await new SlackNotifier({ webhookUrl: `${receiver.url}/services/T000/B000/XXXX`, timeoutMs: 2_000 }).deliver({ id: 'n1', message: firingMessage() });
    const body = json() as { text: string; blocks: { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] }[] };
    expect(body.text).toBe(`[PAGE] ${firingMessage().summary}. Failing step: pay (expected status 200, got 503 &lt;html&gt;). Runbook: https://runbooks.example.com/checkout`);
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'context']);
    expect(body.blocks[0]?.text?.text).toBe('🔴 Firing: checkout-availability (page-1h)');
    const fields = body.blocks[2]?.fields?.map((f) => f.text) ?? [];
    expect(fields).toContain('*Journey*\ncheckout — A shopper can pay for a basket');
    expect(fields).toContain('*Burn rate*\n33.3× over 1h · 100.0× over 5m (fires above 13.4×)');
    expect(fields).toContain('*Error budget left*\n62.5% (objective 99.0%)');
    expect(fields).toContain('*Failing step*\npay (40 of 40 failed runs)');
    expect(fields).toContain('*Last error*\n```expected status 200, got 503 &lt;html&gt;```');
    expect(body.blocks[3]?.text?.text).toBe(
      '<https://runbooks.example.com/checkout|Runbook> · <https://outpost.example.com/runs/checkout-us-1746447540000|Latest failed run> · ' +
        '<https://outpost.example.com/runs/checkout-us-1746447540000/screenshot|Screenshot> · <https://grafana.example.com/explore?traceId=0000000000000000000000000001bc0f|Trace> · ' +
        '<https://outpost.example.com|Dashboard>',
    );
    expect(body.blocks[4]?.elements?.[0]?.text).toBe('Outpost · alert `outpost/slo/checkout-availability/page-1h` · notification `n1`');
  });

  it('says when an alert resolved', async () => {
    await new SlackNotifier({ webhookUrl: `${receiver.url}/hook`, timeoutMs: 2_000 }).deliver({ id: 'n2', message: resolvedMessage() });
    const body = json() as { text: string; blocks: { text?: { text: string } }[] };
    expect(body.text.startsWith('[RESOLVED] Resolved: SLO checkout-availability')).toBe(true);
    expect(body.blocks[0]?.text?.text).toBe('✅ Resolved: checkout-availability (page-1h)');
  });

  it('says why an alert of a removed SLO resolved, without the numbers it no longer has', async () => {
    const removed = resolvedMessage({ reason: 'SLO removed from config', objective: null, burnRateThreshold: null, budgetRemaining: null, long: { window: '1h', errorRatio: null, burnRate: 20, events: 0, bad: 0 } });
    await new SlackNotifier({ webhookUrl: `${receiver.url}/hook`, timeoutMs: 2_000 }).deliver({ id: 'n3', message: removed });
    const body = json() as { blocks: { fields?: { text: string }[] }[] };
    const fields = body.blocks[2]?.fields?.map((f) => f.text) ?? [];
    expect(fields).toContain('*Reason*\nSLO removed from config');
    expect(fields).toContain('*Burn rate*\n20.0× over 1h');
    expect(fields).toContain('*Error budget left*\nunknown');
  });
});

describe('generic webhook', () => {
  const sentAt = Date.UTC(2025, 4, 5, 12, 20, 7, 900);
  const notifier = () => new WebhookNotifier({ url: `${receiver.url}/outpost`, secret: HMAC_SECRET, timeoutMs: 2_000, now: () => sentAt });

  it('signs the raw body with HMAC-SHA256 and a timestamp the receiver can verify', async () => {
    await notifier().deliver({ id: 'n1', message: firingMessage() });
    const request = receiver.requests[0]!;
    const body = request.json as WebhookBody;
    expect(body).toEqual({ id: 'n1', type: 'outpost.alert', version: 1, sentAt: '2025-05-05T12:20:07.000Z', alert: firingMessage() });
    expect(request.headers['x-outpost-delivery']).toBe('n1');
    expect(request.headers['idempotency-key']).toBe('n1');
    expect(request.headers['x-outpost-timestamp']).toBe(String(Date.UTC(2025, 4, 5, 12, 20, 7) / 1000));
    expect(request.headers['x-outpost-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    const verify = (overrides: Partial<Parameters<typeof verifyWebhook>[0]>) =>
      verifyWebhook({
        secret: HMAC_SECRET,
        body: request.body,
        signature: request.headers['x-outpost-signature'] as string,
        timestamp: request.headers['x-outpost-timestamp'] as string,
        nowMs: sentAt + 60_000,
        ...overrides,
      });
    expect(verify({})).toEqual({ valid: true });
    expect(verify({ secret: 'another secret' })).toEqual({ valid: false, reason: 'bad-signature' });
    expect(verify({ body: request.body.replace('"n1"', '"n2"') })).toEqual({ valid: false, reason: 'bad-signature' });
    expect(verify({ signature: undefined })).toEqual({ valid: false, reason: 'missing-signature' });
    expect(verify({ timestamp: String(Number(request.headers['x-outpost-timestamp']) + 600) })).toEqual({ valid: false, reason: 'timestamp-mismatch' });
    // The same request replayed an hour later.
    expect(verify({ nowMs: sentAt + 3_600_000 })).toEqual({ valid: false, reason: 'stale' });
  });
});

describe('Alertmanager payload', () => {
  it('posts one alert with stable labels, annotations and generatorURL; endsAt only on resolve', async () => {
    const notifier = new AlertmanagerNotifier({ url: `${receiver.url}/`, timeoutMs: 2_000, extraLabels: { team: 'shop', slo: 'overridden?' } });
    await notifier.deliver({ id: 'n1', message: firingMessage() });
    await notifier.deliver({ id: 'n2', message: resolvedMessage() });
    expect(receiver.requests.map((r) => r.path)).toEqual(['/api/v2/alerts', '/api/v2/alerts']);
    const [firing] = json(0) as unknown as Record<string, unknown>[];
    expect(firing).toMatchObject({
      labels: { alertname: 'OutpostSLOBurnRate', slo: 'checkout-availability', journey: 'checkout', tier: 'page-1h', severity: 'page', team: 'shop' },
      annotations: {
        summary: firingMessage().summary,
        runbook_url: 'https://runbooks.example.com/checkout',
        burn_rate: '33.3',
        budget_remaining: '62.5%',
        failing_step: 'pay',
        trace_id: '0000000000000000000000000001bc0f',
        screenshot_url: 'https://outpost.example.com/runs/checkout-us-1746447540000/screenshot',
      },
      startsAt: '2025-05-05T12:20:00.000Z',
      generatorURL: 'https://outpost.example.com/runs/checkout-us-1746447540000',
    });
    expect(firing).not.toHaveProperty('endsAt');
    const [resolved] = json(1) as unknown as Record<string, unknown>[];
    expect(resolved).toMatchObject({ startsAt: '2025-05-05T12:20:00.000Z', endsAt: '2025-05-05T12:40:00.000Z', labels: (firing as { labels: unknown }).labels });
  });
});

describe('delivery through the outbox', () => {
  let store: ResultStore;
  let clock: number;
  const T = Date.UTC(2025, 4, 5, 12, 20);

  beforeEach(async () => {
    store = await openStore(':memory:');
    clock = T;
  });
  afterEach(async () => {
    await store.close();
  });

  const channels: [string, () => Notifier][] = [
    ['pagerduty', () => new PagerDutyNotifier({ routingKey: ROUTING_KEY, eventsUrl: `${receiver.url}/v2/enqueue`, timeoutMs: 2_000 })],
    ['slack', () => new SlackNotifier({ webhookUrl: `${receiver.url}/slack`, timeoutMs: 2_000 })],
    ['webhook', () => new WebhookNotifier({ url: `${receiver.url}/hook`, secret: HMAC_SECRET, timeoutMs: 2_000, now: () => clock })],
    ['alertmanager', () => new AlertmanagerNotifier({ url: receiver.url, timeoutMs: 2_000 })],
  ];

  const enqueue = (channel: string, message: AlertMessage = firingMessage()) =>
    store.alerts.recordTransitions({
      states: [],
      episodes: [],
      deliveries: [{ id: `${channel}-1`, dedupKey: message.dedupKey, channel, kind: message.kind, severity: message.severity, createdAtMs: T, message }],
    });
  const deliverer = (channel: string, notifier: Notifier) =>
    new OutboxDeliverer({ store: store.alerts, channels: [{ name: channel, severities: ['page', 'ticket'], notifier }], owner: 'r1', logger: SILENT_LOGGER, now: () => clock, random: () => 1 });

  for (const [channel, notifier] of channels) {
    it(`${channel}: retries on 500 and 429 (after its Retry-After), then delivers the same notification`, async () => {
      await enqueue(channel);
      const outbox = deliverer(channel, notifier());
      receiver.queue({ status: 500, body: 'boom' }, { status: 429, headers: { 'retry-after': '30' } }, { status: 202 });
      expect(await outbox.deliverDue()).toMatchObject({ retrying: 1, delivered: 0 });
      expect((await store.alerts.queryDeliveries())[0]).toMatchObject({ status: 'failed-retrying', attempts: 1, lastError: 'HTTP 500: boom', nextAttemptAtMs: T + 5_000 });
      clock = T + 4_999;
      await outbox.deliverDue();
      expect(receiver.requests).toHaveLength(1);
      clock = T + 5_000;
      await outbox.deliverDue();
      expect((await store.alerts.queryDeliveries())[0]).toMatchObject({ status: 'failed-retrying', attempts: 2, lastError: 'HTTP 429', nextAttemptAtMs: T + 35_000 });
      clock = T + 35_000;
      expect(await outbox.deliverDue()).toMatchObject({ delivered: 1 });
      expect((await store.alerts.queryDeliveries())[0]).toMatchObject({ status: 'delivered', attempts: 3, deliveredAtMs: T + 35_000 });
      expect(receiver.requests).toHaveLength(3);
      const keys = receiver.requests.map((r) => dedupIdentity(channel, r.json));
      expect(new Set(keys).size).toBe(1);
    });

    it(`${channel}: does not retry a 400`, async () => {
      await enqueue(channel);
      const outbox = deliverer(channel, notifier());
      receiver.queue({ status: 400, body: 'invalid payload' });
      expect(await outbox.deliverDue()).toMatchObject({ gaveUp: 1 });
      clock = T + 86_400_000;
      await outbox.deliverDue();
      expect(receiver.requests).toHaveLength(1);
      expect((await store.alerts.queryDeliveries())[0]).toMatchObject({ status: 'gave-up', attempts: 1, lastError: 'HTTP 400: invalid payload' });
    });
  }
});

/** What identifies the notification to each receiver: dedup_key, the webhook id, the Alertmanager labels, Slack's context line. */
function dedupIdentity(channel: string, body: unknown): string {
  if (channel === 'pagerduty') return (body as { dedup_key: string }).dedup_key;
  if (channel === 'webhook') return (body as { id: string }).id;
  if (channel === 'alertmanager') return JSON.stringify((body as { labels: unknown }[])[0]?.labels);
  return JSON.stringify((body as { blocks: unknown[] }).blocks.at(-1));
}

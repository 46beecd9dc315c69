import { hostname } from 'node:os';
import { parseTraceParent } from '@opentelemetry/core';
import { afterEach, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import type { ReceivedSpan } from '../helpers/otlp-receiver.js';
import { BASE_MS, FAILING_CHECKOUT, PASSING_CHECKOUT, simulateRun } from './synthetic-runs.js';
import { PROTOCOLS, startTelemetryHarness, type TelemetryHarness } from './telemetry-harness.js';

const INTERNAL = 1;
const CLIENT = 3;
const UNSET = 0;
const OK = 1;
const ERROR = 2;

describe.each(PROTOCOLS)('trace export over OTLP %s', (protocol) => {
  let harness: TelemetryHarness;
  afterEach(() => harness.close());

  const byName = (name: string) => harness.receiver.spans.filter((span) => span.name === name);
  const one = (name: string): ReceivedSpan => {
    const found = byName(name);
    expect(found, name).toHaveLength(1);
    return found[0]!;
  };

  it('exports a root span per run and a child per step, with the runner’s times', async () => {
    harness = await startTelemetryHarness(protocol);
    simulateRun(harness.telemetry.observer, PASSING_CHECKOUT);
    await harness.telemetry.shutdown();

    expect(harness.receiver.errors).toEqual([]);
    expect(new Set(harness.receiver.requests.map((request) => request.encoding))).toEqual(new Set([protocol === 'http/json' ? 'json' : 'protobuf']));
    const root = one('journey checkout');
    expect(root.parentSpanId).toBeUndefined();
    expect(root.kind).toBe(INTERNAL);
    expect(root.status.code).toBe(OK);
    expect([root.startTimeMs, root.endTimeMs]).toEqual([BASE_MS, BASE_MS + 2_000]);
    const steps = harness.receiver.spans.filter((span) => span.name.startsWith('step ')).sort((a, b) => a.startTimeMs - b.startTimeMs);
    expect(steps.map((span) => span.name)).toEqual(['step open shop', 'step add to cart', 'step see cart']);
    expect(steps.map((span) => span.attributes['outpost.step.index'])).toEqual([0, 1, 2]);
    for (const step of steps) {
      expect(step.traceId).toBe(root.traceId);
      expect(step.parentSpanId).toBe(root.spanId);
      expect(step.status.code).toBe(OK);
    }
    expect([steps[1]!.startTimeMs, steps[1]!.endTimeMs]).toEqual([BASE_MS + 450, BASE_MS + 1_150]);
  });

  it('puts the run’s identity on the root span and the service on the resource', async () => {
    harness = await startTelemetryHarness(protocol);
    simulateRun(harness.telemetry.observer, { ...PASSING_CHECKOUT, attempt: 2, sessionId: 'session-7' }, 'run-42');
    await harness.telemetry.shutdown();

    const root = one('journey checkout');
    expect(root.attributes).toMatchObject({
      'outpost.journey.name': 'checkout',
      'outpost.cuj.id': 'buy-a-thing',
      'outpost.location': 'test-lab',
      'outpost.target': 'demo-shop',
      'outpost.target.url': 'http://shop.test:8080',
      'outpost.run.id': 'run-42',
      'outpost.run.attempt': 2,
      'outpost.session.id': 'session-7',
      'outpost.journey.status': 'passed',
      'outpost.journey.tags': ['smoke'],
    });
    expect(one('step see cart').attributes).toMatchObject({
      'outpost.step.name': 'see cart',
      'outpost.step.status': 'passed',
      'outpost.step.soft': false,
      'outpost.journey.name': 'checkout',
      'outpost.run.id': 'run-42',
    });
    expect(root.resource).toMatchObject({
      'service.name': 'outpost',
      'service.version': packageJson.version,
      'outpost.location': 'test-lab',
      'host.name': hostname(),
    });
    expect(root.scope).toBe('outpost');
  });

  it('marks a failed step and run ERROR with exception events, and keeps skipped steps visible', async () => {
    harness = await startTelemetryHarness(protocol);
    simulateRun(harness.telemetry.observer, FAILING_CHECKOUT);
    await harness.telemetry.shutdown();

    const root = one('journey checkout');
    expect(root.status).toEqual({ code: ERROR, message: 'step "pay": expected "Thank you" to be visible' });
    expect(root.attributes['outpost.journey.status']).toBe('failed');
    expect(root.events.map((event) => [event.name, event.attributes['exception.message']])).toEqual([['exception', 'step "pay": expected "Thank you" to be visible']]);

    const pay = one('step pay');
    expect(pay.status).toEqual({ code: ERROR, message: 'expected "Thank you" to be visible' });
    expect(pay.attributes['outpost.step.status']).toBe('failed');
    expect(pay.events).toHaveLength(1);
    expect(pay.events[0]!.name).toBe('exception');
    expect(pay.events[0]!.attributes).toMatchObject({
      'exception.type': 'Error',
      'exception.message': 'expected "Thank you" to be visible\nCall log: …',
      'exception.stacktrace': expect.stringContaining('at pay (checkout.ts:12:3)'),
    });
    expect(pay.events[0]!.timeMs).toBe(pay.endTimeMs);

    const banner = one('step banner');
    expect(banner.status.code).toBe(ERROR);
    expect(banner.attributes['outpost.step.soft']).toBe(true);

    const receipt = one('step receipt');
    expect(receipt.parentSpanId).toBe(root.spanId);
    expect(receipt.status.code).toBe(UNSET);
    expect(receipt.attributes).toMatchObject({ 'outpost.step.status': 'skipped', 'outpost.step.index': 3 });
    expect(receipt.endTimeMs).toBe(receipt.startTimeMs);
    expect(one('step log in').status.code).toBe(OK);
  });

  it('records each request as a CLIENT span under its step, per the HTTP conventions', async () => {
    harness = await startTelemetryHarness(protocol);
    simulateRun(harness.telemetry.observer, PASSING_CHECKOUT);
    simulateRun(harness.telemetry.observer, FAILING_CHECKOUT, 'run-2');
    await harness.telemetry.shutdown();

    const clients = harness.receiver.spans.filter((span) => span.kind === CLIENT);
    expect(clients.map((span) => span.name).sort()).toEqual(['GET', 'GET', 'POST', 'POST']);
    const addToCart = one('step add to cart');
    const post = clients.find((span) => span.attributes['url.full'] === 'https://api.shop.test/cart?item=42')!;
    expect(post.parentSpanId).toBe(addToCart.spanId);
    expect(post.traceId).toBe(addToCart.traceId);
    expect([post.startTimeMs, post.endTimeMs]).toEqual([BASE_MS + 500, BASE_MS + 650]);
    expect(post.status.code).toBe(UNSET);
    expect(post.attributes).toEqual({
      'http.request.method': 'POST',
      'url.full': 'https://api.shop.test/cart?item=42',
      'server.address': 'api.shop.test',
      'server.port': 443,
      'http.response.status_code': 201,
      'outpost.request.resource_type': 'fetch',
      'outpost.request.propagated': true,
    });

    const unavailable = clients.find((span) => span.attributes['http.response.status_code'] === 503)!;
    expect(unavailable.parentSpanId).toBe(addToCart.spanId);
    expect(unavailable.status.code).toBe(ERROR);
    expect(unavailable.attributes['error.type']).toBe('503');

    const refused = clients.find((span) => span.attributes['url.full'] === 'https://pay.test/charge')!;
    expect(refused.parentSpanId).toBe(one('step pay').spanId);
    expect(refused.status).toEqual({ code: ERROR, message: 'net::ERR_CONNECTION_REFUSED' });
    expect(refused.attributes['error.type']).toBe('net::ERR_CONNECTION_REFUSED');
    expect(refused.attributes).not.toHaveProperty('http.response.status_code');

    const document = clients.find((span) => span.attributes['url.full'] === 'http://shop.test:8080/')!;
    expect(document.parentSpanId).toBe(one('step open shop').spanId);
    expect(document.attributes['server.port']).toBe(8080);
  });

  it('hands out a traceparent that names the step span, with the synthetic tracestate', async () => {
    harness = await startTelemetryHarness(protocol);
    const run = simulateRun(harness.telemetry.observer, PASSING_CHECKOUT);
    await harness.telemetry.shutdown();

    const root = one('journey checkout');
    const stepNames = ['step open shop', 'step add to cart', 'step see cart'];
    expect(run.headers).toHaveLength(3);
    run.headers.forEach((headers, index) => {
      expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      const parent = parseTraceParent(headers.traceparent!);
      expect(parent).toMatchObject({ traceId: root.traceId, spanId: one(stepNames[index]!).spanId, traceFlags: 1 });
      expect(headers.tracestate).toBe('outpost=synthetic');
    });
    expect(new Set(harness.receiver.spans.map((span) => span.traceState))).toEqual(new Set(['outpost=synthetic']));
  });

  it('gives each run its own trace', async () => {
    harness = await startTelemetryHarness(protocol);
    simulateRun(harness.telemetry.observer, PASSING_CHECKOUT, 'run-a');
    simulateRun(harness.telemetry.observer, PASSING_CHECKOUT, 'run-b');
    await harness.telemetry.shutdown();

    const roots = byName('journey checkout');
    expect(roots.map((span) => span.attributes['outpost.run.id']).sort()).toEqual(['run-a', 'run-b']);
    expect(roots[0]!.traceId).not.toBe(roots[1]!.traceId);
    for (const root of roots) expect(harness.receiver.spans.filter((span) => span.traceId === root.traceId)).toHaveLength(7);
  });

  it('leaves network spans out when they are turned off', async () => {
    harness = await startTelemetryHarness(protocol, { networkSpans: false });
    simulateRun(harness.telemetry.observer, PASSING_CHECKOUT);
    await harness.telemetry.shutdown();

    expect(harness.receiver.spans.map((span) => span.name).sort()).toEqual(['journey checkout', 'step add to cart', 'step open shop', 'step see cart']);
  });

  it('exports metrics but no spans or headers when traces are off', async () => {
    harness = await startTelemetryHarness(protocol, { traces: { exporter: 'none' } });
    const run = simulateRun(harness.telemetry.observer, PASSING_CHECKOUT);
    await harness.telemetry.shutdown();

    expect(run.headers).toEqual([{}, {}, {}]);
    expect(harness.receiver.spans).toEqual([]);
    expect(harness.receiver.requests.map((request) => request.signal)).toEqual(['metrics']);
    expect(harness.receiver.metric('outpost.journey.runs')).toHaveLength(1);
  });
});

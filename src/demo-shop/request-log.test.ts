import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShop, type DemoShop } from './demo-shop.js';
import { parseTraceparent, RequestLog, type RecordedRequest } from './request-log.js';

const entry = (path: string): RecordedRequest => ({ method: 'GET', path, time: new Date(0).toISOString(), status: 200, durationMs: 1 });

describe('RequestLog', () => {
  it('keeps the last entries, oldest first', () => {
    const log = new RequestLog(3);
    for (const p of ['/1', '/2', '/3', '/4', '/5']) log.record(entry(p));
    expect(log.list().map((e) => e.path)).toEqual(['/3', '/4', '/5']);
    log.clear();
    expect(log.list()).toEqual([]);
    log.record(entry('/6'));
    expect(log.list().map((e) => e.path)).toEqual(['/6']);
  });
});

describe('parseTraceparent', () => {
  it('reads a valid header and rejects malformed or all-zero ids', () => {
    expect(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentSpanId: '00f067aa0ba902b7',
    });
    expect(parseTraceparent(undefined)).toBeUndefined();
    expect(parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7')).toBeUndefined();
    expect(parseTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeUndefined();
    expect(parseTraceparent('ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBeUndefined();
  });
});

describe('recording trace context over HTTP', () => {
  let shop: DemoShop;
  beforeAll(async () => {
    shop = await startDemoShop({ requestLogSize: 5, env: {} });
  });
  afterAll(() => shop.close());

  const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

  it('records traceparent and tracestate with method, path, status and time', async () => {
    await fetch(`${shop.url}/__outpost/requests`, { method: 'DELETE' });
    await fetch(`${shop.url}/api/cart/items`, { method: 'POST', headers: { traceparent, tracestate: 'outpost=1', 'content-type': 'application/json' }, body: '{"productId":"ceramic-mug"}' });
    await fetch(`${shop.url}/search?q=lamp`);
    const seen = (await (await fetch(`${shop.url}/__outpost/requests`)).json()) as RecordedRequest[];
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      path: '/api/cart/items',
      status: 201,
      traceparent,
      tracestate: 'outpost=1',
      traceId: '0af7651916cd43dd8448eb211c80319c',
      parentSpanId: 'b7ad6b7169203331',
    });
    expect(Date.parse(seen[0]!.time)).not.toBeNaN();
    expect(seen[1]).toMatchObject({ method: 'GET', path: '/search' });
    expect(seen[1]).not.toHaveProperty('traceparent');
    expect(shop.requests()).toEqual(seen);

    const filtered = (await (await fetch(`${shop.url}/__outpost/requests?traceId=0AF7651916CD43DD8448EB211C80319C`)).json()) as RecordedRequest[];
    expect(filtered.map((r) => r.path)).toEqual(['/api/cart/items']);
  });

  it('is bounded and can be cleared', async () => {
    for (let i = 0; i < 8; i++) await fetch(`${shop.url}/healthz?i=${i}`);
    expect(shop.requests()).toHaveLength(5);
    expect((await fetch(`${shop.url}/__outpost/requests`, { method: 'DELETE' })).status).toBe(204);
    expect(shop.requests()).toEqual([]);
  });
});

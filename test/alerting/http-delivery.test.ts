import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseRetryAfter, postNotification } from '../../src/alerting/index.js';
import { freePort } from '../helpers/free-port.js';
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
});

const post = (timeoutMs = 2_000) => postNotification({ url: `${receiver.url}/hook`, body: '{"a":1}', timeoutMs, headers: { 'x-extra': 'yes' }, nowMs: () => Date.UTC(2025, 0, 1) });

describe('postNotification against a real HTTP server', () => {
  it('POSTs the JSON body with its headers and takes any 2xx as success', async () => {
    receiver.queue({ status: 202 });
    expect(await post()).toEqual({ status: 'success' });
    expect(receiver.requests[0]).toMatchObject({ method: 'POST', path: '/hook', body: '{"a":1}', headers: { 'content-type': 'application/json', 'x-extra': 'yes' } });
  });

  it('retries 5xx, 408 and 429, with the start of the body in the error', async () => {
    receiver.queue({ status: 500, body: 'internal\n  error' }, { status: 502 }, { status: 408 }, { status: 429, body: 'slow down' });
    expect(await post()).toEqual({ status: 'retryable', error: 'HTTP 500: internal error' });
    expect(await post()).toEqual({ status: 'retryable', error: 'HTTP 502' });
    expect(await post()).toEqual({ status: 'retryable', error: 'HTTP 408' });
    expect(await post()).toEqual({ status: 'retryable', error: 'HTTP 429: slow down' });
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    receiver.queue({ status: 429, headers: { 'retry-after': '7' } }, { status: 503, headers: { 'retry-after': 'Wed, 01 Jan 2025 00:01:30 GMT' } });
    expect(await post()).toEqual({ status: 'retryable', retryInMs: 7_000, error: 'HTTP 429' });
    expect(await post()).toEqual({ status: 'retryable', retryInMs: 90_000, error: 'HTTP 503' });
  });

  it('does not retry other 4xx', async () => {
    receiver.queue({ status: 400, body: '{"status":"invalid event","errors":["routing_key missing"]}' }, { status: 404 }, { status: 403 });
    expect(await post()).toEqual({ status: 'failure', error: 'HTTP 400: {"status":"invalid event","errors":["routing_key missing"]}' });
    expect(await post()).toEqual({ status: 'failure', error: 'HTTP 404' });
    expect(await post()).toEqual({ status: 'failure', error: 'HTTP 403' });
  });

  it('gives up an attempt at its timeout, as retryable', async () => {
    receiver.queue({ status: 200, delayMs: 3_000 });
    expect(await post(200)).toEqual({ status: 'retryable', error: 'no response within 200 ms' });
  });

  it('takes a refused connection as retryable, without the URL in the error', async () => {
    const port = await freePort();
    const result = await postNotification({ url: `http://127.0.0.1:${port}/secret-path-T0KEN`, body: '{}', timeoutMs: 2_000 });
    expect(result).toEqual({ status: 'retryable', error: 'request failed: ECONNREFUSED' });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2025, 0, 1);
  it('reads seconds and dates, and ignores what it cannot read', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

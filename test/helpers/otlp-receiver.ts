import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { decodeRequest, pointsOf, spansOf, type Encoding, type ReceivedPoint, type ReceivedSpan, type Signal } from './otlp-decode.js';

export type { ReceivedPoint, ReceivedSpan, ReceivedAttributes, ReceivedValue } from './otlp-decode.js';

/**
 * - `accept`: decode and answer 200 (what a healthy collector does);
 * - `hang`: read the request and never answer (a stuck collector);
 * - `refuse`: answer 503 Service Unavailable with `Retry-After: 30` (an overloaded collector
 *   asking for a pause, which makes exporters give up at once rather than retry until their timeout).
 */
export type ReceiverMode = 'accept' | 'hang' | 'refuse';

/** One export request as it arrived. */
export interface ReceivedRequest {
  signal: Signal;
  encoding: Encoding;
  headers: IncomingHttpHeaders;
}

/**
 * A real OTLP/HTTP receiver on 127.0.0.1 that decodes what the exporters send, protobuf and
 * JSON alike, into one simple shape for assertions.
 */
export interface OtlpReceiver {
  /** Base URL, e.g. `http://127.0.0.1:40123` (the exporters append `/v1/traces`). */
  url: string;
  spans: ReceivedSpan[];
  points: ReceivedPoint[];
  requests: ReceivedRequest[];
  /** Bodies that could not be decoded (a test expects none). */
  errors: string[];
  setMode(mode: ReceiverMode): void;
  /** Data points of one metric (all collections so far; cumulative, so the last is current). */
  metric(name: string): ReceivedPoint[];
  close(): Promise<void>;
}

const PATHS: Record<string, Signal> = { '/v1/traces': 'traces', '/v1/metrics': 'metrics' };

/** Starts a receiver on a free port. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  let mode: ReceiverMode = 'accept';
  const receiver = { spans: [] as ReceivedSpan[], points: [] as ReceivedPoint[], requests: [] as ReceivedRequest[], errors: [] as string[] };
  const server = createServer((request, response) => {
    void handle(request, response, mode, receiver);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...receiver,
    setMode: (next) => (mode = next),
    metric: (name) => receiver.points.filter((point) => point.metric === name),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL where nothing listens (a port that was free a moment ago): connections are refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

type Store = Pick<OtlpReceiver, 'spans' | 'points' | 'requests' | 'errors'>;

async function handle(request: IncomingMessage, response: ServerResponse, mode: ReceiverMode, store: Store): Promise<void> {
  const body = await readBody(request);
  const signal = PATHS[request.url ?? ''];
  if (request.method !== 'POST' || signal === undefined) return void response.writeHead(404).end();
  if (mode === 'hang') return;
  if (mode === 'refuse') return void response.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '30' }).end('unavailable');
  const encoding: Encoding = (request.headers['content-type'] ?? '').includes('json') ? 'json' : 'protobuf';
  store.requests.push({ signal, encoding, headers: request.headers });
  try {
    const decoded = decodeRequest(signal, encoding, body);
    if (signal === 'traces') store.spans.push(...spansOf(decoded));
    else store.points.push(...pointsOf(decoded));
  } catch (error) {
    store.errors.push(`${signal}/${encoding}: ${(error as Error).message}`);
    return void response.writeHead(400).end();
  }
  // An empty Export*ServiceResponse: zero bytes in protobuf, `{}` in JSON.
  if (encoding === 'json') response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  else response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
}

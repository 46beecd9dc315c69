import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got, with its raw body. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: unknown;
}

/** What the receiver answers; `delayMs` holds the answer back (to test timeouts). */
export interface CannedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

export interface HttpReceiver {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  requests: ReceivedRequest[];
  /** Answers for the next requests, in order; once used up, `fallback` answers. */
  queue(...responses: CannedResponse[]): void;
  fallback: CannedResponse;
  close(): Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1 standing in for PagerDuty, Slack or a webhook receiver: it records
 * every request and answers from a queue, so tests can check payloads, retries and timeouts.
 */
export async function startHttpReceiver(): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const pending: CannedResponse[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const receiver = { fallback: { status: 200, body: 'ok' } as CannedResponse };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json: parseJson(body) });
      const answer = pending.shift() ?? receiver.fallback;
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
        res.end(answer.body ?? '');
      };
      if (answer.delayMs === undefined) send();
      else {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send();
        }, answer.delayMs);
        timers.add(timer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}`,
    requests,
    queue: (...responses: CannedResponse[]) => void pending.push(...responses),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

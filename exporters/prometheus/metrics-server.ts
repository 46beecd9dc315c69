import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrometheusReader } from './prometheus-reader.js';

export interface MetricsServerOptions {
  /** Defaults to 127.0.0.1: metrics stay on this machine unless asked otherwise. */
  host?: string;
  /** Defaults to 0 (a free port; read it from `url`). */
  port?: number;
  reader: Pick<PrometheusReader, 'handler'>;
}

export interface MetricsServer {
  /** The scrape URL, e.g. `http://127.0.0.1:9464/metrics`. */
  url: string;
  close(): Promise<void>;
}

const METRICS_PATH = '/metrics';

/**
 * Serves `GET /metrics` in the Prometheus text format (for `outpost run --metrics-port`);
 * other paths answer 404, other methods on `/metrics` 405.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const { host = '127.0.0.1', port = 0, reader } = options;
  const server = createServer((req, res) => route(req, res, reader.handler));
  await listen(server, host, port);
  const { port: boundPort } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${urlHost}:${boundPort}${METRICS_PATH}`, close: () => close(server) };
}

function route(req: IncomingMessage, res: ServerResponse, handler: PrometheusReader['handler']): void {
  const path = (req.url ?? '/').split('?', 1)[0];
  if (path !== METRICS_PATH) return void res.writeHead(404).end();
  if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
  handler(req, res);
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Prometheus keeps scrape connections alive; without this, close() waits for it to hang up.
    server.closeAllConnections();
  });
}

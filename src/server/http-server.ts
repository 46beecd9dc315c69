import { getRequestListener } from '@hono/node-server';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** serve could not listen (port taken, address not on this machine). */
export class ListenError extends Error {
  constructor(readonly host: string, readonly port: number, cause: Error) {
    super(`cannot listen on ${host}:${port}: ${cause.message}`, { cause });
    this.name = 'ListenError';
  }
}

export interface HttpServer {
  /** e.g. `http://127.0.0.1:9464`. */
  url: string;
  port: number;
  /** Stops listening and drops open connections (scrapers keep them alive). */
  close(): Promise<void>;
}

/**
 * Serves a fetch-style app (Hono) on `host:port`; port 0 picks a free one (read it from `url`).
 * @throws ListenError
 */
export async function startHttpServer(app: { fetch: (request: Request) => Response | Promise<Response> }, host: string, port: number): Promise<HttpServer> {
  const server = createServer(getRequestListener(app.fetch));
  await listen(server, host, port);
  const bound = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    port: bound,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(new ListenError(host, port, error));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

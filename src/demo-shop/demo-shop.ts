import { getRequestListener } from '@hono/node-server';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createShopApp } from './app.js';
import { parseFaultRules, parseFaultsEnv, type FaultRule, type NormalizedFaultRule } from './fault-rules.js';
import { FaultSet } from './fault-set.js';
import { RequestLog, type RecordedRequest } from './request-log.js';
import { DEFAULT_PASSWORD, ShopState } from './shop-state.js';

export interface DemoShopOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1: the shop is for this machine only. */
  host?: string;
  /** The demo account's password. Defaults to env `OUTPOST_SHOP_PASSWORD`, then `demo-password`. */
  password?: string;
  /** Fault rules at start. Defaults to env `OUTPOST_SHOP_FAULTS` (a JSON array). */
  faults?: FaultRule[];
  /** Makes `errorRate` draws reproducible. Defaults to env `OUTPOST_SHOP_SEED`, else Math.random. */
  seed?: number;
  /** How many requests `requests()` keeps; 1000 by default. */
  requestLogSize?: number;
  /** Where the OUTPOST_SHOP_* variables are read; `process.env` by default. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface DemoShop {
  /** e.g. `http://127.0.0.1:43123`, no trailing slash. */
  url: string;
  port: number;
  faults: {
    list(): NormalizedFaultRule[];
    /** Replaces every rule; throws FaultRuleError on bad input and keeps the old rules. */
    set(rules: FaultRule[]): void;
    add(rule: FaultRule): void;
    clear(): void;
  };
  /** The last requests, in the order they were answered, with their trace context headers. */
  requests(): RecordedRequest[];
  clearRequests(): void;
  /** Stops listening and drops every connection, keep-alive ones included. Safe to call twice. */
  close(): Promise<void>;
}

/** Bad shop options or OUTPOST_SHOP_* variables. */
export class DemoShopConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoShopConfigError';
  }
}

/**
 * Starts the demo shop, the default target for `npm run demo`, tests and benchmarks.
 *
 * @example
 * const shop = await startDemoShop({ port: 0, faults: [{ path: '/api/cart', errorRate: 1 }] });
 * try {
 *   const res = await fetch(`${shop.url}/api/products`);
 * } finally {
 *   await shop.close();
 * }
 */
export async function startDemoShop(options: DemoShopOptions = {}): Promise<DemoShop> {
  const env = options.env ?? process.env;
  const faultSet = new FaultSet(
    options.faults === undefined ? parseFaultsEnv(env.OUTPOST_SHOP_FAULTS) : parseFaultRules(options.faults, 'options.faults'),
    options.seed ?? readSeed(env.OUTPOST_SHOP_SEED),
  );
  const requestLog = new RequestLog(options.requestLogSize ?? 1000);
  const state = new ShopState(options.password ?? nonEmpty(env.OUTPOST_SHOP_PASSWORD) ?? DEFAULT_PASSWORD);
  const aborter = new AbortController();
  const app = createShopApp({ state, faults: faultSet, requests: requestLog, signal: aborter.signal });

  const host = options.host ?? '127.0.0.1';
  const server = createServer(getRequestListener(app.fetch));
  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    faults: {
      list: () => faultSet.list(),
      set: (rules) => faultSet.set(rules),
      add: (rule) => faultSet.add(rule),
      clear: () => faultSet.clear(),
    },
    requests: () => requestLog.list(),
    clearRequests: () => requestLog.clear(),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        aborter.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(new DemoShopConfigError(`demo shop cannot listen on ${host}:${port}: ${error.message}`));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function readSeed(value: string | undefined): number | undefined {
  if (nonEmpty(value) === undefined) return undefined;
  const seed = Number(value);
  if (!Number.isInteger(seed)) throw new DemoShopConfigError(`OUTPOST_SHOP_SEED must be an integer, got ${JSON.stringify(value)}`);
  return seed;
}

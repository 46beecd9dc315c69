import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.js';
import { isExecutable, stderrTail, stopProcess, waitReady } from './server-process.js';

/*
 * A real Prometheus (Debian's `prometheus` package; .ci/run installs it) for integration tests.
 * It listens on 127.0.0.1 only and scrapes exactly one loopback target every second.
 */

/** The prometheus binary on PATH (or /usr/bin/prometheus), or undefined when it is not installed. */
export const prometheusBinary: string | undefined = findExecutable('prometheus', ['/usr/bin/prometheus']);

/** Why tests that need Prometheus are skipped, or undefined when they can run. */
export const prometheusMissingReason: string | undefined = prometheusBinary
  ? undefined
  : 'the `prometheus` binary is not installed (Debian package "prometheus"; .ci/run installs it)';

/** The promtool binary (shipped in the same Debian package), or undefined when it is not installed. */
export const promtoolBinary: string | undefined = findExecutable('promtool', ['/usr/bin/promtool']);

/** Why tests that need promtool are skipped, or undefined when they can run. */
export const promtoolMissingReason: string | undefined = promtoolBinary
  ? undefined
  : 'the `promtool` binary is not installed (it ships in the Debian package "prometheus", which .ci/run installs)';

/** One sample of an instant query result. */
export interface PromSample {
  metric: Record<string, string>;
  value: number;
}

export interface PrometheusServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Runs an instant query through `/api/v1/query`; a scalar comes back as one label-less sample. */
  query(promql: string): Promise<PromSample[]>;
  /** Polls `query` until `predicate` holds, and returns that result; throws after `timeoutMs`. */
  waitFor(promql: string, predicate: (result: PromSample[]) => boolean, timeoutMs?: number): Promise<PromSample[]>;
  /** Stops Prometheus and removes its config and data. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const POLL_MS = 200;

/** Starts Prometheus scraping `target` (a loopback URL such as `http://127.0.0.1:1234/metrics`). */
export async function startPrometheus(options: { target: string }): Promise<PrometheusServer> {
  if (!prometheusBinary) throw new Error(prometheusMissingReason);
  const config = scrapeConfig(options.target);
  const dir = await mkdtemp(join(tmpdir(), 'outpost-prometheus-'));
  const configFile = join(dir, 'prometheus.yml');
  await writeFile(configFile, config);
  try {
    const { child, url } = await launch(prometheusBinary, dir, configFile);
    return serverApi(url, child, dir);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function findExecutable(name: string, fallbacks: string[]): string | undefined {
  const candidates = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(d, name)), ...fallbacks];
  return candidates.find(isExecutable);
}

/** YAML is a superset of JSON, so JSON.stringify writes a valid config without a YAML library. */
function scrapeConfig(target: string): string {
  const url = new URL(target);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  if (!isLoopback(hostname)) throw new Error(`test Prometheus may only scrape loopback addresses, not ${target}`);
  return JSON.stringify({
    global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
    scrape_configs: [
      {
        job_name: 'outpost',
        scheme: url.protocol.replace(':', ''),
        metrics_path: url.pathname,
        static_configs: [{ targets: [url.host] }],
      },
    ],
  });
}

function isLoopback(hostname: string): boolean {
  return isIP(hostname) === 4 ? hostname.startsWith('127.') : hostname === '::1';
}

/** Tries a few free ports: another process may take the port between our probe and Prometheus binding it. */
async function launch(binary: string, dir: string, configFile: string): Promise<{ child: ChildProcess; url: string }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(binary, prometheusArgs(dir, configFile, port), { stdio: ['ignore', 'ignore', 'pipe'] });
    const stderr = stderrTail(child);
    const url = `http://127.0.0.1:${port}`;
    const ready = await waitReady(url, child, READY_TIMEOUT_MS, POLL_MS);
    if (ready) return { child, url };
    await stopProcess(child);
    if (attempt === 3 || !/address already in use/.test(stderr())) {
      throw new Error(`prometheus did not become ready on ${url}:\n${stderr()}`);
    }
  }
}

function prometheusArgs(dir: string, configFile: string, port: number): string[] {
  return [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ];
}

/** The port of a listener on 127.0.0.1:0, released again for Prometheus to bind. */



function serverApi(url: string, child: ChildProcess, dir: string): PrometheusServer {
  // If a test run dies without calling stop(), do not leave Prometheus behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const query = (promql: string) => instantQuery(url, promql);
  return {
    url,
    query,
    waitFor: (promql, predicate, timeoutMs = 30_000) => waitFor(url, promql, predicate, timeoutMs),
    stop: async () => {
      process.off('exit', killOnExit);
      await stopProcess(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

interface QueryResponse {
  status: 'success' | 'error';
  error?: string;
  data?: { resultType: string; result: unknown };
}

async function instantQuery(url: string, promql: string): Promise<PromSample[]> {
  const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await response.json()) as QueryResponse;
  if (body.status !== 'success' || !body.data) throw new Error(`query ${promql} failed: ${body.error ?? response.status}`);
  const { resultType, result } = body.data;
  if (resultType === 'scalar') return [{ metric: {}, value: sampleValue((result as [number, string])[1]) }];
  if (resultType !== 'vector') throw new Error(`query ${promql} returned a ${resultType}, not an instant vector`);
  return (result as { metric: Record<string, string>; value: [number, string] }[]).map((s) => ({
    metric: s.metric,
    value: sampleValue(s.value[1]),
  }));
}

function sampleValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

async function waitFor(
  url: string,
  promql: string,
  predicate: (result: PromSample[]) => boolean,
  timeoutMs: number,
): Promise<PromSample[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await instantQuery(url, promql);
    if (predicate(result)) return result;
    if (Date.now() >= deadline) {
      throw new Error(`gave up waiting for ${promql} after ${timeoutMs} ms; last result ${JSON.stringify(result)}; ${await scrapeHealth(url)}`);
    }
    await sleep(POLL_MS);
  }
}

/** The scrape target's health and last error, which is usually why a wait timed out. */
async function scrapeHealth(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/targets`);
  const body = (await response.json()) as { data?: { activeTargets?: { scrapeUrl: string; health: string; lastError: string }[] } };
  const targets = body.data?.activeTargets ?? [];
  return targets.map((t) => `target ${t.scrapeUrl} is ${t.health}${t.lastError ? `: ${t.lastError}` : ''}`).join('; ');
}


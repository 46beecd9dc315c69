import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.js';
import { isExecutable, stderrTail, stopProcess, waitReady } from './server-process.js';

/*
 * A real Prometheus Alertmanager (Debian's `prometheus-alertmanager`; .ci/run installs it) for
 * integration tests: on 127.0.0.1 only, clustering off, its own temp storage, and a config that
 * routes every alert to a receiver that sends nothing.
 */

export const ALERTMANAGER_BINARY = '/usr/bin/prometheus-alertmanager';

/** Why tests that need Alertmanager are skipped, or undefined when they can run. */
export const alertmanagerMissingReason: string | undefined = isExecutable(ALERTMANAGER_BINARY)
  ? undefined
  : `${ALERTMANAGER_BINARY} is not installed (Debian package "prometheus-alertmanager"; .ci/run installs it)`;

/** One alert as `GET /api/v2/alerts` returns it. */
export interface GettableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  generatorURL?: string;
  fingerprint: string;
  status: { state: 'active' | 'suppressed' | 'unprocessed'; silencedBy: string[]; inhibitedBy: string[] };
}

export interface AlertmanagerServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  port: number;
  /** `GET /api/v2/alerts`: the alerts it holds, resolved ones included only when it still returns them. */
  alerts(): Promise<GettableAlert[]>;
  /** Polls {@link alerts} until `predicate` holds; throws after `timeoutMs`. */
  waitForAlerts(predicate: (alerts: GettableAlert[]) => boolean, timeoutMs?: number): Promise<GettableAlert[]>;
  stop(): Promise<void>;
}

const CONFIG = JSON.stringify({
  global: { resolve_timeout: '5m' },
  route: { receiver: 'nowhere', group_wait: '1s', group_interval: '1s', repeat_interval: '1h' },
  receivers: [{ name: 'nowhere' }],
});

/**
 * Starts Alertmanager on `port` (a free one when absent). A fixed port lets a test point Outpost
 * at an Alertmanager that is not running yet, then start it there.
 */
export async function startAlertmanager(options: { port?: number } = {}): Promise<AlertmanagerServer> {
  if (alertmanagerMissingReason) throw new Error(alertmanagerMissingReason);
  const dir = await mkdtemp(join(tmpdir(), 'outpost-alertmanager-'));
  const configFile = join(dir, 'alertmanager.yml');
  await writeFile(configFile, CONFIG);
  try {
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await freePort());
      const child = spawn(ALERTMANAGER_BINARY, args(dir, configFile, port), { stdio: ['ignore', 'ignore', 'pipe'] });
      const stderr = stderrTail(child);
      const url = `http://127.0.0.1:${port}`;
      if (await waitReady(url, child, 30_000, 100)) return serverApi(url, port, child, dir);
      await stopProcess(child);
      if (options.port !== undefined || attempt === 3 || !/address already in use/.test(stderr())) {
        throw new Error(`alertmanager did not become ready on ${url}:\n${stderr()}`);
      }
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function args(dir: string, configFile: string, port: number): string[] {
  return [
    `--config.file=${configFile}`,
    `--storage.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    // Empty: no gossip cluster (it would listen on 0.0.0.0:9094 and look for peers).
    '--cluster.listen-address=',
    '--log.level=warn',
  ];
}

function serverApi(url: string, port: number, child: ChildProcess, dir: string): AlertmanagerServer {
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const alerts = async (): Promise<GettableAlert[]> => {
    const response = await fetch(`${url}/api/v2/alerts`);
    if (!response.ok) throw new Error(`GET /api/v2/alerts answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as GettableAlert[];
  };
  return {
    url,
    port,
    alerts,
    waitForAlerts: async (predicate, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = await alerts();
        if (predicate(current)) return current;
        if (Date.now() >= deadline) throw new Error(`gave up waiting for Alertmanager's alerts; last: ${JSON.stringify(current, null, 2)}`);
        await sleep(200);
      }
    },
    stop: async () => {
      process.off('exit', killOnExit);
      await stopProcess(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

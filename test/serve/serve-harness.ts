import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { JourneyResult } from '../../src/journey/index.js';
import { openStore } from '../../src/store/index.js';
import { makeProject, REPO_ROOT } from '../helpers/cli.js';

/** Polls `condition` until it holds, failing with `what` after `timeoutMs` (a deadline, not a timing assertion). */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A log line of `outpost serve`: `<time> <level> <event> key=value …`. */
export interface LogLine {
  level: string;
  event: string;
  fields: Record<string, string>;
}

/** Reads one logfmt-style line (values may be JSON-quoted). */
export function parseLogLine(line: string): LogLine | undefined {
  const head = /^\S+Z (\w+)\s+(\S+)(.*)$/.exec(line);
  if (head === null) return undefined;
  const fields: Record<string, string> = {};
  for (const match of head[3]!.matchAll(/ (\w+)=("(?:[^"\\]|\\.)*"|\S+)/g)) {
    fields[match[1]!] = match[2]!.startsWith('"') ? (JSON.parse(match[2]!) as string) : match[2]!;
  }
  return { level: head[1]!, event: head[2]!, fields };
}

/** `outpost serve` running as a child process, the way a container runs it. */
export interface ServeProcess {
  /** The HTTP server's base URL, once it listens. */
  url: string;
  stderr(): string;
  /** Parsed log lines of one event so far. */
  events(event: string): LogLine[];
  signal(signal: NodeJS.Signals): void;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const OUTPOST_BIN = join(REPO_ROOT, 'bin', 'outpost.js');
const running = new Set<ChildProcess>();

/** Starts `outpost serve --port 0 …` in `cwd` and waits until it listens. */
export async function startServe(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<ServeProcess> {
  const child = spawn(process.execPath, [OUTPOST_BIN, 'serve', '--port', '0', ...args], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  child.stdout!.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  let ended = false;
  void exited.then(() => (ended = true));
  const events = (event: string) => stderr.split('\n').map(parseLogLine).filter((l): l is LogLine => l?.event === event);
  await eventually(() => ended || events('serve.listening').length > 0, 'serve to listen');
  if (ended) throw new Error(`serve exited before listening:\n${stderr}`);
  return {
    url: events('serve.listening')[0]!.fields.url!,
    stderr: () => stderr,
    events,
    signal: (signal) => void child.kill(signal),
    exited,
  };
}

/** Kills serve processes a failed test left behind. */
function killLeftovers(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** An API journey (no browser) that lists the demo shop's products every second. */
export const API_PRODUCTS_JOURNEY = `import { journey, step } from 'outpost';
export default journey({ name: 'api-products', schedule: { every: '1s' }, steps: [
  step('list', async ({ request, expect }) => { expect((await request.get('/api/products')).status()).toBe(200); }),
] });`;

/** A throwaway project with `outpost.config.ts` (see {@link serveConfig}) and the given journeys. */
export async function serveProject(journeys: Record<string, string>, defaults: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string> {
  const files = Object.fromEntries(Object.entries(journeys).map(([name, source]) => [`journeys/${name}.journey.ts`, source]));
  return makeProject({ 'outpost.config.ts': serveConfig(defaults, extra), ...files });
}

/** The source of a serve project's `outpost.config.ts`: target from `SHOP_URL`, location `test-loc`, the run `defaults`, plus `extra` keys. */
export function serveConfig(defaults: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return `import { defineConfig } from 'outpost';
export default defineConfig({
  targets: { shop: process.env.SHOP_URL! },
  location: 'test-loc',
  defaults: ${JSON.stringify({ trace: 'off', screenshot: 'off', ...defaults })},${Object.entries(extra).map(([key, value]) => `\n  ${key}: ${JSON.stringify(value)},`).join('')}
});
`;
}

/** Every run in the project's store, oldest first. */
export async function storedRuns(dbPath: string): Promise<JourneyResult[]> {
  const store = await openStore(dbPath);
  try {
    return (await store.queryRuns()).reverse();
  } finally {
    await store.close();
  }
}

/** Sends SIGTERM, waits for the exit, and reads back what the store holds. */
export async function stopServe(serve: ServeProcess, dbPath: string): Promise<{ exit: { code: number | null }; stored: JourneyResult[] }> {
  serve.signal('SIGTERM');
  const exit = await serve.exited;
  return { exit, stored: await storedRuns(dbPath) };
}

/** After a file's tests: no serve left running, the shop closed, the projects removed. */
export async function cleanUp(shop: { close(): Promise<void> } | undefined, projects: string[]): Promise<void> {
  killLeftovers();
  await shop?.close();
  await Promise.all(projects.map((dir) => rm(dir, { recursive: true, force: true })));
}

/**
 * The journal of a serve process agrees with its store: every run it started (a `run.start` line)
 * is stored exactly once, with the id its `run` line logged.
 */
export function startedRunsMatchStore(serve: ServeProcess, stored: readonly JourneyResult[]): { started: number; stored: number; uniqueIds: number; loggedIds: string[]; storedIds: string[] } {
  const loggedIds = serve.events('run').map((l) => l.fields.id!).sort();
  const storedIds = stored.map((r) => r.id).sort();
  return { started: serve.events('run.start').length, stored: stored.length, uniqueIds: new Set(storedIds).size, loggedIds, storedIds };
}

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TreeMemorySampler, type PeakMemory } from './process-tree-memory.js';

export interface ChildCommand {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The whole process group is killed after this long. */
  timeoutMs: number;
}

export interface ChildMeasurement {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Spawn to exit: startup, browser launch, the runs and shutdown. */
  wallMs: number;
  peak: PeakMemory;
  /** User + system CPU seconds of the whole tree; `undefined` without /usr/bin/time. */
  cpuSeconds: number | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * GNU time reports the rusage of everything its child waited for, which covers the whole tree
 * (each browser process is reaped by its parent): CPU time that machine load barely moves.
 */
const GNU_TIME = '/usr/bin/time';

/** Runs a child to completion while sampling its process tree's memory and timing its CPU. */
export async function measureChild(cmd: ChildCommand): Promise<ChildMeasurement> {
  const timeDir = existsSync(GNU_TIME) ? await mkdtemp(path.join(os.tmpdir(), 'outpost-bench-time-')) : undefined;
  try {
    return await run(cmd, timeDir === undefined ? undefined : path.join(timeDir, 'rusage'));
  } finally {
    if (timeDir !== undefined) await rm(timeDir, { recursive: true, force: true });
  }
}

async function run(cmd: ChildCommand, rusageFile: string | undefined): Promise<ChildMeasurement> {
  const [command, args] = rusageFile === undefined ? [cmd.command, cmd.args] : [GNU_TIME, ['-f', '%U %S', '-o', rusageFile, cmd.command, ...cmd.args]];
  const started = performance.now();
  // Its own process group, so that a timeout can take the browsers down with it.
  const child = spawn(command, args, { cwd: cmd.cwd, env: cmd.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  if (child.pid === undefined) throw new Error(`could not start ${cmd.command}`);
  const pid = child.pid;
  const sampler = new TreeMemorySampler(pid);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    process.kill(-pid, 'SIGKILL');
  }, cmd.timeoutMs);
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; wallMs: number }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal, wallMs: performance.now() - started }));
  });
  clearTimeout(timer);
  const peak = await sampler.stop();
  await new Promise((resolve) => (child.stdout.readableEnded ? resolve(undefined) : child.stdout.once('end', resolve)));
  return {
    exitCode: exit.code,
    signal: exit.signal,
    wallMs: exit.wallMs,
    peak,
    cpuSeconds: rusageFile === undefined ? undefined : await cpuSeconds(rusageFile),
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
    timedOut,
  };
}

async function cpuSeconds(rusageFile: string): Promise<number | undefined> {
  const [user, system] = (await readFile(rusageFile, 'utf8').catch(() => '')).trim().split(/\s+/).slice(-2).map(Number);
  return user === undefined || system === undefined || Number.isNaN(user + system) ? undefined : user + system;
}

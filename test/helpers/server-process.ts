import type { ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/* What the harnesses of real servers run as child processes (Prometheus, Alertmanager) share. */

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The last few kilobytes of the child's stderr, for error messages. */
export function stderrTail(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.on('data', (chunk: Buffer) => (text = (text + chunk.toString()).slice(-4000)));
  return () => text;
}

/** True once `<url>/-/ready` answers 200; false when the process exits first or the deadline passes. */
export async function waitReady(url: string, child: ChildProcess, timeoutMs = 30_000, pollMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    const status = await fetch(`${url}/-/ready`).then((r) => r.status, () => 0);
    if (status === 200) return true;
    await sleep(pollMs);
  }
  return false;
}

/** SIGTERM, then SIGKILL after 10 s; resolves once the process exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

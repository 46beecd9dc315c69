import type { ExportHealth } from './export-health.js';

/**
 * Runs a flush or shutdown of the providers, waiting no longer than `limitMs`, and reports the
 * outcome as `destination` to `health`: a provider that rejects (a batch that timed out) or a
 * deadline that passes counts as a failed export, so the warning is logged by the time this
 * resolves even when the exporters' own callbacks come later. Never rejects.
 *
 * The deadline timer stays referenced on purpose: the CLI awaits this last, and an unreferenced
 * timer would let the process exit with the promise unsettled.
 */
export async function boundedFlush(destination: string, work: () => (Promise<unknown> | undefined)[], limitMs: number, health: ExportHealth): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), limitMs)));
  try {
    const outcome = await Promise.race([Promise.allSettled(startAll(work)), deadline]);
    if (outcome === 'late') return health.failed(destination, new Error(`did not finish within ${limitMs} ms`));
    const failure = outcome.find((result) => result.status === 'rejected');
    if (failure === undefined) health.succeeded(destination);
    else health.failed(destination, failure.reason);
  } finally {
    clearTimeout(timer);
  }
}

function startAll(work: () => (Promise<unknown> | undefined)[]): Promise<unknown>[] {
  try {
    return work().filter((promise) => promise !== undefined);
  } catch (error) {
    return [Promise.reject(error)];
  }
}

/**
 * The canary analyses an API process has started, in memory: each runs in the background and
 * can be read or waited for by id. Finished analyses are forgotten oldest first beyond a limit.
 */
import { randomUUID } from 'node:crypto';
import type { CanarySessionResult } from '../session/canary-session.js';
import type { CanaryRequest } from './canary-request.js';

/** Runs one analysis; aborting `signal` should end it early (runs end as aborted). */
export type AnalyseCanary = (request: CanaryRequest, signal: AbortSignal) => Promise<CanarySessionResult>;

export type AnalysisState =
  | { status: 'running' }
  | { status: 'done'; result: CanarySessionResult }
  /** The analysis could not run (unknown target, no journeys, a crash): not a verdict. */
  | { status: 'error'; error: string };

export interface AnalysisEntry {
  id: string;
  request: CanaryRequest;
  startedAt: string;
  state: AnalysisState;
}

export class AnalysisRegistry {
  private readonly entries = new Map<string, { entry: AnalysisEntry; done: Promise<void>; controller: AbortController }>();

  constructor(private readonly analyse: AnalyseCanary, private readonly keepFinished = 100) {}

  /** Starts an analysis in the background and returns its entry (status `running`). */
  start(request: CanaryRequest): AnalysisEntry {
    const controller = new AbortController();
    const entry: AnalysisEntry = { id: randomUUID(), request, startedAt: new Date().toISOString(), state: { status: 'running' } };
    const done = this.analyse(request, controller.signal).then(
      (result) => void (entry.state = { status: 'done', result }),
      (error: unknown) => void (entry.state = { status: 'error', error: error instanceof Error ? error.message : String(error) }),
    );
    this.entries.set(entry.id, { entry, done, controller });
    this.forgetOldFinished();
    return entry;
  }

  get(id: string): AnalysisEntry | undefined {
    return this.entries.get(id)?.entry;
  }

  /** The entry once finished, or as it is after `timeoutMs`; undefined for an unknown id. */
  async wait(id: string, timeoutMs: number): Promise<AnalysisEntry | undefined> {
    const held = this.entries.get(id);
    if (held === undefined) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([held.done, timeout]);
    clearTimeout(timer);
    return held.entry;
  }

  /** Aborts every running analysis and waits for them to end. */
  async close(): Promise<void> {
    for (const held of this.entries.values()) held.controller.abort();
    await Promise.all([...this.entries.values()].map((held) => held.done));
  }

  private forgetOldFinished(): void {
    const finished = [...this.entries.values()].filter((held) => held.entry.state.status !== 'running');
    for (const held of finished.slice(0, Math.max(0, finished.length - this.keepFinished))) this.entries.delete(held.entry.id);
  }
}

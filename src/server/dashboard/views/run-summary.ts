import { failingStep, type JourneyResult } from '../../../journey/index.js';
import { displayUrl } from './display-url.js';
import { displayStatus, type DisplayStatus } from './run-status.js';

/** One run in a list: what a table row or a timeline cell shows. */
export interface RunSummary {
  id: string;
  journey: string;
  cuj: string;
  location: string;
  target: { name: string; url: string };
  startedAt: string;
  startedAtMs: number;
  durationMs: number;
  /** The run's status as stored. */
  status: JourneyResult['status'];
  display: DisplayStatus;
  attempt: number;
  /** The first hard step that did not pass. */
  failingStep?: string;
  /** Why it did not pass: the failing step's error, else the run's. */
  error?: string;
  hasScreenshot: boolean;
  hasTrace: boolean;
  sessionId?: string;
}

export function runSummary(run: JourneyResult): RunSummary {
  const failing = failingStep(run);
  const error = failing?.error?.message ?? run.error?.message;
  return {
    id: run.id,
    journey: run.journey,
    cuj: run.cuj.id,
    location: run.location,
    target: { name: run.target.name, url: displayUrl(run.target.url) },
    startedAt: run.startedAt,
    startedAtMs: Date.parse(run.startedAt),
    durationMs: run.durationMs,
    status: run.status,
    display: displayStatus(run),
    attempt: run.attempt,
    ...(failing === undefined ? {} : { failingStep: failing.name }),
    ...(error === undefined ? {} : { error }),
    hasScreenshot: run.artifacts.screenshot !== undefined,
    hasTrace: run.artifacts.trace !== undefined,
    ...(run.sessionId === undefined ? {} : { sessionId: run.sessionId }),
  };
}

import type { JourneyResult, StepResult } from '../../../journey/index.js';
import { linkableUrl } from './display-url.js';
import { runSummary, type RunSummary } from './run-summary.js';

export interface StepView {
  index: number;
  name: string;
  soft: boolean;
  status: StepResult['status'];
  /** Start relative to the run's start; null for skipped steps. */
  offsetMs: number | null;
  durationMs: number;
  error?: { message: string; stack?: string };
  logs?: string[];
}

/** One endpoint the run exercised, with its step's name. */
export interface EndpointView {
  step: number;
  stepName?: string;
  method: string;
  host: string;
  path: string;
  status: number;
  requests: number;
  meanMs: number;
}

export interface RunDetail extends RunSummary {
  cujDescription?: string;
  tags: string[];
  steps: StepView[];
  /** The run's own error, when the cause is not one step (browser crashed, timeout). */
  runError?: { message: string; stack?: string };
  screenshotUrl?: string;
  trace?: { downloadUrl: string; fileName: string; showTraceCommand: string };
  traceId?: string;
  /** The run's trace in the user's tracing UI, from the configured template. */
  traceLink?: string;
  coverage: EndpointView[];
}

export function runDetail(run: JourneyResult, traceUrlTemplate: string | undefined): RunDetail {
  const startMs = Date.parse(run.startedAt);
  const names = new Map(run.steps.map((step) => [step.index, step.name]));
  const base = `/runs/${encodeURIComponent(run.id)}`;
  const fileName = traceFileName(run);
  const traceLink = run.traceId === undefined || traceUrlTemplate === undefined ? undefined : traceUrl(traceUrlTemplate, run.traceId);
  return {
    ...runSummary(run),
    ...(run.cuj.description === undefined ? {} : { cujDescription: run.cuj.description }),
    tags: run.tags,
    steps: run.steps.map((step) => stepView(step, startMs)),
    ...(run.error === undefined ? {} : { runError: run.error }),
    ...(run.artifacts.screenshot === undefined ? {} : { screenshotUrl: `${base}/screenshot` }),
    ...(run.artifacts.trace === undefined ? {} : { trace: { downloadUrl: `${base}/trace`, fileName, showTraceCommand: `npx playwright show-trace ${fileName}` } }),
    ...(run.traceId === undefined ? {} : { traceId: run.traceId }),
    ...(traceLink === undefined ? {} : { traceLink }),
    coverage: (run.endpoints ?? []).map((use) => ({
      step: use.step,
      ...(names.has(use.step) ? { stepName: names.get(use.step)! } : {}),
      method: use.method,
      host: use.host,
      path: use.path,
      status: use.status,
      requests: use.count,
      meanMs: use.count === 0 ? 0 : use.totalMs / use.count,
    })),
  };
}

function stepView(step: StepResult, runStartMs: number): StepView {
  const startMs = step.startedAt === undefined ? Number.NaN : Date.parse(step.startedAt);
  return {
    index: step.index,
    name: step.name,
    soft: step.soft,
    status: step.status,
    offsetMs: Number.isNaN(startMs) ? null : Math.max(0, startMs - runStartMs),
    durationMs: step.durationMs,
    ...(step.error === undefined ? {} : { error: step.error }),
    ...(step.logs === undefined || step.logs.length === 0 ? {} : { logs: step.logs }),
  };
}

/** The download's name: journey and run id, reduced to characters safe in a file name and a header. */
export function traceFileName(run: Pick<JourneyResult, 'journey' | 'id'>): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'run';
  return `${safe(run.journey)}-${safe(run.id)}-trace.zip`;
}

/** The template with `{traceId}` filled in, when the result is an http(s) URL. */
export function traceUrl(template: string, traceId: string): string | undefined {
  return linkableUrl(template.replaceAll('{traceId}', encodeURIComponent(traceId)));
}

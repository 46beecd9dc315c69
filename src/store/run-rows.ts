import type { ErrorInfo, JourneyResult, RunStatus, StepResult, StepStatus } from '../journey/index.js';
import { StoreError } from './store-errors.js';

/** One row of the `runs` table. Optional fields of the model are NULL, never '' or 'null'. */
export interface RunRow {
  id: string;
  journey: string;
  cuj_id: string;
  cuj_description: string | null;
  location: string;
  target_name: string;
  target_url: string;
  status: string;
  started_at: string;
  started_at_ms: number;
  duration_ms: number;
  attempt: number;
  session_id: string | null;
  error_json: string | null;
  artifacts_json: string;
  tags_json: string;
  trace_id: string | null;
  /** 1 once the run is counted in the rollups (always, for runs this version saves); 0 for older runs until backfilled. */
  rolled_up: number;
}

/** One row of the `steps` table. */
export interface StepRow {
  run_id: string;
  step_index: number;
  name: string;
  /** 0 or 1: booleans are not a storage type in SQLite. */
  soft: number;
  status: string;
  started_at: string | null;
  duration_ms: number;
  error_message: string | null;
  error_stack: string | null;
  logs_json: string | null;
}

export const RUN_COLUMNS = [
  'id', 'journey', 'cuj_id', 'cuj_description', 'location', 'target_name', 'target_url', 'status',
  'started_at', 'started_at_ms', 'duration_ms', 'attempt', 'session_id', 'error_json', 'artifacts_json', 'tags_json', 'trace_id',
  'rolled_up',
] as const satisfies readonly (keyof RunRow)[];

export const STEP_COLUMNS = [
  'run_id', 'step_index', 'name', 'soft', 'status', 'started_at', 'duration_ms', 'error_message', 'error_stack', 'logs_json',
] as const satisfies readonly (keyof StepRow)[];

/** The run's own row. Throws an `invalid` StoreError when `startedAt` is not a time. */
export function toRunRow(result: JourneyResult): RunRow {
  return {
    id: result.id,
    journey: result.journey,
    cuj_id: result.cuj.id,
    cuj_description: result.cuj.description ?? null,
    location: result.location,
    target_name: result.target.name,
    target_url: result.target.url,
    status: result.status,
    started_at: result.startedAt,
    started_at_ms: startedAtMs(result),
    duration_ms: result.durationMs,
    attempt: result.attempt,
    session_id: result.sessionId ?? null,
    error_json: result.error === undefined ? null : JSON.stringify(result.error),
    artifacts_json: JSON.stringify(result.artifacts),
    tags_json: JSON.stringify(result.tags),
    trace_id: result.traceId ?? null,
    // The store rolls the run up in the same transaction that saves it.
    rolled_up: 1,
  };
}

/** The run's step rows, in the order of `result.steps`. */
export function toStepRows(result: JourneyResult): StepRow[] {
  return result.steps.map((step) => ({
    run_id: result.id,
    step_index: step.index,
    name: step.name,
    soft: step.soft ? 1 : 0,
    status: step.status,
    started_at: step.startedAt ?? null,
    duration_ms: step.durationMs,
    error_message: step.error?.message ?? null,
    error_stack: step.error?.stack ?? null,
    logs_json: step.logs === undefined ? null : JSON.stringify(step.logs),
  }));
}

/** Rebuilds the result; `steps` must already be in step order. Absent optional fields stay absent. */
export function fromRows(run: RunRow, steps: readonly StepRow[]): JourneyResult {
  const result: JourneyResult = {
    id: run.id,
    journey: run.journey,
    cuj: run.cuj_description === null ? { id: run.cuj_id } : { id: run.cuj_id, description: run.cuj_description },
    location: run.location,
    target: { name: run.target_name, url: run.target_url },
    startedAt: run.started_at,
    durationMs: run.duration_ms,
    status: run.status as RunStatus,
    attempt: run.attempt,
    steps: steps.map(fromStepRow),
    artifacts: JSON.parse(run.artifacts_json) as JourneyResult['artifacts'],
    tags: JSON.parse(run.tags_json) as string[],
  };
  if (run.error_json !== null) result.error = JSON.parse(run.error_json) as ErrorInfo;
  if (run.session_id !== null) result.sessionId = run.session_id;
  if (run.trace_id !== null) result.traceId = run.trace_id;
  return result;
}

function fromStepRow(row: StepRow): StepResult {
  const step: StepResult = {
    index: row.step_index,
    name: row.name,
    soft: row.soft === 1,
    status: row.status as StepStatus,
    durationMs: row.duration_ms,
  };
  if (row.started_at !== null) step.startedAt = row.started_at;
  if (row.error_message !== null) step.error = stepError(row.error_message, row.error_stack);
  if (row.logs_json !== null) step.logs = JSON.parse(row.logs_json) as string[];
  return step;
}

function stepError(message: string, stack: string | null): ErrorInfo {
  return stack === null ? { message } : { message, stack };
}

function startedAtMs(result: JourneyResult): number {
  const ms = Date.parse(result.startedAt);
  if (Number.isNaN(ms)) {
    throw new StoreError('save', 'invalid', `run ${result.id}: startedAt ${JSON.stringify(result.startedAt)} is not an ISO-8601 time`);
  }
  return ms;
}

/** Rows by `run_id`, keeping their order within each run. */
export function groupByRun<R extends { run_id: string }>(rows: readonly R[]): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const group = groups.get(row.run_id);
    if (group === undefined) groups.set(row.run_id, [row]);
    else group.push(row);
  }
  return groups;
}

import { createHash } from 'node:crypto';
import type { GateSession } from '../../../store/index.js';
import type { AlertsView, DashboardData } from '../dashboard-data.js';
import type { BoardView } from '../views/board-view.js';
import type { JourneyIndexRow } from '../views/journey-index.js';
import type { JourneyView } from '../views/journey-view.js';
import type { RunDetail } from '../views/run-detail.js';
import type { RunList } from '../views/run-list.js';
import { pageOf, QueryParams } from './query-params.js';

/**
 * What a request asked for, loaded once for both faces: the JSON API serialises it, the pages
 * render it. `version` changes when what the page shows changes (the browser script polls it).
 */
export type Loaded<T> =
  | { kind: 'ok'; value: T; version: string }
  | { kind: 'bad-request'; issues: string[] }
  | { kind: 'not-found'; message: string };

export type Query = (name: string) => string | undefined;

const GATE_KINDS = ['verify', 'canary'] as const;
const RUN_STATUSES = ['passed', 'failed', 'timedOut', 'error', 'aborted'] as const;

export async function loadBoard(data: DashboardData): Promise<Loaded<BoardView>> {
  const value = await data.board();
  return ok(value, hash(value.rows.map((row) => [row.slo, row.status, row.events, row.bad, row.alert.status, row.degradedRuns])));
}

export async function loadJourneys(data: DashboardData): Promise<Loaded<{ journeys: JourneyIndexRow[] }>> {
  const journeys = await data.journeys();
  return ok({ journeys }, hash(journeys.map((row) => row.latest?.id)));
}

export async function loadJourney(data: DashboardData, name: string, query: Query): Promise<Loaded<JourneyView & { hours: number }>> {
  const params = new QueryParams(query);
  const hours = params.int('hours', { default: 24, min: 1, max: 24 * 30 });
  if (params.issues.length > 0) return { kind: 'bad-request', issues: params.issues };
  const view = await data.journey(name, hours);
  if (view === undefined) return { kind: 'not-found', message: 'No journey with that name, configured or stored.' };
  return ok({ ...view, hours }, hash([view.recent[0]?.id, Object.values(view.counts)]));
}

export async function loadRuns(data: DashboardData, query: Query): Promise<Loaded<RunList>> {
  const params = new QueryParams(query);
  const page = pageOf(params);
  const filter = {
    journey: params.text('journey'),
    location: params.text('location'),
    status: params.oneOf('status', RUN_STATUSES),
    session: params.text('session'),
  };
  if (params.issues.length > 0) return { kind: 'bad-request', issues: params.issues };
  const list = await data.runs(filter, page);
  return ok(list, hash([list.total, list.runs[0]?.id]));
}

export async function loadRun(data: DashboardData, id: string): Promise<Loaded<RunDetail>> {
  const run = await data.run(id);
  return run === undefined ? { kind: 'not-found', message: 'No run with that id.' } : ok(run, run.id);
}

/** Firing and resolved alerts from the store (`alerts: null` without an alert source), the channels, and what would fire. */
export async function loadAlerts(data: DashboardData, query: Query): Promise<Loaded<AlertsView>> {
  const params = new QueryParams(query);
  const limit = params.int('limit', { default: 100, min: 1, max: 500 });
  if (params.issues.length > 0) return { kind: 'bad-request', issues: params.issues };
  const view = await data.alerts(limit);
  return ok(view, hash([view.alerts, view.wouldFire.map((w) => [w.slo, w.tier])]));
}

export async function loadGateSessions(
  data: DashboardData,
  query: Query,
): Promise<Loaded<{ sessions: GateSession[]; kind?: string; limit: number; offset: number; more: boolean }>> {
  const params = new QueryParams(query);
  const page = pageOf(params);
  const kind = params.oneOf('kind', GATE_KINDS);
  if (params.issues.length > 0) return { kind: 'bad-request', issues: params.issues };
  // One more than asked tells whether there is a next page without counting.
  const sessions = await data.gateSessions({ ...page, limit: page.limit + 1, ...(kind === undefined ? {} : { kind }) });
  const shown = sessions.slice(0, page.limit);
  return ok({ sessions: shown, ...(kind === undefined ? {} : { kind }), ...page, more: sessions.length > page.limit }, hash(shown.map((s) => s.id)));
}

export async function loadGateSession(data: DashboardData, id: string): Promise<Loaded<GateSession>> {
  const session = await data.gateSession(id);
  return session === undefined ? { kind: 'not-found', message: 'No verify or canary session with that id.' } : ok(session, session.id);
}

function ok<T>(value: T, version: string): Loaded<T> {
  return { kind: 'ok', value, version };
}

function hash(parts: unknown): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

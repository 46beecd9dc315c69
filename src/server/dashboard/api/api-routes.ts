import type { Context, Hono } from 'hono';
import type { DashboardData } from '../dashboard-data.js';
import { loadAlerts, loadBoard, loadGateSession, loadGateSessions, loadJourney, loadJourneys, loadRun, loadRuns, type Loaded } from './resources.js';

/**
 * The read-only JSON API the pages use, under `/api/v1` (documented in the README):
 * board, journeys, one journey, runs, one run, alerts, verify and canary sessions.
 * Every answer has `version`, which changes when the content does.
 */
export function addApiRoutes(app: Hono, data: DashboardData): void {
  const query = (c: Context) => (name: string) => c.req.query(name);
  app.get('/api/v1/board', async (c) => answer(c, await loadBoard(data)));
  app.get('/api/v1/journeys', async (c) => answer(c, await loadJourneys(data)));
  app.get('/api/v1/journeys/:journey', async (c) => answer(c, await loadJourney(data, c.req.param('journey'), query(c))));
  app.get('/api/v1/runs', async (c) => answer(c, await loadRuns(data, query(c))));
  app.get('/api/v1/runs/:id', async (c) => answer(c, await loadRun(data, c.req.param('id'))));
  app.get('/api/v1/alerts', async (c) => answer(c, await loadAlerts(data, query(c))));
  app.get('/api/v1/gate-sessions', async (c) => answer(c, await loadGateSessions(data, query(c))));
  app.get('/api/v1/gate-sessions/:id', async (c) => answer(c, await loadGateSession(data, c.req.param('id'))));
  app.all('/api/*', (c) => c.json({ error: 'not-found', message: 'no such API path; see the README for /api/v1' }, 404));
}

function answer<T>(c: Context, loaded: Loaded<T>): Response {
  switch (loaded.kind) {
    case 'ok':
      return c.json({ version: loaded.version, ...loaded.value });
    case 'bad-request':
      return c.json({ error: 'bad-request', issues: loaded.issues }, 400);
    case 'not-found':
      return c.json({ error: 'not-found', message: loaded.message }, 404);
  }
}

import type { Context, Hono } from 'hono';
import { html, type SafeHtml } from '../../../html/index.js';
import { loadAlerts, loadBoard, loadGateSession, loadGateSessions, loadJourney, loadJourneys, loadRun, loadRuns, type Loaded } from '../api/resources.js';
import type { DashboardData } from '../dashboard-data.js';
import { alertsPage } from './alerts-page.js';
import { boardPage } from './board-page.js';
import { gatePage, gatesPage } from './gates-page.js';
import { journeyPage } from './journey-page.js';
import { journeysPage } from './journeys-page.js';
import { layout, type PageOptions } from './layout.js';
import { notFoundBody } from './not-found-page.js';
import { runPage } from './run-page.js';
import { runsPage } from './runs-page.js';

type Section = PageOptions['section'];

interface PageSpec<T> {
  title: (value: T) => string;
  section: Section;
  body: (value: T) => SafeHtml;
  /** The API the browser script polls, and how it refreshes the page. */
  live?: { api: string; mode: 'board' | 'swap' };
}

/** The server-rendered pages. Each reads through the same loaders as the JSON API. */
export function addPageRoutes(app: Hono, data: DashboardData, options: { loggedIn: boolean; refreshMs: number }): void {
  const { loggedIn } = options;
  const query = (c: Context) => (name: string) => c.req.query(name);
  const render = <T>(c: Context, loaded: Loaded<T>, spec: PageSpec<T>): Response => {
    const page = (status: 200 | 400 | 404, title: string, body: SafeHtml, live?: PageOptions['live']) =>
      c.html(layout({ title, section: spec.section, body, generatedAtMs: data.now(), loggedIn, ...(live === undefined ? {} : { live }) }).value, status);
    switch (loaded.kind) {
      case 'ok':
        return page(200, spec.title(loaded.value), spec.body(loaded.value), spec.live === undefined ? undefined : { ...spec.live, version: loaded.version, intervalMs: options.refreshMs });
      case 'bad-request':
        return page(400, 'Bad request', html`<h1>Bad request</h1><ul>${loaded.issues.map((issue) => html`<li>${issue}</li>`)}</ul>`);
      case 'not-found':
        return page(404, 'Not found', notFoundBody(loaded.message));
    }
  };
  const live = (c: Context, api: string, mode: 'board' | 'swap' = 'swap') => ({ api: `${api}${new URL(c.req.url).search}`, mode });

  app.get('/', async (c) => render(c, await loadBoard(data), { title: () => 'SLO board', section: 'board', body: boardPage, live: live(c, '/api/v1/board', 'board') }));
  app.get('/journeys', async (c) =>
    render(c, await loadJourneys(data), { title: () => 'Journeys', section: 'journeys', body: (v) => journeysPage(v.journeys), live: live(c, '/api/v1/journeys') }),
  );
  app.get('/journeys/:journey', async (c) => {
    const name = c.req.param('journey');
    return render(c, await loadJourney(data, name, query(c)), {
      title: (v) => v.journey,
      section: 'journeys',
      body: (v) => journeyPage(v, v.hours),
      live: live(c, `/api/v1/journeys/${encodeURIComponent(name)}`),
    });
  });
  app.get('/runs', async (c) => render(c, await loadRuns(data, query(c)), { title: () => 'Runs', section: 'journeys', body: runsPage, live: live(c, '/api/v1/runs') }));
  app.get('/runs/:id', async (c) => render(c, await loadRun(data, c.req.param('id')), { title: (v) => `${v.journey} run`, section: 'journeys', body: runPage }));
  app.get('/alerts', async (c) =>
    render(c, await loadAlerts(data, query(c)), { title: () => 'Alerts', section: 'alerts', body: (v) => alertsPage(v, data.now()), live: live(c, '/api/v1/alerts') }),
  );
  app.get('/gates', async (c) =>
    render(c, await loadGateSessions(data, query(c)), { title: () => 'Canary & verify', section: 'gates', body: (v) => gatesPage(v.sessions, v), live: live(c, '/api/v1/gate-sessions') }),
  );
  app.get('/gates/:id', async (c) => render(c, await loadGateSession(data, c.req.param('id')), { title: (v) => `${v.kind} ${v.verdict}`, section: 'gates', body: gatePage }));
}

/** The 404 page for paths no route knows (it never echoes the path). */
export function notFoundPage(c: Context, data: DashboardData): Response {
  return c.html(layout({ title: 'Not found', section: 'none', body: notFoundBody('There is no page at this address.'), generatedAtMs: data.now() }).value, 404);
}

import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ShopDeps, ShopEnv } from './app-env.js';
import { html, type SafeHtml } from '../html/index.js';
import { renderPage } from './layout.js';
import { PageFaults } from './page-faults.js';
import { removeElementsByTestId } from './remove-elements.js';
import { currentSession } from './session-cookie.js';

/** Renders a full page for the current visitor (account name, cart badge, active faults). */
export function pageResponse(
  c: Context<ShopEnv>,
  deps: ShopDeps,
  page: { title: string; body: SafeHtml; query?: string; status?: ContentfulStatusCode },
): Response {
  const session = currentSession(c, deps.state);
  const faults = c.get('faults') ?? PageFaults.none;
  const markup = renderPage({
    title: page.title,
    body: page.body,
    query: page.query,
    user: session?.user,
    cartCount: deps.state.cart(session).count,
    faults,
  });
  return c.html(removeElementsByTestId(markup, faults.missingTestIds()), page.status ?? 200);
}

/** A bare error page: no session lookups, so it is safe from any middleware. */
export function errorPage(title: string, message: string, testId = 'error-page'): string {
  return renderPage({
    title,
    user: undefined,
    cartCount: 0,
    faults: PageFaults.none,
    body: html`<h1 data-testid="${testId}">${title}</h1><p>${message}</p><p><a href="/">Back to the shop</a></p>`,
  });
}

/** Only local paths, so `?next=` cannot send a visitor to another site. */
export function safeLocalPath(next: string | undefined, fallback = '/'): string {
  if (next === undefined || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  return next;
}

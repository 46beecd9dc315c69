import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { loginPage } from '../pages/login-page.js';
import type { AccessPolicy } from './bind-policy.js';

/** The login cookie. Its value is derived from the token, never the token itself. */
export const SESSION_COOKIE = 'outpost_ui_session';

/** Paths anyone may request: the login form and the stylesheet and script it uses. */
const PUBLIC_PATHS = [/^\/login$/, /^\/assets\/[^/]+$/];

/** How long a failed login answer is held back, so that guessing is slower still. */
const FAILED_LOGIN_DELAY_MS = 300;

/**
 * Requires the token when the policy has one: in an `Authorization: Bearer` header (scripts, the
 * JSON API) or in the HttpOnly login cookie that `POST /login` sets (people with a browser).
 * Pages redirect to the login form; the API answers 401.
 */
export function tokenAuth(policy: AccessPolicy): MiddlewareHandler {
  if (policy.kind !== 'token') return async (_c, next) => next();
  const cookieValue = sessionValue(policy.token);
  return async (c, next) => {
    if (PUBLIC_PATHS.some((pattern) => pattern.test(c.req.path))) return next();
    if (authorized(c, policy.token, cookieValue)) return next();
    if (c.req.path.startsWith('/api/')) {
      c.header('WWW-Authenticate', 'Bearer realm="outpost"');
      return c.json({ error: 'unauthorized', message: 'send the dashboard token as "Authorization: Bearer <token>"' }, 401);
    }
    return c.redirect(`/login?next=${encodeURIComponent(localPath(c.req.url))}`, 303);
  };
}

/** `GET /login` (the form), `POST /login` (checks the token, sets the cookie) and `POST /logout`. */
export function addLoginRoutes(app: Hono, policy: AccessPolicy): void {
  if (policy.kind !== 'token') return;
  const cookieValue = sessionValue(policy.token);
  app.get('/login', (c) => c.html(loginPage({ next: safeNext(c.req.query('next')) }).value));
  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
    if (typeof form.token !== 'string' || !sameSecret(form.token.trim(), policy.token)) {
      await new Promise((resolve) => setTimeout(resolve, FAILED_LOGIN_DELAY_MS));
      return c.html(loginPage({ next, failed: true }).value, 401);
    }
    setCookie(c, SESSION_COOKIE, cookieValue, { httpOnly: true, sameSite: 'Strict', path: '/', secure: isHttps(c) });
    return c.redirect(next, 303);
  });
  app.post('/logout', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  });
}

function authorized(c: Context, token: string, cookieValue: string): boolean {
  const header = c.req.header('authorization');
  const bearer = header?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (bearer !== undefined && sameSecret(bearer.trim(), token)) return true;
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie !== undefined && sameSecret(cookie, cookieValue);
}

/**
 * Compares in constant time. Hashing first gives both sides the same length, so neither the
 * content nor the length of the secret leaks through timing.
 */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** A cookie that proves the token was given, without being the token (a leaked cookie log does not leak it). */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('outpost-ui-session-v1').digest('base64url');
}

/** Where to go after logging in: a path on this server only, never another origin. */
function safeNext(next: string | undefined): string {
  if (next === undefined || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

function localPath(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** Behind a TLS-terminating proxy the request arrives as http, so the proxy's header counts too. */
function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { ShopState } from './shop-state.js';

export const SESSION_COOKIE = 'outpost_shop_session';

type Session = NonNullable<ReturnType<ShopState['session']>>;

/** The caller's session, if it has one. Reading never creates a session. */
export function currentSession(c: Context, state: ShopState): Session | undefined {
  return state.session(getCookie(c, SESSION_COOKIE));
}

/** The caller's session, created (and its cookie set) when there is none yet. */
export function ensureSession(c: Context, state: ShopState): Session {
  const existing = currentSession(c, state);
  if (existing !== undefined) return existing;
  const session = state.createSession();
  setCookie(c, SESSION_COOKIE, session.id, { path: '/', httpOnly: true, sameSite: 'Lax' });
  return session;
}

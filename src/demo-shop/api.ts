import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { ShopDeps, ShopEnv } from './app-env.js';
import { CATALOG, findProduct, searchProducts } from './catalog.js';
import { currentSession, ensureSession } from './session-cookie.js';
import { DEFAULT_ADDRESS } from './shop-state.js';

const loginBody = z.object({ email: z.string(), password: z.string() });
const addBody = z.object({
  productId: z.string().min(1),
  // Forms send strings; API clients send numbers.
  quantity: z.coerce.number().int().min(1).max(99).default(1),
});
const checkoutBody = z.object({ address: z.string().trim().min(1).max(500).default(DEFAULT_ADDRESS) });

/** Reads and validates a JSON body (an empty body reads as `{}`), or gives the 400 answer. */
async function jsonBody<T>(c: Context, schema: z.ZodType<T>): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  let raw: unknown;
  try {
    const text = await c.req.text();
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return { ok: false, response: c.json({ error: 'expected a JSON body' }, 400) };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return { ok: false, response: c.json({ error: 'invalid request body', issues }, 400) };
}

/** The JSON API the pages call. */
export function shopApi(deps: ShopDeps): Hono<ShopEnv> {
  const { state } = deps;
  const api = new Hono<ShopEnv>();

  api.get('/products', (c) => c.json({ products: CATALOG, total: CATALOG.length }));

  api.get('/products/:id', (c) => {
    const product = findProduct(c.req.param('id'));
    return product === undefined ? c.json({ error: 'product not found' }, 404) : c.json(product);
  });

  api.get('/search', (c) => {
    const query = c.req.query('q')?.trim() ?? '';
    const results = searchProducts(query);
    return c.json({ query, results, total: results.length });
  });

  api.post('/login', async (c) => {
    const body = await jsonBody(c, loginBody);
    if (!body.ok) return body.response;
    if (!state.checkCredentials(body.value.email, body.value.password)) {
      return c.json({ error: 'Wrong email or password' }, 401);
    }
    const user = state.logIn(ensureSession(c, state));
    return c.json({ user });
  });

  api.post('/logout', (c) => {
    state.logOut(currentSession(c, state));
    return c.json({ user: null });
  });

  api.get('/session', (c) => c.json({ user: currentSession(c, state)?.user ?? null }));

  api.get('/cart', (c) => c.json(state.cart(currentSession(c, state))));

  api.post('/cart/items', async (c) => {
    const body = await jsonBody(c, addBody);
    if (!body.ok) return body.response;
    if (findProduct(body.value.productId) === undefined) return c.json({ error: 'product not found' }, 404);
    const session = ensureSession(c, state);
    state.addToCart(session, body.value.productId, body.value.quantity);
    return c.json(state.cart(session), 201);
  });

  api.delete('/cart/items/:productId', (c) => {
    const session = currentSession(c, state);
    if (!state.removeFromCart(session, c.req.param('productId'))) return c.json({ error: 'not in the cart' }, 404);
    return c.json(state.cart(session));
  });

  api.post('/checkout', async (c) => {
    const session = currentSession(c, state);
    if (session?.user === undefined) return c.json({ error: 'Log in to check out' }, 401);
    if (state.cart(session).items.length === 0) return c.json({ error: 'Your cart is empty' }, 400);
    const body = await jsonBody(c, checkoutBody);
    if (!body.ok) return body.response;
    const order = state.placeOrder(session, session.user, body.value.address);
    return c.json(order, 201);
  });

  api.get('/orders/:id', (c) => {
    const order = state.order(c.req.param('id'), currentSession(c, state)?.user);
    return order === undefined ? c.json({ error: 'order not found' }, 404) : c.json(order);
  });

  // Where a broken element's action goes: always fails, and is traced like any other call.
  api.all('/broken/:testId', (c) =>
    c.json({ error: `Something went wrong (injected fault: "${c.req.param('testId')}" is broken)` }, 500),
  );

  return api;
}

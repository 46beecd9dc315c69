import { Hono, type Context } from 'hono';
import { checkFaultRule, checkFaultRules, type FaultIssue } from './fault-rules.js';
import type { FaultSet } from './fault-set.js';
import type { RequestLog } from './request-log.js';

/**
 * `/__outpost/*`: the test and demo control plane. Faults never apply here and these calls
 * are not recorded, so a test can always reach it and read a clean request log.
 */
export function controlApi(faults: FaultSet, requests: RequestLog): Hono {
  const app = new Hono();

  app.get('/faults', (c) => c.json(faults.list()));

  app.put('/faults', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return badRequest(c, body.issues);
    const checked = checkFaultRules(body.value);
    if (!checked.ok) return badRequest(c, checked.issues);
    faults.set(checked.rules);
    return c.json(faults.list());
  });

  app.post('/faults', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return badRequest(c, body.issues);
    const checked = checkFaultRule(body.value);
    if (!checked.ok) return badRequest(c, checked.issues);
    faults.add(checked.rule);
    return c.json(faults.list(), 201);
  });

  app.delete('/faults', (c) => {
    faults.clear();
    return c.body(null, 204);
  });

  // `?traceId=` narrows the list to one trace.
  app.get('/requests', (c) => {
    const traceId = c.req.query('traceId')?.toLowerCase();
    const all = requests.list();
    return c.json(traceId === undefined ? all : all.filter((r) => r.traceId === traceId));
  });

  app.delete('/requests', (c) => {
    requests.clear();
    return c.body(null, 204);
  });

  return app;
}

async function readJson(c: Context): Promise<{ ok: true; value: unknown } | { ok: false; issues: FaultIssue[] }> {
  try {
    return { ok: true, value: JSON.parse(await c.req.text()) };
  } catch (error) {
    return { ok: false, issues: [{ path: '', message: `body is not valid JSON (${(error as Error).message})` }] };
  }
}

function badRequest(c: Context, issues: FaultIssue[]): Response {
  return c.json({ error: 'invalid fault rules', issues }, 400);
}

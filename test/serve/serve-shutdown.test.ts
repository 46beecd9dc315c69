import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.js';
import { cleanUp, eventually, serveProject, startedRunsMatchStore, startServe, stopServe, storedRuns } from './serve-harness.js';

/**
 * Shutdown of `outpost serve` with real signals, counting what the store holds afterwards: every
 * run that started is stored exactly once, completed or aborted, unless a second signal forced the
 * exit (then exactly the runs that finished before it are stored).
 */
const slow = (name: string, ms: number) => `import { journey, step } from 'outpost';
export default journey({ name: '${name}', schedule: { every: '2s' }, timeout: '2m', steps: [
  step('work', async ({ request, expect }) => {
    await new Promise((resolve) => setTimeout(resolve, ${ms}));
    expect((await request.get('/api/products')).status()).toBe(200);
  }),
] });`;

let shop: DemoShop;
let project: string;

beforeAll(async () => {
  shop = await startDemoShop({ port: 0 });
  project = await serveProject({ short: slow('short-run', 2_500), long: slow('long-run', 90_000) }, { retries: 0, concurrency: 2 });
});
afterAll(() => cleanUp(shop, [project]));

async function serveUntilRunning(journey: string, store: string, grace: string) {
  const serve = await startServe(['--grep', `^${journey}$`, '--grace', grace, '--store', store], { cwd: project, env: { SHOP_URL: shop.url } });
  await eventually(() => serve.events('run.start').length > 0, `a ${journey} run to start`);
  return serve;
}

describe('outpost serve: graceful shutdown (child process, real signals)', () => {
  it('lets a run in flight finish within the grace period, stores it, and exits 0', async () => {
    const serve = await serveUntilRunning('short-run', 'graceful.db', '60s');
    const { exit, stored } = await stopServe(serve, join(project, 'graceful.db'));
    expect(exit.code).toBe(0);
    expect(serve.events('shutdown.begin')[0]?.fields.in_flight).toBe('1');
    expect(serve.events('shutdown.abort')).toEqual([]);
    const journal = startedRunsMatchStore(serve, stored);
    expect(journal.stored).toBe(journal.started);
    expect(journal.storedIds).toEqual(journal.loggedIds);
    expect(stored.map((r) => r.status)).toEqual(stored.map(() => 'passed'));
  });

  it('aborts a run still going when the grace period ends, stores it as aborted, and exits 0', async () => {
    const serve = await serveUntilRunning('long-run', 'aborted.db', '1s');
    const { exit, stored } = await stopServe(serve, join(project, 'aborted.db'));
    expect(exit.code).toBe(0);
    expect(serve.events('shutdown.abort')).toHaveLength(1);
    expect(stored.map((r) => [r.journey, r.status])).toEqual([['long-run', 'aborted']]);
    expect(startedRunsMatchStore(serve, stored)).toMatchObject({ started: 1, stored: 1, uniqueIds: 1 });
  });

  it('exits 130 at once on a second signal; runs that had finished are stored, the one in flight is not', async () => {
    const serve = await serveUntilRunning('long-run', 'forced.db', '60s');
    serve.signal('SIGTERM');
    await eventually(() => serve.events('shutdown.begin').length > 0, 'shutdown to begin');
    serve.signal('SIGINT');
    const { code } = await serve.exited;
    expect(code).toBe(130);
    expect(serve.events('shutdown.forced')).toHaveLength(1);
    const stored = await storedRuns(join(project, 'forced.db'));
    const journal = startedRunsMatchStore(serve, stored);
    expect(journal.started).toBe(1);
    expect(journal.storedIds).toEqual(journal.loggedIds);
    expect(stored).toEqual([]);
  });
});

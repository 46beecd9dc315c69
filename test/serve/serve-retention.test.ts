import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.js';
import { fullResult } from '../../src/store/journey-result-fixture.js';
import { openStore } from '../../src/store/index.js';
import { postgresMissingReason, startPostgres, type PostgresServer } from '../helpers/postgres-server.js';
import { API_PRODUCTS_JOURNEY, cleanUp, eventually, serveProject, startedRunsMatchStore, startServe, stopServe, storedRuns, type ServeProcess } from './serve-harness.js';

/**
 * Retention in `outpost serve`: a leader task that deletes raw runs older than `retention.runs`
 * in batches while probing goes on. The store is seeded with old runs (and a few younger ones that
 * must stay); serve probes an API journey every second throughout.
 */
const DAY_MS = 86_400_000;

let shop: DemoShop;
const projects: string[] = [];

beforeAll(async () => {
  shop = await startDemoShop({ port: 0 });
});
afterAll(() => cleanUp(shop, projects));

/** The time on the first log line of `event`. */
function loggedAt(serve: ServeProcess, event: string): number {
  const line = serve.stderr().split('\n').find((l) => l.split(/\s+/)[2] === event);
  if (line === undefined) throw new Error(`no ${event} line`);
  return Date.parse(line.split(' ')[0]!);
}

async function project(retention: Record<string, unknown>): Promise<string> {
  const dir = await serveProject({ products: API_PRODUCTS_JOURNEY }, { retries: 0, concurrency: 2 }, { retention });
  projects.push(dir);
  return dir;
}

if (postgresMissingReason) console.warn(`[serve-retention] skipping the PostgreSQL retention test: ${postgresMissingReason}`);

describe.skipIf(postgresMissingReason !== undefined)('outpost serve: retention on PostgreSQL while probing (child process)', () => {
  const OLD_RUNS = 60_000;
  let postgres: PostgresServer;
  let url: string;

  beforeAll(async () => {
    postgres = await startPostgres();
    url = await postgres.createDatabase('retention');
    await (await openStore(url)).close(); // migrates
    // Old runs, each with three steps, 40 days old; and 50 runs of 10 days ago that the 30d default keeps.
    const now = Date.now();
    await postgres.query(
      `INSERT INTO runs (id, journey, cuj_id, location, target_name, target_url, status, started_at, started_at_ms, duration_ms, attempt, artifacts_json, tags_json)
       SELECT 'seed-' || i, 'api-products', 'api-products', 'test-loc', 'shop', 'http://shop', 'passed',
              to_char(to_timestamp(t / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), t, 12.5, 1, '[]', '[]'
       FROM (SELECT i, CASE WHEN i <= $1 THEN $2::bigint - i * 1000 ELSE $3::bigint - i * 1000 END AS t FROM generate_series(1, $1 + 50) AS i) AS seeded`,
      [OLD_RUNS, now - 40 * DAY_MS, now - 10 * DAY_MS],
      'retention',
    );
    await postgres.query(
      `INSERT INTO steps (run_id, step_index, name, soft, status, duration_ms)
       SELECT r.id, s, 'step ' || s, 0, 'passed', 4 FROM runs r CROSS JOIN generate_series(0, 2) AS s`,
      [],
      'retention',
    );
  }, 120_000);
  afterAll(async () => {
    await postgres?.stop();
  });

  it('deletes the old runs in batches while the probe keeps storing runs, and keeps everything younger', async () => {
    const cwd = await project({ batchSize: 1_000 });
    const serve = await startServe(['--store', url], { cwd, env: { SHOP_URL: shop.url } });
    await eventually(() => serve.events('retention.done').length > 0, 'retention to finish', 120_000);
    // A few more probe runs after it, then stop.
    const after = serve.events('run').length;
    await eventually(() => serve.events('run').length >= after + 2, 'runs after retention');
    const { exit, stored } = await stopServe(serve, url);
    expect(exit.code).toBe(0);

    const done = serve.events('retention.done')[0]!.fields;
    expect(Number(done.deleted_runs)).toBe(OLD_RUNS);
    expect(done.aborted).toBeUndefined();
    const [steps] = await postgres.query<{ n: string }>("SELECT count(*) AS n FROM steps WHERE run_id LIKE 'seed-%'", [], 'retention');
    expect(Number(steps!.n)).toBe(50 * 3);

    const seeded = stored.filter((r) => r.id.startsWith('seed-'));
    expect(seeded).toHaveLength(50);
    expect(seeded.every((r) => Date.now() - Date.parse(r.startedAt) < 11 * DAY_MS)).toBe(true);

    // Probing went on while retention deleted: runs were started and stored between its first and last batch.
    const probed = stored.filter((r) => !r.id.startsWith('seed-'));
    const [from, to] = [loggedAt(serve, 'retention.start'), loggedAt(serve, 'retention.done')];
    const during = probed.filter((r) => Date.parse(r.startedAt) > from && Date.parse(r.startedAt) + r.durationMs < to);
    expect(during.length).toBeGreaterThanOrEqual(2);
    // Nothing probing wrote was lost: every run started is stored once, passed.
    const journal = startedRunsMatchStore(serve, probed);
    expect(journal.stored).toBe(journal.started);
    expect(journal.storedIds).toEqual(journal.loggedIds);
    expect(probed.every((r) => r.status === 'passed')).toBe(true);
    expect(serve.events('leader.acquired')).toHaveLength(1);
  }, 180_000);
});

describe('outpost serve: retention on SQLite (one process leads itself)', () => {
  it('deletes runs older than --retention and keeps the rest', async () => {
    const cwd = await project({ runs: '30d', batchSize: 100 });
    const db = join(cwd, 'results.db');
    const store = await openStore(db);
    const now = Date.now();
    const seeded = Array.from({ length: 450 }, (_, i) => fullResult({ id: `seed-${i}`, journey: 'api-products', startedAt: new Date(now - (i < 300 ? 3 : 1) * DAY_MS - i * 1000).toISOString() }));
    await store.saveRuns(seeded);
    await store.close();

    // --retention overrides the config's 30 days: runs of three days ago go, those of a day ago stay.
    const serve = await startServe(['--store', 'results.db', '--retention', '2d'], { cwd, env: { SHOP_URL: shop.url } });
    await eventually(() => serve.events('retention.done').length > 0 && serve.events('run').length >= 2, 'retention and a few runs');
    const { exit, stored } = await stopServe(serve, db);
    expect(exit.code).toBe(0);
    expect(serve.events('retention.done')[0]!.fields.deleted_runs).toBe('300');
    expect(stored.filter((r) => r.id.startsWith('seed-')).map((r) => r.id).sort()).toEqual(seeded.slice(300).map((r) => r.id).sort());
    expect(stored.filter((r) => !r.id.startsWith('seed-')).length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it("says so and exits 2 for a --retention that is not an age of at least an hour or 'off'", async () => {
    const cwd = await project({});
    await expect(startServe(['--retention', '10m'], { cwd, env: { SHOP_URL: shop.url } })).rejects.toThrow(/--retention.*at least 1h/s);
  });
});

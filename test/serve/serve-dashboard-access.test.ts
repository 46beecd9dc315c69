import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoShop, type DemoShop } from '../../src/demo-shop/index.js';
import { API_PRODUCTS_JOURNEY, cleanUp, serveProject, startServe, stopServe } from './serve-harness.js';

/**
 * `outpost serve` bound to every interface without a dashboard token keeps probing and serving its
 * health endpoints, and leaves the dashboard off with a warning (the container's default command
 * must not fail because no token was set). The test only connects through 127.0.0.1.
 */

let shop: DemoShop;
const projects: string[] = [];

beforeAll(async () => {
  shop = await startDemoShop({ port: 0 });
});
afterAll(() => cleanUp(shop, projects));

describe('outpost serve on 0.0.0.0 without a dashboard token (child process)', () => {
  it('probes and answers /healthz, and the dashboard stays off with a logged reason', async () => {
    const cwd = await serveProject({ products: API_PRODUCTS_JOURNEY }, { retries: 0 });
    projects.push(cwd);
    const env = { SHOP_URL: shop.url, OUTPOST_UI_TOKEN: '' };
    const serve = await startServe(['--host', '0.0.0.0'], { cwd, env });
    const local = serve.url.replace('0.0.0.0', '127.0.0.1');

    const health = await fetch(`${local}/healthz`);
    const board = await fetch(`${local}/api/v1/board`);
    const { exit } = await stopServe(serve, join(cwd, '.outpost', 'outpost.db'));

    expect(health.status).toBe(200);
    expect(board.status).toBe(404);
    expect(serve.events('dashboard.disabled')).toHaveLength(1);
    expect(serve.events('dashboard.disabled')[0]!.fields.reason).toMatch(/token/i);
    expect(exit.code).toBe(0);
  }, 120_000);
});

import { readFileSync } from 'node:fs';
import type { Context, Hono } from 'hono';

const ASSETS_DIR = new URL('../assets/', import.meta.url);

/** The files under /assets: bundled with the package (no CDN; the machines may have no internet). */
const ASSETS: Record<string, string> = {
  'dashboard.css': 'text/css; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

/** Serves the fixed set of assets, read once; any other name is 404 (no path ever reaches the file system). */
export function addStaticAssets(app: Hono, notFound: (c: Context) => Response): void {
  const files = new Map(Object.entries(ASSETS).map(([name, type]) => [name, { body: readFileSync(new URL(name, ASSETS_DIR)), type }]));
  app.get('/assets/:name', (c) => {
    const file = files.get(c.req.param('name'));
    if (file === undefined) return notFound(c);
    return c.body(new Uint8Array(file.body), 200, { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=300' });
  });
}

import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Context, Hono } from 'hono';
import type { DashboardData } from '../dashboard-data.js';
import { traceFileName } from '../views/run-detail.js';
import { openArtifact } from './artifact-files.js';

/**
 * `GET /runs/:id/screenshot` and `GET /runs/:id/trace`: a run's failure screenshot (inline) and
 * Playwright trace (download). The file is the one the stored run names, opened only from inside
 * the results folder (see {@link openArtifact}); anything else is 404.
 */
export function addArtifactRoutes(app: Hono, data: DashboardData, resultsDir: string, notFound: (c: Context) => Response): void {
  app.get('/runs/:id/screenshot', async (c) => {
    const served = await serve(data, resultsDir, c.req.param('id'), 'screenshot');
    if (served === undefined) return notFound(c);
    return new Response(served.body, { headers: { 'Content-Type': 'image/png', 'Content-Length': String(served.size), 'Cache-Control': 'private, max-age=3600' } });
  });
  app.get('/runs/:id/trace', async (c) => {
    const served = await serve(data, resultsDir, c.req.param('id'), 'trace');
    if (served === undefined) return notFound(c);
    return new Response(served.body, {
      headers: {
        'Content-Type': 'application/zip',
        'Content-Length': String(served.size),
        'Content-Disposition': `attachment; filename="${traceFileName({ journey: served.journey, id: c.req.param('id') })}"`,
        'Cache-Control': 'private, max-age=3600',
      },
    });
  });
}

async function serve(data: DashboardData, resultsDir: string, runId: string, kind: 'screenshot' | 'trace'): Promise<{ body: ReadableStream; size: number; journey: string } | undefined> {
  const artifact = await data.artifactPath(runId, kind);
  if (artifact === undefined) return undefined;
  const opened = await openArtifact(resultsDir, artifact.path);
  if (opened === undefined) return undefined;
  const stream = createReadStream('', { fd: opened.handle, autoClose: true });
  return { body: Readable.toWeb(stream) as ReadableStream, size: opened.size, journey: artifact.journey };
}

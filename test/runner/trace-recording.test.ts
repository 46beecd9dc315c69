import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journey, step, type JourneyResult } from '../../src/index.js';
import { startRunnerHarness, type RunnerHarness } from '../helpers/runner-harness.js';

let h: RunnerHarness;
let tracesRoot: string;
beforeAll(async () => {
  tracesRoot = await mkdtemp(join(tmpdir(), 'outpost-traces-root-'));
  h = await startRunnerHarness({ tracesRoot });
});
afterAll(async () => {
  await h.close();
  await rm(tracesRoot, { recursive: true, force: true });
});

const browse = step('browse', async ({ page, expect: e }) => {
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Search products' }).fill('mug');
  await page.getByRole('searchbox', { name: 'Search products' }).press('Enter');
  await e(page.getByTestId('result').first()).toBeVisible();
});
const passing = journey({ name: 'passing', steps: [browse] });
const failing = journey({
  name: 'failing',
  steps: [
    browse,
    step('find a missing button', async ({ page, expect: e }) => {
      await e(page.getByRole('button', { name: 'Does not exist' })).toBeVisible({ timeout: 300 });
    }),
  ],
});

interface TraceZip {
  entries: Record<string, Uint8Array>;
  /** Event types in trace.trace, with their counts. */
  events: Map<string, number>;
}

async function readTrace(result: JourneyResult): Promise<TraceZip> {
  const entries = unzipSync(new Uint8Array(await readFile(join(h.resultsDir, result.artifacts.trace!))));
  const events = new Map<string, number>();
  for (const line of strFromU8(entries['trace.trace']!).split('\n')) {
    if (line.trim() === '') continue;
    const type = (JSON.parse(line) as { type: string }).type;
    events.set(type, (events.get(type) ?? 0) + 1);
  }
  return { entries, events };
}

/** Every `resources/…` file the trace's events name (bodies, snapshot blobs), which the trace viewer will read from the zip. */
function referencedResources(zip: TraceZip): string[] {
  const text = ['trace.trace', 'trace.network'].map((name) => strFromU8(zip.entries[name] ?? new Uint8Array())).join('\n');
  const files = [...text.matchAll(/"_file":"(resources\/[^"]+)"/g)].map((m) => m[1]!);
  const sha1s = [...text.matchAll(/"sha1":"([^"]+)"/g)].map((m) => `resources/${m[1]}`);
  return [...new Set([...files, ...sha1s])];
}

/** The trace folder of the pool's browser (there is one browser), as listed now. */
async function traceFolderEntries(): Promise<string[]> {
  const folders = await readdir(tracesRoot);
  expect(folders).toHaveLength(1);
  return readdir(join(tracesRoot, folders[0]!));
}

describe('Playwright traces of runs', () => {
  it("an on-failure trace has DOM snapshots and the network, but no screencast", async () => {
    const result = await h.run(failing, { artifacts: { dir: h.resultsDir, trace: 'on-failure', screenshot: 'on-failure' } });
    expect(result.status).toBe('failed');
    const zip = await readTrace(result);
    expect(zip.events.get('frame-snapshot') ?? 0).toBeGreaterThan(0);
    expect(zip.events.get('before') ?? 0).toBeGreaterThan(0);
    expect(zip.events.get('screencast-frame') ?? 0).toBe(0);
    expect(Object.keys(zip.entries).filter((name) => name.endsWith('.jpeg'))).toEqual([]);
    expect(strFromU8(zip.entries['trace.network']!)).toContain('/search');
    // The failure screenshot is still there, beside the trace.
    expect(result.artifacts.screenshot).toBeDefined();
  });

  it("trace 'on' keeps the screencast", async () => {
    const result = await h.run(passing, { artifacts: { dir: h.resultsDir, trace: 'on', screenshot: 'off' } });
    expect(result.status).toBe('passed');
    const zip = await readTrace(result);
    expect(zip.events.get('screencast-frame') ?? 0).toBeGreaterThan(0);
    expect(zip.events.get('frame-snapshot') ?? 0).toBeGreaterThan(0);
    expect(Object.keys(zip.entries).some((name) => name.endsWith('.jpeg'))).toBe(true);
  });

  it('discarded traces do not pile up in the browser trace folder, and kept ones stay whole', async () => {
    // Generous timeouts: these runs overlap on a machine that may be busy, and only the folder matters here.
    const onFailure = { artifacts: { dir: h.resultsDir, trace: 'on-failure', screenshot: 'off' }, timeouts: { journeyMs: 120_000, stepMs: 60_000 } } as const;
    for (let i = 0; i < 3; i++) {
      expect((await h.run(passing, onFailure)).status).toBe('passed');
      expect(await traceFolderEntries()).toEqual([]);
    }
    // Concurrent runs share the folder's content-addressed resources: a failing run's trace is
    // zipped whole while passing runs around it discard theirs.
    const results = await Promise.all([h.run(passing, onFailure), h.run(failing, onFailure), h.run(passing, onFailure)]);
    expect(results.map((r) => r.status)).toEqual(['passed', 'failed', 'passed']);
    const zip = await readTrace(results[1]!);
    const referenced = referencedResources(zip);
    expect(referenced.length).toBeGreaterThan(0);
    expect(referenced.filter((file) => zip.entries[file] === undefined)).toEqual([]);
    expect(await traceFolderEntries()).toEqual([]);
  });

  it('the trace folder goes when the browser closes', async () => {
    expect(await readdir(tracesRoot)).toHaveLength(1);
    await h.pool.close();
    expect(await readdir(tracesRoot)).toEqual([]);
  });
});

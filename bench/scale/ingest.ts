import { rmSync, statSync } from 'node:fs';
import type { JourneyResult } from '../../src/journey/index.js';
import { openStore } from '../../src/store/index.js';

/** A realistic result: four steps (one soft), 1 run/min per journey and location. */
export function probeResult(i: number, journeys: number, startMs: number): JourneyResult {
  const journey = i % journeys;
  const location = Math.floor(i / journeys) % 3;
  const minute = Math.floor(i / (journeys * 3));
  const failed = (i * 7919) % 200 === 0;
  return {
    id: `run-${i}`,
    journey: `cuj-${journey}`,
    cuj: { id: `cuj-${journey}` },
    location: ['eu-west', 'us-east', 'ap-south'][location]!,
    target: { name: 'production', url: 'https://shop.example.com' },
    startedAt: new Date(startMs + minute * 60_000 + location * 1000).toISOString(),
    durationMs: 1200 + ((i * 31) % 900),
    status: failed ? 'failed' : 'passed',
    attempt: 1,
    steps: [
      { index: 0, name: 'open home', soft: false, status: 'passed', durationMs: 300 + (i % 200) },
      { index: 1, name: 'banner', soft: true, status: 'passed', durationMs: 20 },
      { index: 2, name: 'search', soft: false, status: 'passed', durationMs: 400 + (i % 300) },
      { index: 3, name: 'add to cart', soft: false, status: failed ? 'failed' : 'passed', durationMs: 350, ...(failed ? { error: { message: 'expected cart count 1, got 0' } } : {}) },
    ],
    artifacts: {},
    tags: ['shop'],
    sessionId: `slot-${i}`,
  };
}

export interface IngestResult {
  results: number;
  batch: number;
  wallMs: number;
  cpuMs: number;
  /** Store file size per result saved (runs, steps and rollups). */
  bytesPerResult: number;
}

/**
 * Saves `results` results in batches of `batch` into a fresh SQLite file (after a warm-up that
 * creates every series), the time order of a real probe fleet: 1000 journeys × 3 locations a minute.
 */
export async function measureIngest(file: string, results: number, batch: number, journeys = 1000): Promise<IngestResult> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const store = await openStore(file);
  const startMs = Date.UTC(2025, 0, 1);
  const warm = journeys * 3 * 2;
  const all = Array.from({ length: warm + results }, (_, i) => probeResult(i, journeys, startMs));
  for (let i = 0; i < warm; i += batch) await store.saveRuns(all.slice(i, i + batch));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = warm; i < warm + results; i += batch) await store.saveRuns(all.slice(i, i + batch));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await store.close();
  // After close the WAL is checkpointed into the file: raw runs, steps and rollups together.
  return { results, batch, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, bytesPerResult: statSync(file).size / (warm + results) };
}

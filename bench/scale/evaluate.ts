import { statSync } from 'node:fs';
import { evaluateSlos } from '../../src/evaluation/index.js';
import { DAY_MS, resolveSlo, type ResolvedSlo, type SloDefinition } from '../../src/scoring/index.js';
import { openStore } from '../../src/store/index.js';

export type SloMix = 'availability' | 'availability+latency' | 'timeslices';

export function slosFor(journeys: number, periodDays: number, mix: SloMix): ResolvedSlo[] {
  const periodMs = periodDays * DAY_MS;
  const definitions: SloDefinition[] = [];
  for (let j = 0; j < journeys; j++) {
    const journey = `cuj-${j}`;
    if (mix === 'timeslices') {
      definitions.push({ name: `${journey}-slices`, journey, sli: { kind: 'availability' }, objective: 0.995, periodMs, budgeting: { method: 'timeslices' } });
      continue;
    }
    definitions.push({ name: `${journey}-availability`, journey, sli: { kind: 'availability' }, objective: 0.995, periodMs });
    if (mix === 'availability+latency') definitions.push({ name: `${journey}-latency`, journey, sli: { kind: 'latency', thresholdMs: 2000 }, objective: 0.95, periodMs });
  }
  return definitions.map(resolveSlo);
}

export interface EvaluationTiming {
  slos: number;
  /** Open the store and evaluate, the first time. */
  coldMs: number;
  /** Evaluate again on the open store (what a periodic loop pays). */
  warmMs: number;
  /** CPU time of the second evaluation (this process: JavaScript and SQLite), less sensitive to a loaded machine than wall time. */
  warmCpuMs: number;
  fileBytes: number;
  firing: number;
}

export async function measureEvaluation(file: string, slos: readonly ResolvedSlo[], nowMs: number): Promise<EvaluationTiming> {
  const t0 = performance.now();
  const store = await openStore(file);
  try {
    const first = await evaluateSlos({ store, slos, nowMs });
    const coldMs = performance.now() - t0;
    const cpu0 = process.cpuUsage();
    const t1 = performance.now();
    await evaluateSlos({ store, slos, nowMs });
    const warmMs = performance.now() - t1;
    const cpu = process.cpuUsage(cpu0);
    return { slos: slos.length, coldMs, warmMs, warmCpuMs: (cpu.user + cpu.system) / 1000, fileBytes: statSync(file).size, firing: first.filter((s) => s.firingTiers.length > 0).length };
  } finally {
    await store.close();
  }
}

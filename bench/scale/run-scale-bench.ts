// `npm run bench:scale`: SQLite ingest rate with rollups, and the time to evaluate every SLO and tier
// from the rollups for 100 / 300 / 1000 CUJs × 3 locations with 28 days of 1-min history. Markdown on
// stdout, for BENCHMARKS.md "## Scale".
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureEvaluation, slosFor, type SloMix } from './evaluate.js';
import { measureIngest } from './ingest.js';
import { seedRollups } from './seed-rollups.js';

const { values } = parseArgs({
  options: {
    results: { type: 'string', default: '60000' },
    batch: { type: 'string', default: '1000' },
    journeys: { type: 'string', default: '100,300,1000' },
    days: { type: 'string', default: '28' },
    'skip-ingest': { type: 'boolean', default: false },
  },
});
const dir = mkdtempSync(join(tmpdir(), 'outpost-scale-'));
const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');
const out: string[] = [];
try {
  if (!values['skip-ingest']) {
    const ingest = await measureIngest(join(dir, 'ingest.db'), Number(values.results), Number(values.batch));
    out.push(
      '### Ingest (SQLite, saveRuns, rollups included)',
      '',
      '| results | batch | wall | results/s (wall) | CPU | results/s (CPU) | bytes/result |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| ${ingest.results} | ${ingest.batch} | ${(ingest.wallMs / 1000).toFixed(2)} s | ${Math.round((ingest.results / ingest.wallMs) * 1000)} | ${(ingest.cpuMs / 1000).toFixed(2)} s | ${Math.round((ingest.results / ingest.cpuMs) * 1000)} | ${ingest.bytesPerResult.toFixed(0)} |`,
      '',
      `load average after: ${load()}`,
      '',
    );
    process.stderr.write('ingest done\n');
  }
  out.push(
    `### Evaluation (${values.days} days of 1-min history × 3 locations, default tiers)`,
    '',
    '| CUJs | SLO period | SLOs | mix | store size | open + evaluate (wall) | evaluate again (wall) | evaluate again (CPU) | SLOs with a tier firing |',
    '| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const journeys of values.journeys.split(',').map(Number)) {
    const file = join(dir, `eval-${journeys}.db`);
    const nowMs = await seedRollups(file, { journeys, days: Number(values.days) });
    process.stderr.write(`seeded ${journeys} CUJs\n`);
    const runs: [number, SloMix][] = [[7, 'availability'], [28, 'availability'], [28, 'availability+latency'], [7, 'timeslices'], [28, 'timeslices']];
    for (const [period, mix] of runs) {
      const t = await measureEvaluation(file, slosFor(journeys, period, mix), nowMs);
      out.push(`| ${journeys} | ${period}d | ${t.slos} | ${mix} | ${(t.fileBytes / 2 ** 20).toFixed(0)} MiB | ${t.coldMs.toFixed(0)} ms | ${t.warmMs.toFixed(0)} ms | ${t.warmCpuMs.toFixed(0)} ms | ${t.firing} |`);
      process.stderr.write(`${journeys} CUJs ${period}d ${mix}: ${t.coldMs.toFixed(0)} ms\n`);
    }
  }
  out.push('', `load average at the end: ${load()}`);
  process.stdout.write(`${out.join('\n')}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

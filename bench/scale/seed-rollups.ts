import { rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { latencyBucket } from '../../src/scoring/index.js';
import { openStore, RESOLUTION_MS, seriesIdOf } from '../../src/store/index.js';
import { ANY_PASS_COLUMNS, FIRST_PASS_COLUMNS } from '../../src/store/rollup-columns.js';
import { hourStatesForDaysSql, summarizeDays, type HourStatesRow } from '../../src/store/timeslice-days.js';

const MINUTE = RESOLUTION_MS.minute;
const HOUR = RESOLUTION_MS.hour;
const DAY = RESOLUTION_MS.day;
const LOCATIONS = ['eu-west', 'us-east', 'ap-south'];

/**
 * A store as `outpost serve` leaves it after `days` of 1 run/min per journey and location, with
 * `maintainRollups` at its defaults: day rows for every whole day, hour rows (with minute states)
 * for every hour folded so far, minute rows for the last 8 hours. Written straight into the tables
 * (generating and saving 121 M results would take hours); counts follow a steady 0.5% failure rate
 * and durations around 1.5 s. Returns the instant to evaluate at.
 */
export async function seedRollups(file: string, options: { journeys: number; days: number }): Promise<number> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  await (await openStore(file)).close();
  const nowMs = Date.UTC(2025, 5, 1, 9, 37, 30);
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;');
    const series = seriesOf(options.journeys);
    db.exec('BEGIN');
    const insertSeries = db.prepare('INSERT INTO rollup_series (id, journey, step, target, location) VALUES (?, ?, ?, ?, ?)');
    for (const s of series) insertSeries.run(s.id, s.journey, '', 'production', s.location);
    db.exec('COMMIT');
    const hourTo = Math.floor((nowMs - 10 * MINUTE) / HOUR) * HOUR;
    const dayTo = Math.floor(hourTo / DAY) * DAY;
    const from = Math.floor((nowMs - options.days * DAY) / MINUTE) * MINUTE;
    writeRows(db, 'day', series, Math.ceil(from / DAY) * DAY, dayTo, 1440);
    writeRows(db, 'hour', series, Math.max(from, nowMs - 35 * DAY), hourTo, 60);
    writeRows(db, 'minute', series, Math.max(from, Math.floor((nowMs - 8 * HOUR) / MINUTE) * MINUTE), nowMs, 1);
    db.prepare('UPDATE rollup_watermarks SET folded_before_ms = ? WHERE resolution_ms = ?').run(hourTo, HOUR);
    db.prepare('UPDATE rollup_watermarks SET folded_before_ms = ? WHERE resolution_ms = ?').run(dayTo, DAY);
    writeTimesliceDays(db, Math.floor(Math.max(from, nowMs - 35 * DAY) / DAY) * DAY, dayTo);
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return nowMs;
}

/** The time-slice day summaries compaction writes when it folds each day, from the seeded hour rows (the store's own code). */
function writeTimesliceDays(db: DatabaseSync, fromMs: number, toMs: number): void {
  const read = db.prepare(hourStatesForDaysSql((n) => `?${n}`, false));
  const insert = db.prepare('INSERT INTO timeslice_days (journey, step, target, day_ms, minutes_json) VALUES (?, ?, ?, ?, ?)');
  db.exec('BEGIN');
  for (let day = fromMs; day < toMs; day += DAY) {
    for (const d of summarizeDays(read.all(day, day + DAY) as unknown as HourStatesRow[])) insert.run(d.journey, d.step, d.target, d.dayMs, JSON.stringify(d.minutes));
  }
  db.exec('COMMIT');
}

function seriesOf(journeys: number) {
  return Array.from({ length: journeys }, (_, j) => LOCATIONS.map((location) => ({ journey: `cuj-${j}`, location, id: seriesIdOf({ journey: `cuj-${j}`, step: '', target: 'production', location }) }))).flat();
}

/** Rows of one resolution from `fromMs` (aligned down) to `toMs`, each holding `runs` probes. */
function writeRows(db: DatabaseSync, resolution: keyof typeof RESOLUTION_MS, series: readonly { id: number }[], fromMs: number, toMs: number, runs: number): void {
  const width = RESOLUTION_MS[resolution];
  const typical = latencyBucket(1500);
  const slow = latencyBucket(2200);
  const columns = ['resolution_ms', 'start_ms', 'series_id', 'runs', 'bad', 'degraded', 'invalid', FIRST_PASS_COLUMNS[typical]!, ANY_PASS_COLUMNS[typical]!, FIRST_PASS_COLUMNS[slow]!, ANY_PASS_COLUMNS[slow]!, 'minute_states'];
  const insert = db.prepare(`INSERT INTO rollups (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const states = 'R'.repeat(60);
  let next = 1;
  const random = () => ((next = (next * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  db.exec('BEGIN');
  let rows = 0;
  for (let start = Math.floor(fromMs / width) * width; start < toMs; start += width) {
    for (const s of series) {
      const bad = runs === 1 ? (random() < 0.005 ? 1 : 0) : Math.floor(random() * runs * 0.01);
      const degraded = runs === 1 ? 0 : Math.floor(random() * 2);
      const passed = runs - bad;
      const slowRuns = Math.floor(passed * 0.05);
      const fast = passed - slowRuns;
      insert.run(width, start, s.id, runs, bad, degraded, 0, fast - degraded || null, fast || null, slowRuns || null, slowRuns || null, resolution === 'hour' ? states : null);
      if (++rows % 200_000 === 0) {
        db.exec('COMMIT');
        db.exec('BEGIN');
      }
    }
  }
  db.exec('COMMIT');
}

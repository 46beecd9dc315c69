import type { ResultLine } from './result-line.js';

const FAILED = 1;
const RETRIED = 2;

/** One row of a {@link RunTable}, as handed to a visitor (the same object is reused). */
export interface RunRow {
  startedAtMs: number;
  location: number;
  failed: boolean;
  /** It took more than one attempt. */
  retried: boolean;
  durationMs: number;
}

/**
 * Runs held in columns: a million results take a few typed arrays instead of a million
 * objects, and rolling them up per SLO is a scan. Journeys and locations are interned.
 */
export class RunTable {
  private capacity = 1024;
  private count = 0;
  private startedAt = new Float64Array(this.capacity);
  private duration = new Float64Array(this.capacity);
  private journey = new Uint32Array(this.capacity);
  private location = new Uint32Array(this.capacity);
  private flags = new Uint8Array(this.capacity);
  private readonly journeyIds = new Map<string, number>();
  private readonly locationIds = new Map<string, number>();
  /** Location names by id, in order of first appearance. */
  readonly locations: string[] = [];
  private readonly journeyNames: string[] = [];
  private first = Infinity;
  private last = -Infinity;

  /** Runs held. */
  get size(): number {
    return this.count;
  }

  /** Start of the earliest and latest run, or null when empty. */
  get span(): { firstMs: number; lastMs: number } | null {
    return this.count === 0 ? null : { firstMs: this.first, lastMs: this.last };
  }

  /** Journey names, sorted, so that output does not depend on the order of the input. */
  get journeys(): string[] {
    return [...this.journeyNames].sort();
  }

  /** Adds one run; the table grows by doubling. */
  add(run: ResultLine): void {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    this.startedAt[i] = run.startedAtMs;
    this.duration[i] = run.durationMs;
    this.journey[i] = intern(this.journeyIds, this.journeyNames, run.journey);
    this.location[i] = intern(this.locationIds, this.locations, run.location);
    this.flags[i] = (run.status === 'failed' ? FAILED : 0) | (run.attempts > 1 ? RETRIED : 0);
    if (run.startedAtMs < this.first) this.first = run.startedAtMs;
    if (run.startedAtMs > this.last) this.last = run.startedAtMs;
  }

  /** Calls `visit` for each run of `journey`; the row object is reused between calls. */
  forEachRunOf(journey: string, visit: (row: Readonly<RunRow>) => void): void {
    const id = this.journeyIds.get(journey);
    if (id === undefined) return;
    const row: RunRow = { startedAtMs: 0, location: 0, failed: false, retried: false, durationMs: 0 };
    for (let i = 0; i < this.count; i++) {
      if (this.journey[i] !== id) continue;
      const flags = this.flags[i]!;
      row.startedAtMs = this.startedAt[i]!;
      row.location = this.location[i]!;
      row.failed = (flags & FAILED) !== 0;
      row.retried = (flags & RETRIED) !== 0;
      row.durationMs = this.duration[i]!;
      visit(row);
    }
  }

  private grow(): void {
    this.capacity *= 2;
    this.startedAt = resized(this.startedAt, new Float64Array(this.capacity));
    this.duration = resized(this.duration, new Float64Array(this.capacity));
    this.journey = resized(this.journey, new Uint32Array(this.capacity));
    this.location = resized(this.location, new Uint32Array(this.capacity));
    this.flags = resized(this.flags, new Uint8Array(this.capacity));
  }
}

function resized<T extends Float64Array | Uint32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function intern(ids: Map<string, number>, names: string[], name: string): number {
  let id = ids.get(name);
  if (id === undefined) {
    id = names.length;
    ids.set(name, id);
    names.push(name);
  }
  return id;
}

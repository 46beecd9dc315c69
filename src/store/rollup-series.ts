import { createHash } from 'node:crypto';

/** What a rollup series counts: one journey's run (`step` '') or one of its steps, on one target, from one location. */
export interface SeriesKey {
  journey: string;
  /** The step name, or '' for the whole run. */
  step: string;
  target: string;
  location: string;
}

/** A series with its id, as `rollup_series` stores it. */
export interface RollupSeries extends SeriesKey {
  id: number;
}

/**
 * A series' id: 52 bits of the SHA-256 of its key, so every replica and both databases compute the
 * same id without a round trip, and it is exact as a JavaScript number. Two keys collide with a
 * probability of about n²/2⁵³ (one in a million at 100,000 series); a collision would add one
 * series' counts to another's.
 */
export function seriesIdOf(key: SeriesKey): number {
  const digest = createHash('sha256').update(JSON.stringify([key.journey, key.step, key.target, key.location])).digest();
  return digest.readUIntBE(0, 6) * 16 + (digest[6]! >> 4);
}

/** Series ids by key, remembered per store, and which ids are known to be in `rollup_series`. */
export class SeriesRegistry {
  // journey → target → location → step → series: a probe resolves its run's place once, then each step.
  private readonly byPlace = new Map<string, Map<string, Map<string, Map<string, RollupSeries>>>>();
  private readonly stored = new Set<number>();

  /** The series of one run's place (journey, target, location), by step ('' for the run). */
  placeOf(journey: string, target: string, location: string): (step: string) => RollupSeries {
    const steps = child(child(child(this.byPlace, journey), target), location);
    return (step) => {
      let series = steps.get(step);
      if (series === undefined) {
        series = { journey, step, target, location, id: 0 };
        series.id = seriesIdOf(series);
        steps.set(step, series);
      }
      return series;
    };
  }

  /** The series of a key, computing its id once. */
  seriesOf(journey: string, step: string, target: string, location: string): RollupSeries {
    return this.placeOf(journey, target, location)(step);
  }

  /** The series of these deltas not yet known to be stored, each once, by id. */
  unstored(deltas: Iterable<{ series: RollupSeries }>): RollupSeries[] {
    const found = new Map<number, RollupSeries>();
    for (const { series } of deltas) if (!this.stored.has(series.id)) found.set(series.id, series);
    return [...found.values()].sort((a, b) => a.id - b.id);
  }

  /** Records that these ids are stored (call after the transaction that wrote them committed). */
  markStored(ids: Iterable<number>): void {
    for (const id of ids) this.stored.add(id);
  }
}

function child<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let found = map.get(key);
  if (found === undefined) map.set(key, (found = new Map()));
  return found;
}

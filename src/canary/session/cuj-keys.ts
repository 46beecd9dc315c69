import type { Journey } from '../../journey/index.js';

/**
 * The name each journey's runs are analysed and reported under: its CUJ id, or `cuj/journey`
 * when several selected journeys represent the same CUJ (their runs are different measurements
 * and must not be pooled into one sample).
 */
export function cujKeys(journeys: readonly Journey[]): Map<Journey, string> {
  const perCuj = new Map<string, number>();
  for (const journey of journeys) perCuj.set(journey.cuj.id, (perCuj.get(journey.cuj.id) ?? 0) + 1);
  return new Map(journeys.map((journey) => [journey, (perCuj.get(journey.cuj.id) ?? 0) > 1 ? `${journey.cuj.id}/${journey.name}` : journey.cuj.id]));
}

/**
 * The order of canary runs. Each round runs every journey once against each side, the two runs
 * of a journey next to each other (so with concurrency ≥ 2 they run at the same time) and the
 * side that goes first alternating from round to round and journey to journey. Load, caches
 * warming up and drift over time then hit baseline and canary alike.
 */
import type { Journey } from '../../journey/index.js';

export type CanarySide = 'baseline' | 'canary';

export interface ScheduledRun {
  journey: Journey;
  side: CanarySide;
  /** From 0. */
  round: number;
}

/** The runs of round `round`, in the order they start. */
export function roundSchedule(journeys: readonly Journey[], round: number): ScheduledRun[] {
  return journeys.flatMap((journey, index) => {
    const sides: CanarySide[] = (round + index) % 2 === 0 ? ['baseline', 'canary'] : ['canary', 'baseline'];
    return sides.map((side) => ({ journey, side, round }));
  });
}

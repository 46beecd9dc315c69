import { RESOLUTION_MS, type RollupResolution } from './rollup-columns.js';

/** How far compaction has folded: everything before these instants is in the hour (day) rows. */
export interface Watermarks {
  hour: number;
  day: number;
}

/** The next fold of one resolution: the bucket to fold (if any) and the watermark afterwards. */
export interface FoldPlan {
  fold?: { fromMs: number; toMs: number };
  watermark: number;
}

export function finerOf(resolution: 'hour' | 'day'): RollupResolution {
  return resolution === 'hour' ? 'minute' : 'hour';
}

export function coarserOf(resolution: RollupResolution): 'hour' | 'day' | undefined {
  return resolution === 'minute' ? 'hour' : resolution === 'hour' ? 'day' : undefined;
}

/**
 * Plans the next fold into `resolution`: the bucket that holds the oldest finer row at or after the
 * watermark (`nextFinerMs`), when it ends by `untilMs` (and, for days, by the hour watermark: a day
 * is folded from its hours, so all of them must be folded first). Empty buckets are skipped by
 * moving the watermark on.
 */
export function nextFold(resolution: 'hour' | 'day', watermarks: Watermarks, nextFinerMs: number | undefined, untilMs: number): FoldPlan {
  const width = RESOLUTION_MS[resolution];
  const limit = resolution === 'day' ? Math.min(untilMs, watermarks.hour) : untilMs;
  const end = Math.floor(limit / width) * width;
  const current = watermarks[resolution];
  if (nextFinerMs === undefined || nextFinerMs >= end) return { watermark: Math.max(current, end) };
  const fromMs = Math.floor(nextFinerMs / width) * width;
  return { fold: { fromMs, toMs: fromMs + width }, watermark: fromMs + width };
}

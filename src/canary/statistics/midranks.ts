/**
 * Ranks with ties given the mean of the ranks they span (R's `rank(ties.method = "average")`),
 * and the tie term Σ(t³ − t) that shrinks the rank-sum variance when values tie.
 */

export interface Ranking {
  /** 1-based mid-ranks, in the order of the input. */
  ranks: number[];
  /** Σ(t³ − t) over groups of t equal values; 0 when no value repeats. */
  tieTerm: number;
}

/** Mid-ranks of `values` and their tie term. */
export function midranks(values: readonly number[]): Ranking {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length).fill(0);
  let tieTerm = 0;
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && order[end]?.value === order[start]?.value) end++;
    const t = end - start;
    // Positions start..end-1 hold ranks start+1..end; their mean is (start + 1 + end) / 2.
    const midrank = (start + 1 + end) / 2;
    for (const entry of order.slice(start, end)) ranks[entry.index] = midrank;
    tieTerm += t * t * t - t;
    start = end;
  }
  return { ranks, tieTerm };
}

/** Σ(t³ − t) over the groups of equal values in `values`. */
export function tieTerm(values: readonly number[]): number {
  return midranks(values).tieTerm;
}

/** One series of a Prometheus text exposition. */
export interface Series {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Reads the sample lines of a Prometheus text exposition (comments skipped). */
export function parsePrometheusText(text: string): Series[] {
  const series: Series[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (match === null) continue;
    const labels: Record<string, string> = {};
    for (const label of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[label[1]!] = label[2]!;
    series.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return series;
}

/** The sum of every series called `name` whose labels include `where`. */
export function sumOf(series: readonly Series[], name: string, where: Record<string, string> = {}): number {
  return series
    .filter((s) => s.name === name && Object.entries(where).every(([k, v]) => s.labels[k] === v))
    .reduce((total, s) => total + s.value, 0);
}

/** A histogram summed over all its series: cumulative counts per upper bound, sum and count. */
export interface Histogram {
  buckets: { le: number; count: number }[];
  sum: number;
  count: number;
}

export function histogramOf(series: readonly Series[], name: string): Histogram {
  const byLe = new Map<number, number>();
  for (const s of series) {
    if (s.name !== `${name}_bucket`) continue;
    const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
    byLe.set(le, (byLe.get(le) ?? 0) + s.value);
  }
  const buckets = [...byLe].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
  return { buckets, sum: sumOf(series, `${name}_sum`), count: sumOf(series, `${name}_count`) };
}

/** `later - earlier`, bucket by bucket: what happened between two scrapes. */
export function histogramDelta(later: Histogram, earlier: Histogram | undefined): Histogram {
  if (earlier === undefined) return later;
  const before = new Map(earlier.buckets.map((b) => [b.le, b.count]));
  return {
    buckets: later.buckets.map((b) => ({ le: b.le, count: b.count - (before.get(b.le) ?? 0) })),
    sum: later.sum - earlier.sum,
    count: later.count - earlier.count,
  };
}

/** The upper bound of the bucket holding quantile `q` (an over-estimate by at most one bucket width). */
export function quantileUpperBound(histogram: Histogram, q: number): number | undefined {
  if (histogram.count <= 0) return undefined;
  const rank = q * histogram.count;
  return histogram.buckets.find((b) => b.count >= rank)?.le;
}

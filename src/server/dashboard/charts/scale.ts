/** Maps a domain onto chart coordinates; a zero-width domain maps to the start. */
export function linear(domain: [number, number], range: [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/** Rounds chart coordinates so the SVG stays small. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Polyline point lists for a series with gaps: a null value ends a segment, so a bucket with no
 * data is not drawn as a line through it.
 */
export function segments(points: readonly { x: number; y: number | null }[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const point of points) {
    if (point.y === null) {
      if (current.length > 0) out.push(current.join(' '));
      current = [];
      continue;
    }
    current.push(`${round(point.x)},${round(point.y)}`);
  }
  if (current.length > 0) out.push(current.join(' '));
  return out;
}

/** A "nice" upper bound for an axis: 1, 2 or 5 × a power of ten, at least `max`. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

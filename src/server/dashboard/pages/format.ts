/** How numbers, times and durations read on the dashboard (the browser script mirrors these). */

/** 0.99953 → "99.95%": enough decimals to tell an SLI from its objective. */
export function percent(ratio: number | null, decimals = 2): string {
  if (ratio === null || !Number.isFinite(ratio)) return '–';
  const fixed = (ratio * 100).toFixed(decimals);
  return `${fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed}%`;
}

/** 850 → "850 ms", 1234 → "1.23 s", 95000 → "1.6 min". */
export function duration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** A window length: 3600000 → "1h", 300000 → "5m", 2419200000 → "28d". */
export function windowLength(ms: number): string {
  const units: [number, string][] = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'm']];
  for (const [size, unit] of units) if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  return duration(ms);
}

/** Burn rate: "14.4×"; "–" without data. */
export function burn(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '–';
  return `${rate >= 10 ? rate.toFixed(0) : rate.toFixed(1)}×`;
}

/** "2025-03-01 10:00:00 UTC": absolute, so a page left open never shows a stale "5 min ago". */
export function timestamp(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** "10:00" (UTC), for chart axes. */
export function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}

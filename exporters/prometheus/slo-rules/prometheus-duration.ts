const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * A window as a Prometheus duration and rule-name suffix, Sloth style: `5m`, `30m`, `1h`, `6h`,
 * `1d`, `3d`, `28d` (whole days as days, else hours, else minutes).
 */
export function prometheusDuration(ms: number): string {
  if (ms % DAY_MS === 0) return `${ms / DAY_MS}d`;
  if (ms % HOUR_MS === 0) return `${ms / HOUR_MS}h`;
  if (ms % MINUTE_MS === 0) return `${ms / MINUTE_MS}m`;
  return `${ms / 1000}s`;
}

/** The windows Sloth records for every SLO, besides the period and the tiers' own. */
export const STANDARD_WINDOWS_MS: readonly number[] = [5, 30, 60, 120, 360, 1440, 4320].map((minutes) => minutes * MINUTE_MS);

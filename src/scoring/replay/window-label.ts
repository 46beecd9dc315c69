import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time-units.js';

/**
 * A window length as people write it: `5m`, `1h`, `72h`, `28d`. Hours up to three days,
 * because tiers are named that way (`ticket-72h`); whole days beyond. Odd lengths fall back
 * to minutes, then seconds.
 */
export function windowLabel(ms: number): string {
  if (ms > 3 * DAY_MS && ms % DAY_MS === 0) return `${ms / DAY_MS}d`;
  if (ms % HOUR_MS === 0) return `${ms / HOUR_MS}h`;
  if (ms % MINUTE_MS === 0) return `${ms / MINUTE_MS}m`;
  return `${ms / 1000}s`;
}

import type { JourneyResult } from '../journey/index.js';

/**
 * How far back a confirmation retry's earlier attempts are looked for. Retries follow their failed
 * attempt within seconds or minutes (backoff plus the journey's own timeout); six hours leaves room
 * for slow journeys and long backoffs while keeping the lookup a short index range.
 */
export const PROBE_LOOKBACK_MS = 6 * 3_600_000;

/**
 * The earlier attempts of `result`'s probe among `candidates` (same journey, location, target and
 * session, lower attempt numbers), oldest first: attempt n-1 is the latest one that started no later
 * than attempt n, and so on down to 1. A missing attempt number is skipped. When several probes share
 * a session (a `verify` session runs each journey several times at once) the pairing may pick another
 * probe's attempt of the same number; the counts per minute come out the same unless the two probes
 * started in different minutes.
 */
export function probeChain(result: JourneyResult, candidates: readonly JourneyResult[]): JourneyResult[] {
  const chain: JourneyResult[] = [];
  let nextStartMs = Date.parse(result.startedAt);
  for (let attempt = result.attempt - 1; attempt >= 1; attempt--) {
    const found = latestBefore(candidates, attempt, nextStartMs, result.id);
    if (found === undefined) continue;
    chain.unshift(found);
    nextStartMs = Date.parse(found.startedAt);
  }
  return chain;
}

function latestBefore(candidates: readonly JourneyResult[], attempt: number, notAfterMs: number, exceptId: string): JourneyResult | undefined {
  let best: JourneyResult | undefined;
  let bestMs = -Infinity;
  for (const candidate of candidates) {
    if (candidate.attempt !== attempt || candidate.id === exceptId) continue;
    const ms = Date.parse(candidate.startedAt);
    if (ms > notAfterMs) continue;
    if (ms > bestMs || (ms === bestMs && best !== undefined && candidate.id > best.id)) {
      best = candidate;
      bestMs = ms;
    }
  }
  return best;
}

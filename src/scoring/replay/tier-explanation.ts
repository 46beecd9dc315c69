import type { TierBlocker } from '../tier-evaluation.js';
import type { TierReplay } from './slo-replay.js';

const BLOCKER_WORDS: Record<TierBlocker, string> = {
  'no-data': 'no data in the long window',
  'short-window-no-data': 'no data in the short window',
  'long-window-below-threshold': 'long window below the threshold',
  'short-window-below-threshold': 'short window below the threshold',
  'too-few-events': 'minEvents guard',
  'too-few-bad-events': 'minBadEvents guard',
  'not-significant': 'Wilson guard (excess not significant)',
  'short-window-not-significant': 'Wilson guard on the short window (not clearly still happening)',
  recovered: 'recovered (the good runs since the last failure show it stopped)',
};

/** What stopped a tier, in words. */
export function describeBlockers(blockers: readonly TierBlocker[]): string {
  return blockers.map((b) => BLOCKER_WORDS[b]).join(', ');
}

/**
 * One line on how a tier did in a replay: how often it fired, or for a silent tier the
 * closest it came and what held it back. Burn rates are multiples of the budget rate.
 */
export function explainTier(tier: TierReplay, formatTime: (ms: number) => string): string {
  if (tier.firings > 0) return `fired ${tier.firings}×`;
  const { peak, guardedMinutes, firstGuarded } = tier.closest;
  const needed = `fires above ${burn(tier.factor)}`;
  if (firstGuarded !== null) {
    return (
      `never fired: both windows were above ${burn(tier.factor)} for ${guardedMinutes} min (first at ` +
      `${formatTime(firstGuarded.atMs)}, burn ${burn(firstGuarded.burnRate)}), held back by ${describeBlockers(firstGuarded.blockedBy)}`
    );
  }
  if (peak === null) return 'never fired: no data';
  return `never fired: peak burn ${burn(peak.burnRate)} at ${formatTime(peak.atMs)}, ${needed}; then: ${describeBlockers(peak.blockedBy)}`;
}

/** A burn rate as `13.4×`. */
export function burn(rate: number): string {
  return `${rate >= 10 ? rate.toFixed(1) : rate.toPrecision(2)}×`;
}

import { html, type SafeHtml } from '../../../html/index.js';
import { burn, percent } from '../pages/format.js';

/** A level name for a share of budget left, shared with the browser script's colours. */
export function budgetLevel(remaining: number | null): string {
  if (remaining === null) return 'none';
  if (remaining <= 0) return 'spent';
  if (remaining < 0.25) return 'low';
  if (remaining < 0.5) return 'half';
  return 'good';
}

/** Error budget left as a bar (0–100%) with the number beside it; overspent shows below 0. */
export function budgetBar(remaining: number | null): SafeHtml {
  // A spent budget shows as a full red bar: there is nothing left, and it must stand out.
  const width = remaining === null ? 0 : remaining <= 0 ? 100 : Math.round(Math.min(1, remaining) * 100);
  return html`<span class="budget"><svg class="budget-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true"><rect class="track" width="100" height="8"></rect><rect class="fill level-${budgetLevel(remaining)}" width="${width}" height="8"></rect></svg><span class="budget-value">${budgetText(remaining)}</span></span>`;
}

/** "62.5%", or for an overspent budget how many budgets were spent: "spent 3.2×". */
export function budgetText(remaining: number | null): string {
  if (remaining === null) return 'no data';
  return remaining < 0 ? `spent ${burn(1 - remaining)}` : percent(remaining, 1);
}

/** Number formats for the reasons the analysis writes, so every message reads the same way. */

/** "180 ms", "2.5 ms": one decimal at most. */
export function formatMs(value: number): string {
  return `${Number(value.toFixed(1))} ms`;
}

/** "+180 ms", "−12 ms". */
export function formatSignedMs(value: number): string {
  return value > 0 ? `+${formatMs(value)}` : value < 0 ? `−${formatMs(-value)}` : formatMs(0);
}

/** "35.0%". */
export function formatPercent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

/** Three significant digits: "0.243", "0.000121". */
export function formatPValue(p: number): string {
  return Number(p.toPrecision(3)).toString();
}

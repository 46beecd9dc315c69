import { styleText } from 'node:util';

type Style = Parameters<typeof styleText>[0];

/** Colours only for a terminal that wants them (NO_COLOR and FORCE_COLOR are honoured). */
export function painter(stream: { isTTY?: boolean }): (style: Style, text: string) => string {
  const enabled = process.env.FORCE_COLOR !== undefined ? process.env.FORCE_COLOR !== '0' : stream.isTTY === true && process.env.NO_COLOR === undefined;
  return (style, text) => (enabled ? styleText(style, text, { validateStream: false }) : text);
}

export function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(2)}s`;
}

/** Left-aligned columns; the last column is not padded. */
export function table(rows: string[][], indent = '  '): string {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, visibleLength(cell))), []);
  return rows
    .map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visibleLength(cell)))).join('  '))
    .join('\n');
}

function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}

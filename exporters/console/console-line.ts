import type { Attributes } from '@opentelemetry/api';

/** Where console exporters write one line at a time. */
export type LineWriter = (line: string) => void;

/**
 * Stderr by default: stdout belongs to reporters (a JSON reporter's output must stay parseable).
 */
export const writeToStderr: LineWriter = (line) => {
  process.stderr.write(`${line}\n`);
};

/** `key=value key2="with space"`, in attribute order. */
export function formatAttributes(attributes: Attributes): string {
  return Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${formatValue(value)}`)
    .join(' ');
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatValue).join(',')}]`;
  const text = String(value);
  return /[\s"=]/.test(text) || text === '' ? JSON.stringify(text) : text;
}

/** Values on a log line. `undefined` fields are left out. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export type LogLevel = 'info' | 'warn' | 'error';

/**
 * serve's event log: one line per run and per event (`run`, `slot.missed`, `browser.recycled`,
 * `shutdown.begin`, …), so `kubectl logs` and `grep` tell what the daemon did.
 */
export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** A logger that drops everything (library use, tests that do not read logs). */
export const SILENT_LOGGER: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * A logger writing logfmt-style lines: `2026-01-01T12:00:00.000Z info  run journey=checkout status=passed`.
 * Values with spaces, quotes or `=` are JSON-quoted so every line splits unambiguously.
 * @example
 * const logger = createLineLogger((line) => process.stderr.write(line));
 * logger.info('serve.start', { location: 'eu-west-1', journeys: 12 });
 */
export function createLineLogger(write: (line: string) => void, now: () => Date = () => new Date()): Logger {
  const log = (level: LogLevel) => (event: string, fields: LogFields = {}) => {
    write(`${now().toISOString()} ${level.padEnd(5)} ${event}${formatFields(fields)}\n`);
  };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

function formatFields(fields: LogFields): string {
  let text = '';
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    text += ` ${key}=${formatValue(value)}`;
  }
  return text;
}

function formatValue(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return value === '' || /[\s"=\\]/.test(value) ? JSON.stringify(value) : value;
}

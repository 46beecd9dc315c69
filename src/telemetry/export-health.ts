import type { TelemetryLogger } from './telemetry-options.js';

/**
 * Turns a stream of export results into at most two log lines per outage: one warning when
 * exports start failing, one note when every failing destination works again. A collector
 * that is down would otherwise log on every batch, every few seconds.
 */
export class ExportHealth {
  private readonly failing = new Set<string>();
  private closed = false;

  constructor(private readonly logger: TelemetryLogger) {}

  /** `destination` names what failed, as a phrase: `OTLP trace export to http://…`. */
  failed(destination: string, error: unknown): void {
    if (this.closed) return;
    const wasHealthy = this.failing.size === 0;
    this.failing.add(destination);
    if (wasHealthy) {
      this.say('warn', `telemetry: ${destination} failed (${describe(error)}); the journeys are not affected; further export failures are not logged until export recovers`);
    }
  }

  succeeded(destination: string): void {
    if (this.closed || !this.failing.delete(destination) || this.failing.size > 0) return;
    this.say('info', `telemetry: export recovered (${destination} works again)`);
  }

  /** Nothing is logged after shutdown (late results of abandoned exports). */
  close(): void {
    this.closed = true;
  }

  private say(level: 'warn' | 'info', message: string): void {
    try {
      this.logger[level](message);
    } catch {
      // Logging must not break exporting.
    }
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return error === undefined ? 'unknown error' : String(error);
  const code = (error as { code?: unknown }).code;
  const message = error.message === '' ? error.name : error.message;
  return code === undefined || message.includes(String(code)) ? message : `${message} [${String(code)}]`;
}

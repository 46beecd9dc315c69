import { createTelemetry, type OtlpProtocol, type Telemetry, type TelemetryOptions } from '../../src/telemetry/index.js';
import { startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver.js';

export const PROTOCOLS = ['http/protobuf', 'http/json'] as const;

/** Telemetry exporting traces and metrics over OTLP, with its log lines captured. */
export interface LoggedTelemetry {
  telemetry: Telemetry;
  warnings: string[];
  notes: string[];
}

export interface OtlpTelemetryOptions {
  protocol?: OtlpProtocol;
  /** Default 5000: exports meant to succeed must not time out on a loaded CI machine. */
  timeoutMs?: number;
  overrides?: Partial<TelemetryOptions>;
}

/**
 * `env: {}` keeps the developer's own OTEL_* variables out of the tests; the metric interval
 * is long so that only explicit flushes and the shutdown export.
 */
export function otlpTelemetry(endpoint: string, { protocol, timeoutMs = 5_000, overrides = {} }: OtlpTelemetryOptions = {}): LoggedTelemetry {
  const warnings: string[] = [];
  const notes: string[] = [];
  const telemetry = createTelemetry({
    location: 'test-lab',
    env: {},
    traces: { exporter: 'otlp' },
    metrics: { exporter: 'otlp', intervalMs: 60_000 },
    otlp: { endpoint, protocol, timeoutMs },
    logger: { warn: (message) => warnings.push(message), info: (message) => notes.push(message) },
    ...overrides,
  });
  return { telemetry, warnings, notes };
}

/** OTLP telemetry and a fresh receiver it exports to. */
export interface TelemetryHarness extends LoggedTelemetry {
  receiver: OtlpReceiver;
  close(): Promise<void>;
}

export async function startTelemetryHarness(protocol: OtlpProtocol, overrides: Partial<TelemetryOptions> = {}): Promise<TelemetryHarness> {
  const receiver = await startOtlpReceiver();
  const logged = otlpTelemetry(receiver.url, { protocol, overrides });
  return {
    ...logged,
    receiver,
    close: async () => {
      await logged.telemetry.shutdown();
      await receiver.close();
    },
  };
}

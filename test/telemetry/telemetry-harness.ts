import { createTelemetry, type OtlpProtocol, type Telemetry, type TelemetryOptions } from '../../src/telemetry/index.js';
import { startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver.js';

export const PROTOCOLS = ['http/protobuf', 'http/json'] as const;

/** Telemetry exporting over OTLP to a fresh receiver, with its log lines captured. */
export interface TelemetryHarness {
  receiver: OtlpReceiver;
  telemetry: Telemetry;
  warnings: string[];
  notes: string[];
  close(): Promise<void>;
}

/**
 * `env: {}` keeps the developer's own OTEL_* variables out of the tests; the metric interval
 * is long so that only explicit flushes and the shutdown export.
 */
export async function startTelemetryHarness(protocol: OtlpProtocol, overrides: Partial<TelemetryOptions> = {}): Promise<TelemetryHarness> {
  const receiver = await startOtlpReceiver();
  const warnings: string[] = [];
  const notes: string[] = [];
  const telemetry = createTelemetry({
    location: 'test-lab',
    env: {},
    traces: { exporter: 'otlp' },
    metrics: { exporter: 'otlp', intervalMs: 60_000 },
    otlp: { endpoint: receiver.url, protocol, timeoutMs: 5_000 },
    logger: { warn: (message) => warnings.push(message), info: (message) => notes.push(message) },
    ...overrides,
  });
  return {
    receiver,
    telemetry,
    warnings,
    notes,
    close: async () => {
      await telemetry.shutdown();
      await receiver.close();
    },
  };
}

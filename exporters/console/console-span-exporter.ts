import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { ExportResultCode, hrTimeToMilliseconds, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { formatAttributes, writeToStderr, type LineWriter } from './console-line.js';

/**
 * Prints each finished span as one line, for debugging a journey's trace without a collector:
 * `span step "log in" trace=… span=… parent=… kind=INTERNAL status=ERROR("…") 812ms outpost.step.index=1 …`
 */
export class ConsoleSpanExporter implements SpanExporter {
  constructor(private readonly write: LineWriter = writeToStderr) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    try {
      for (const span of spans) this.write(formatSpan(span));
      resultCallback({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      resultCallback({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }

  async shutdown(): Promise<void> {}

  async forceFlush(): Promise<void> {}
}

/** One span as one line. */
export function formatSpan(span: ReadableSpan): string {
  const context = span.spanContext();
  const durationMs = Math.round(hrTimeToMilliseconds(span.duration));
  const parts = [
    `span ${JSON.stringify(span.name)}`,
    `trace=${context.traceId}`,
    `span=${context.spanId}`,
    `parent=${span.parentSpanContext?.spanId ?? '-'}`,
    `kind=${SpanKind[span.kind]}`,
    `status=${formatStatus(span)}`,
    `${durationMs}ms`,
    formatAttributes(span.attributes),
  ];
  return parts.filter((part) => part !== '').join(' ');
}

function formatStatus(span: ReadableSpan): string {
  const name = SpanStatusCode[span.status.code];
  return span.status.message ? `${name}(${JSON.stringify(span.status.message)})` : name;
}

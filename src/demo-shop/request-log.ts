/** One request the shop received, with its W3C trace context headers. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** ISO-8601 time the request arrived. */
  time: string;
  status: number;
  durationMs: number;
  traceparent?: string;
  tracestate?: string;
  /** From a well-formed `traceparent`. */
  traceId?: string;
  /** The caller's span id, from a well-formed `traceparent`. */
  parentSpanId?: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** Reads a W3C `traceparent` header; undefined when it is malformed or an all-zero id. */
export function parseTraceparent(header: string | undefined): { traceId: string; parentSpanId: string } | undefined {
  const match = TRACEPARENT.exec(header?.trim().toLowerCase() ?? '');
  if (match === null) return undefined;
  const [, version, traceId, parentSpanId] = match as unknown as [string, string, string, string];
  if (version === 'ff' || /^0+$/.test(traceId) || /^0+$/.test(parentSpanId)) return undefined;
  return { traceId, parentSpanId };
}

/** The last `capacity` requests, oldest first. */
export class RequestLog {
  private readonly buffer: RecordedRequest[] = [];
  private next = 0;

  constructor(readonly capacity = 1000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('request log capacity must be a positive integer');
  }

  record(entry: RecordedRequest): void {
    if (this.buffer.length < this.capacity) this.buffer.push(entry);
    else this.buffer[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
  }

  list(): RecordedRequest[] {
    if (this.buffer.length < this.capacity) return this.buffer.map((e) => ({ ...e }));
    return [...this.buffer.slice(this.next), ...this.buffer.slice(0, this.next)].map((e) => ({ ...e }));
  }

  clear(): void {
    this.buffer.length = 0;
    this.next = 0;
  }
}

import noTraceConfig from '../runner/no-trace.outpost.config.js';
import { defineConfig } from '../../src/index.js';

/**
 * Both sides of `bench:telemetry`: the repo config with `trace: 'off'` (so the Playwright trace's
 * cost does not drown the signal), and telemetry fully on when `OUTPOST_BENCH_OTLP_ENDPOINT` names
 * a collector (spans, network spans, traceparent propagation, metrics, over OTLP/HTTP protobuf),
 * fully off when it is unset. Paths resolve from this folder, two levels down like the other's.
 */
const endpoint = process.env.OUTPOST_BENCH_OTLP_ENDPOINT;
/** Profiling sides switch one part off again (`bench/telemetry/telemetry-sides.ts`). */
const networkSpans = process.env.OUTPOST_BENCH_NETWORK_SPANS !== 'false';
const propagation = process.env.OUTPOST_BENCH_PROPAGATION !== 'false';

export default defineConfig({
  ...noTraceConfig,
  telemetry:
    endpoint === undefined || endpoint === ''
      ? { traces: 'none', metrics: 'none' }
      : { traces: 'otlp', metrics: 'otlp', otlp: { endpoint, protocol: 'http/protobuf' }, networkSpans, propagation },
});

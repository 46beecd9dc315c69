export {
  createPrometheusReader,
  PROMETHEUS_CONTENT_TYPE,
  type PrometheusReader,
  type PrometheusReaderOptions,
} from './prometheus-reader.js';
export { startMetricsServer, type MetricsServer, type MetricsServerOptions } from './metrics-server.js';

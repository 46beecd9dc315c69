export {
  createPrometheusReader,
  PROMETHEUS_CONTENT_TYPE,
  type PrometheusReader,
  type PrometheusReaderOptions,
} from './prometheus-reader.js';
export { startMetricsServer, type MetricsServer, type MetricsServerOptions } from './metrics-server.js';
export { sloRules, rulesYaml, SloRulesError, BURN_RATE_ALERT, PROMETHEUS_SERIES, type SloRules, type RuleGroup } from './slo-rules/index.js';

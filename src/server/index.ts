/** serve's HTTP server: health, readiness, Prometheus metrics, the canary API and the dashboard. */
export { createServeApp, type ServeAppOptions } from './serve-app.js';
export { Readiness, type ReadinessCheck, type ReadinessReport, type CheckResult, type ReadinessOptions } from './readiness.js';
export { browserCheck, storeCheck, type WriteHealth } from './readiness-checks.js';
export { createServeMetricsReader } from './serve-metrics-reader.js';
export { startHttpServer, ListenError, type HttpServer } from './http-server.js';
export { canaryAnalyser, NoCanaryJourneysError, type CanaryAnalyserOptions } from './canary-analyser.js';
export { createDashboardApp, storeAlertSource, rollupSloSource, accessPolicy, type DashboardOptions, type AccessPolicy, type KnownJourney } from './dashboard/index.js';

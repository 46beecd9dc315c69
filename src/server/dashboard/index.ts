/** The dashboard: SLO board, journeys, runs, alerts and deploy-gate sessions; pages and `/api/v1`. */
export { createDashboardApp, type DashboardOptions } from './dashboard-app.js';
export { accessPolicy, isLoopbackHost, MIN_TOKEN_LENGTH, type AccessPolicy } from './http/bind-policy.js';
export type { KnownJourney } from './views/journey-index.js';
export type { SloSource, SloReading, BurnDownPoint } from './sources/slo-source.js';
export type { AlertSource, AlertView, AlertStateView, DeliveryView, AlertEventView } from './sources/alert-source.js';
export { storeAlertSource } from './sources/store-alert-source.js';
export { rollupSloSource } from './sources/rollup-slo-source.js';

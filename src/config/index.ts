export { defineConfig } from './define-config.js';
export type { OutpostConfig, TargetConfig, SecretDeclaration, DefaultsConfig, BrowserConfig, ArtifactMode, TelemetryConfig, TelemetryExporter } from './outpost-config.js';
export { loadConfig } from './load-config.js';
export type { LoadConfigOptions } from './load-config.js';
export { resolveConfig } from './resolved-config.js';
export type { ResolvedConfig, ResolvedDefaults, ResolvedTargetConfig, ResolvedTelemetry } from './resolved-config.js';
export type { StoreLocation } from './store-location.js';
export { ConfigError } from './config-error.js';
export type { ConfigIssue } from './config-error.js';
export { loadPlaywrightUse } from './playwright-use.js';
export { resolveTarget, TargetError } from './target.js';
export type { ResolvedTarget } from './target.js';
export { resolveSecrets, MissingSecretError } from './secrets.js';
export type { SecretSpec, MissingSecret } from './secrets.js';
export { Redactor } from './redactor.js';
export { RETENTION_DEFAULTS, type RetentionConfig, type ResolvedRetention } from './retention-config.js';
export type { SloConfig, SliConfig, BudgetingConfig, AlertTierConfig, GuardsConfig } from './slo-config.js';
export { sloDefinitionFromConfig } from './slo-resolution.js';
export type {
  AlertingConfig,
  AlertChannelConfig,
  AlertmanagerChannelConfig,
  PagerDutyChannelConfig,
  SlackChannelConfig,
  WebhookChannelConfig,
  AlertDeliveryConfig,
  AlertSeverity,
  EnvSecret,
} from './alerting-config.js';
export { resolveAlerting, ALERTING_DEFAULTS } from './alerting-resolution.js';
export type { ResolvedAlerting, ResolvedChannel, ChannelSecret, PlainOrSecret } from './alerting-resolution.js';
export { sloConfigFromDefinition } from './slo-config-from-definition.js';

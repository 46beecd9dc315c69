export { sloRules, BURN_RATE_ALERT } from './slo-rules.js';
export type { SloRules, RuleGroup, RecordingRule, AlertingRule } from './slo-rules.js';
export { rulesYaml } from './rules-yaml.js';
export { SloRulesError, PROMETHEUS_SERIES } from './sli-series.js';

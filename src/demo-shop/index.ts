/** The bundled demo shop: the default target for `npm run demo`, tests, benchmarks and canary demos. */
export { startDemoShop, DemoShopConfigError } from './demo-shop.js';
export type { DemoShop, DemoShopOptions } from './demo-shop.js';
export { FaultRuleError, parseFaultsEnv, parseFaultRules, faultRuleSchema, BREAKABLE_TEST_IDS } from './fault-rules.js';
export type { FaultRule, NormalizedFaultRule, FaultIssue } from './fault-rules.js';
export type { RecordedRequest } from './request-log.js';
export { DEMO_ACCOUNT, DEFAULT_PASSWORD } from './shop-state.js';
export { CATALOG } from './catalog.js';
export type { Product } from './catalog.js';

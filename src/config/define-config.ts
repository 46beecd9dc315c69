import type { OutpostConfig } from './outpost-config.js';

/**
 * Declares the Outpost config in `outpost.config.ts`. It returns the config unchanged; its use
 * is the type checking and editor hints. Everything is optional; validation happens on load.
 *
 * @example
 * import { defineConfig } from 'outpost';
 *
 * export default defineConfig({
 *   journeys: 'journeys',
 *   targets: {
 *     production: 'https://shop.example.com',
 *     staging: { url: 'https://staging.shop.example.com', params: { query: 'test lamp' } },
 *   },
 *   defaultTarget: 'production',
 *   location: process.env.OUTPOST_LOCATION ?? 'local',
 *   defaults: { timeout: '60s', stepTimeout: '15s', retries: 1, trace: 'on-failure' },
 *   secrets: { SHOP_PASSWORD: { env: 'SHOP_PASSWORD' } },
 *   use: { locale: 'en-GB', viewport: { width: 1280, height: 800 } },
 *   store: process.env.DATABASE_URL ?? '.outpost/outpost.db',
 * });
 */
export function defineConfig(config: OutpostConfig): OutpostConfig {
  return config;
}

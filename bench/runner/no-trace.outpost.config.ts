import repoConfig from '../../outpost.config.js';
import { defineConfig } from '../../src/index.js';

/**
 * The repo's outpost.config.ts with `defaults.trace: 'off'`: the `outpost-no-trace` variant, which
 * shows what the `on-failure` default (a trace recorded for every run) costs. Paths resolve from
 * this file's folder, so the journeys and playwright.config.ts are named from here.
 */
export default defineConfig({
  ...repoConfig,
  journeys: ['../../journeys'],
  playwrightConfig: '../../playwright.config.ts',
  defaults: { ...repoConfig.defaults, trace: 'off' },
});

import type { BrowserContext, Page } from 'playwright';
import { expect } from 'playwright/test';
import type { Journey, StepContext, TargetInfo } from '../../src/index.js';

export interface StepFixtures {
  page: Page;
  context: BrowserContext;
  target: TargetInfo;
  secrets: Readonly<Record<string, string>>;
}

const QUIET_LOG = { info(): void {}, warn(): void {} };

/**
 * Calls the journey's step functions in order with the context Outpost would build, so the raw
 * script and the Playwright Test spec do exactly the steps Outpost does, without its bookkeeping
 * (per-step deadlines, results, artifacts). The first failing step throws.
 */
export async function runJourneySteps<P extends Record<string, unknown>>(journey: Journey<P>, fixtures: StepFixtures): Promise<void> {
  const ctx: StepContext<P> = {
    page: fixtures.page,
    context: fixtures.context,
    request: fixtures.context.request,
    params: journey.params,
    expect,
    log: QUIET_LOG,
    secrets: fixtures.secrets,
    target: fixtures.target,
  };
  for (const step of journey.steps) await step.run(ctx);
}

/** `SHOP_PASSWORD` as the journey reads it from `secrets`. */
export function shopSecrets(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return { SHOP_PASSWORD: env.SHOP_PASSWORD ?? '' };
}

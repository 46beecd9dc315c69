import type { APIRequestContext, BrowserContext, Page } from 'playwright';
import type { expect as playwrightExpect } from 'playwright/test';

/** Playwright's `expect`, with web-first assertions such as `toBeVisible()`. */
export type Expect = typeof playwrightExpect;

/**
 * Params as a step sees them when it names no type. `any` values on purpose: `step()` cannot see
 * the journey's `params` type (TypeScript does not infer it through the steps array), and
 * `unknown` would force a cast on every read. Write `step<MyParams>(…)` for checked params.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyParams = Record<string, any>;

/** Where a journey runs: the named target and its base URL. */
export interface TargetInfo {
  name: string;
  baseURL: string;
}

/** Log lines from a step end up on the step result, with secrets redacted. */
export interface StepLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** What a step function receives. */
export interface StepContext<Params = AnyParams> {
  /** A page in this run's fresh BrowserContext. Created only when a step asks for it. */
  page: Page;
  /** This run's BrowserContext (isolated cookies and storage). */
  context: BrowserContext;
  /** Playwright's API client; shares cookies with `context` when a browser is in use. */
  request: APIRequestContext;
  /** The journey's params, merged with overrides from config. */
  params: Params;
  /** Playwright's web-first assertions. */
  expect: Expect;
  /** Step logger; lines are stored with the step result. */
  log: StepLogger;
  /** Secret values declared in config, by name. They are redacted from every output. */
  secrets: Readonly<Record<string, string>>;
  /** The target this run probes. */
  target: TargetInfo;
}

/** The names a step function may destructure from its {@link StepContext}. */
export type FixtureName = keyof StepContext;

export type StepFunction<Params = AnyParams> = (ctx: StepContext<Params>) => Promise<void> | void;

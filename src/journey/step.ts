import { toMilliseconds, type Duration } from './duration.js';
import { fixturesUsedBy } from './fixtures-used.js';
import type { AnyParams, FixtureName, StepContext, StepFunction } from './step-context.js';

export interface StepOptions {
  /** Per-step timeout. Defaults to the journey's `stepTimeout`, then the config default. */
  timeout?: Duration;
}

/** A named, ordered unit of a journey. Built with {@link step} or {@link step.soft}. */
export interface Step<Params = AnyParams> {
  readonly kind: 'step';
  readonly name: string;
  /** A soft step records its failure and lets the journey go on. */
  readonly soft: boolean;
  readonly timeoutMs?: number;
  // A method, not a function property: methods are bivariant in their parameter, so a journey with
  // typed params still fits where any journey is accepted (`Journey[]`).
  run(ctx: StepContext<Params>): Promise<void> | void;
  /** The context fields the function destructures; `undefined` when it cannot be told. */
  readonly fixtures: ReadonlySet<FixtureName> | undefined;
}

type StepArgs<P> = [name: string, fn: StepFunction<P>] | [name: string, options: StepOptions, fn: StepFunction<P>];

function makeStep<P>(soft: boolean, args: StepArgs<P>): Step<P> {
  const [name, optionsOrFn, maybeFn] = args;
  const options = typeof optionsOrFn === 'function' ? {} : optionsOrFn;
  const run = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn;
  if (typeof name !== 'string' || name.trim() === '') throw new TypeError('step(name, fn): name must be a non-empty string');
  if (typeof run !== 'function') throw new TypeError(`step "${name}": the last argument must be a function`);
  return {
    kind: 'step',
    name,
    soft,
    timeoutMs: options.timeout === undefined ? undefined : toMilliseconds(options.timeout),
    run,
    fixtures: fixturesUsedBy(run),
  };
}

/**
 * Declares a step. A failing step fails the journey and skips the steps after it.
 *
 * @example
 * step('search for a lamp', async ({ page, expect }) => {
 *   await page.getByRole('searchbox').fill('lamp');
 *   await page.keyboard.press('Enter');
 *   await expect(page.getByTestId('result')).not.toHaveCount(0);
 * });
 *
 * @example
 * step('checkout', { timeout: '20s' }, async ({ page }) => {
 *   await page.getByRole('button', { name: 'Pay' }).click();
 * });
 */
export function step<P = AnyParams>(...args: StepArgs<P>): Step<P> {
  return makeStep(false, args);
}

/**
 * Declares a soft step: its failure is recorded (and shown as an anomaly) but the
 * journey goes on and can still pass.
 *
 * @example
 * step.soft('recommendations load', async ({ page, expect }) => {
 *   await expect(page.getByTestId('recommendations')).toBeVisible();
 * });
 */
step.soft = function soft<P = AnyParams>(...args: StepArgs<P>): Step<P> {
  return makeStep(true, args);
};

import { describe, expect, it } from 'vitest';
import { fixturesUsedByJourney, journey, JourneyDefinitionError } from './journey.js';
import { step } from './step.js';

describe('journey()', () => {
  const open = step('open', async ({ page }) => { await page.goto('/'); });

  it('fills defaults: cuj from the name, no tags, empty params', () => {
    const j = journey({ name: 'search', steps: [open] });
    expect(j.cuj).toEqual({ id: 'search' });
    expect(j.tags).toEqual([]);
    expect(j.params).toEqual({});
    expect(j.timeoutMs).toBeUndefined();
  });

  it('converts durations to milliseconds', () => {
    const j = journey({ name: 'x', timeout: '2m', stepTimeout: 1500, steps: [step('a', { timeout: '10s' }, async () => {})] });
    expect(j.timeoutMs).toBe(120_000);
    expect(j.stepTimeoutMs).toBe(1500);
    expect(j.steps[0]?.timeoutMs).toBe(10_000);
  });

  it('reports every problem of a bad definition at once', () => {
    const bad = () => journey({ name: '', timeout: 'soon', steps: [open, open], schedule: {} as any });
    expect(bad).toThrow(JourneyDefinitionError);
    try {
      bad();
    } catch (error) {
      const problems = (error as JourneyDefinitionError).problems;
      expect(problems).toContain('name must be a non-empty string');
      expect(problems).toContain('step name "open" is used twice');
      expect(problems).toContain('timeout is not a duration');
      expect(problems).toContain("schedule needs 'every' or 'cron'");
    }
  });

  it('rejects an empty step list and non-steps', () => {
    expect(() => journey({ name: 'x', steps: [] })).toThrow(/steps must be a non-empty array/);
    expect(() => journey({ name: 'x', steps: [(() => {}) as any] })).toThrow(/steps\[0\] is not a step/);
  });

  it('soft steps are marked soft', () => {
    const s = step.soft('banner', async () => {});
    expect(s.soft).toBe(true);
    expect(step('x', async () => {}).soft).toBe(false);
  });

  it('step() rejects a missing name or function', () => {
    expect(() => step('', async () => {})).toThrow(/non-empty string/);
    expect(() => (step as any)('x', {})).toThrow(/must be a function/);
  });

  it('knows when a journey never asks for a page', () => {
    const api = journey({ name: 'api', steps: [step('list', async ({ request, expect: e }) => { void request; void e; })] });
    expect(fixturesUsedByJourney(api)).toEqual(new Set(['request', 'expect']));
    const mixed = journey({ name: 'mixed', steps: [step('a', async ({ request }) => { void request; }), open] });
    expect(fixturesUsedByJourney(mixed)?.has('page')).toBe(true);
    const opaque = journey({ name: 'opaque', steps: [step('a', async (ctx) => { void ctx; })] });
    expect(fixturesUsedByJourney(opaque)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_GUARDS } from './low-volume-guards.js';
import { resolveSlo, SloDefinitionError, type SloDefinition } from './slo-definition.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time-units.js';

const base: SloDefinition = { name: 'login', journey: 'login', sli: { kind: 'availability' }, objective: 0.995 };

function issuesOf(definition: SloDefinition): readonly string[] {
  try {
    resolveSlo(definition);
  } catch (error) {
    if (error instanceof SloDefinitionError) return error.issues;
    throw error;
  }
  return [];
}

describe('resolveSlo', () => {
  it('fills in the defaults', () => {
    const slo = resolveSlo(base);
    expect(slo.budget).toBeCloseTo(0.005, 12);
    expect(slo.periodMs).toBe(28 * DAY_MS);
    expect(slo.budgeting).toEqual({ method: 'occurrences' });
    expect(slo.tiers.map((t) => t.guards)).toEqual(Array(4).fill(DEFAULT_GUARDS));
  });

  it('carries the SLO document metadata, {} when absent', () => {
    expect(resolveSlo(base).metadata).toEqual({});
    const metadata = { owner: 'team-identity', runbookUrl: 'https://runbooks.example.com/login', reviewDate: '2025-06-30' };
    expect(resolveSlo({ ...base, metadata }).metadata).toEqual(metadata);
  });

  it('fills in timeslice defaults: one-minute slices, half the locations', () => {
    const slo = resolveSlo({ ...base, budgeting: { method: 'timeslices' } });
    expect(slo.budgeting).toEqual({ method: 'timeslices', sliceMs: MINUTE_MS, quorum: { share: 0.5 } });
  });

  it('layers guards: defaults, then the SLO, then the tier', () => {
    const slo = resolveSlo({
      ...base,
      guards: { minBadEvents: 4 },
      tiers: [
        { name: 'a', severity: 'page', budgetShare: 0.02, longWindowMs: HOUR_MS, guards: { wilsonConfidence: null } },
        { name: 'b', severity: 'ticket', budgetShare: 0.1, longWindowMs: 24 * HOUR_MS },
      ],
    });
    expect(slo.tiers[0]?.guards).toEqual({ minEvents: 10, minBadEvents: 4, wilsonConfidence: null, recoveryConfidence: 0.999 });
    expect(slo.tiers[1]?.guards).toEqual({ minEvents: 10, minBadEvents: 4, wilsonConfidence: 0.95, recoveryConfidence: 0.999 });
  });

  it('reports every issue at once, each with its path', () => {
    const issues = issuesOf({
      name: 'bad',
      journey: '',
      sli: { kind: 'latency', thresholdMs: -5 },
      objective: 1,
      periodMs: 90_000,
      budgeting: { method: 'timeslices', sliceMs: 30_000, quorum: { share: 0 } },
      guards: { minEvents: -1 },
      tiers: [
        { name: 'x', severity: 'page', budgetShare: 2, longWindowMs: HOUR_MS },
        { name: 'x', severity: 'page', budgetShare: 0.1, longWindowMs: HOUR_MS, shortWindowMs: 2 * HOUR_MS },
      ],
    });
    expect(issues.map((issue) => issue.split(':')[0])).toEqual([
      'journey',
      'objective',
      'periodMs',
      'sli.thresholdMs',
      'budgeting.sliceMs',
      'budgeting.quorum.share',
      'tiers[0].budgetShare',
      'tiers[0].longWindowMs',
      'tiers[1].name',
      'tiers[1].longWindowMs',
      'tiers[1].shortWindowMs',
      'guards.minEvents',
    ]);
  });

  it('rejects a quorum count that is not a whole number of locations', () => {
    expect(issuesOf({ ...base, budgeting: { method: 'timeslices', quorum: { count: 1.5 } } })).toEqual([
      'budgeting.quorum.count: expected an integer ≥ 1, got 1.5',
    ]);
  });

  it('carries the SLO name and the issues on the error', () => {
    expect(() => resolveSlo({ ...base, objective: 0 })).toThrow(
      expect.objectContaining({ name: 'SloDefinitionError', slo: 'login', issues: [expect.stringMatching(/^objective:/)] }),
    );
  });
});

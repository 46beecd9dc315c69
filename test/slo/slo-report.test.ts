import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JourneyResult, RunStatus, StepResult } from '../../src/journey/index.js';
import { minimalResult } from '../../src/store/journey-result-fixture.js';
import { openStore, type ResultStore } from '../../src/store/index.js';
import { makeProject, runCli } from '../helpers/cli.js';

const MINUTE = 60_000;
/** Half a minute past a minute boundary, so that window edges never fall on a run. */
const NOW = Math.floor(Date.now() / MINUTE) * MINUTE + 30_000;
const AT = new Date(NOW).toISOString();

interface Attempt {
  status: RunStatus;
  /** The step that failed, and its error. */
  failing?: { step: string; error: string };
}

/**
 * Two hours of probes, one a minute from eu and us. checkout was down for the last 40 minutes: every
 * attempt failed at "pay" (at "open cart" from us in the last 10 minutes); before that, one probe in
 * ten failed at "search box" and passed on the retry (degraded). search always passed.
 */
function seeded(): JourneyResult[] {
  const runs: JourneyResult[] = [];
  for (let m = 120; m >= 1; m--) {
    const start = Math.floor((NOW - m * MINUTE) / MINUTE) * MINUTE;
    for (const location of ['eu', 'us']) {
      const probe = (journey: string, attempts: Attempt[]) =>
        attempts.forEach((attempt, i) =>
          runs.push(
            minimalResult({
              id: `${journey}-${location}-${m}-${i}`,
              journey,
              location,
              target: { name: 'production', url: 'https://shop.example.com' },
              startedAt: new Date(start + i * 10_000).toISOString(),
              status: attempt.status,
              durationMs: 1200,
              attempt: i + 1,
              sessionId: `${journey}-${location}-${m}`,
              steps: steps(attempt),
              ...(attempt.failing === undefined ? {} : { error: { message: `step "${attempt.failing.step}" failed` } }),
            }),
          ),
        );
      if (m <= 40) {
        const failing = location === 'us' && m <= 10 ? { step: 'open cart', error: 'Timeout 5000ms exceeded' } : { step: 'pay', error: `Card declined (probe ${m})` };
        probe('checkout', [{ status: 'failed', failing }, { status: 'failed', failing }]);
      } else if (m % 10 === 0) {
        probe('checkout', [{ status: 'failed', failing: { step: 'search box', error: 'locator not visible' } }, { status: 'passed' }]);
      } else {
        probe('checkout', [{ status: 'passed' }]);
      }
      probe('search', [{ status: 'passed' }]);
    }
  }
  return runs;
}

function steps(attempt: Attempt): StepResult[] {
  const names = ['search box', 'open cart', 'pay'];
  const failedAt = attempt.failing === undefined ? names.length : names.indexOf(attempt.failing.step);
  return names.map((name, index) => {
    if (index < failedAt) return { index, name, soft: false, status: 'passed', durationMs: 300 };
    if (index > failedAt) return { index, name, soft: false, status: 'skipped', durationMs: 0 };
    return { index, name, soft: false, status: 'failed', durationMs: 300, error: { message: attempt.failing!.error } };
  });
}

/** Alert history as the alerting cycle writes it: an ongoing page that peaked at 150×, and a ticket resolved an hour and a half ago. */
async function seedEpisodes(store: ResultStore): Promise<void> {
  const page = { slo: 'checkout-availability', tier: 'page-1h', dedupKey: 'outpost/slo/checkout-availability/page-1h' };
  const pageSince = NOW - 35 * MINUTE;
  const pageId = `${page.dedupKey}@${pageSince}`;
  const details = { summary: 'SLO checkout-availability burns', failingStep: { name: 'pay', failures: 12, lastError: 'Card declined' } };
  await record(store, [{ kind: 'open', episode: { id: pageId, ...page, journey: 'checkout', severity: 'page', firingSinceMs: pageSince, fired: { burnRate: 100, budgetRemaining: 0.4 }, details } }]);
  await record(store, [{ kind: 'update', id: pageId, atMs: NOW - 20 * MINUTE, reading: { burnRate: 150, budgetRemaining: -2 } }]);
  await record(store, [{ kind: 'update', id: pageId, atMs: NOW - 5 * MINUTE, reading: { burnRate: 120, budgetRemaining: -5 } }]);
  const ticket = { slo: 'checkout-availability', tier: 'ticket-24h', dedupKey: 'outpost/slo/checkout-availability/ticket-24h' };
  const ticketId = `${ticket.dedupKey}@${NOW - 100 * MINUTE}`;
  await record(store, [{ kind: 'open', episode: { id: ticketId, ...ticket, journey: 'checkout', severity: 'ticket', firingSinceMs: NOW - 100 * MINUTE, fired: { burnRate: 4, budgetRemaining: 0.9 }, details: null } }]);
  await record(store, [{ kind: 'close', id: ticketId, atMs: NOW - 90 * MINUTE, reading: { burnRate: 2, budgetRemaining: 0.88 } }]);
}

async function record(store: ResultStore, episodes: Parameters<ResultStore['alerts']['recordTransitions']>[0]['episodes']): Promise<void> {
  const outcome = await store.alerts.recordTransitions({ states: [], episodes, deliveries: [] });
  expect(outcome.status).toBe('recorded');
}

describe('outpost slo report', () => {
  let cwd: string;
  beforeAll(async () => {
    const slos = [
      {
        name: 'checkout-availability',
        journey: 'checkout',
        sli: { kind: 'availability' },
        objective: 99.5,
        window: '7d',
        owner: 'team-checkout',
        runbookUrl: 'https://runbooks.example.com/checkout',
        reviewDate: '2025-06-30',
        description: 'A shopper can pay for a basket',
        errorBudgetPolicy: 'Freeze feature releases\nuntil the budget recovers.',
      },
      { name: 'search-availability', journey: 'search', sli: { kind: 'availability' }, objective: 99, window: '28d', reviewDate: '2999-01-01' },
    ];
    cwd = await makeProject({
      'outpost.config.ts': `export default { store: 'results.db', defaultTarget: 'production', targets: { production: 'https://shop.example.com' }, slos: ${JSON.stringify(slos)} };\n`,
      'bare/outpost.config.ts': `export default { store: '../results.db' };\n`,
    });
    const store = await openStore(join(cwd, 'results.db'));
    await store.saveRuns(seeded());
    await seedEpisodes(store);
    await store.close();
  });

  it('gives the numbers over the window as JSON: SLI, budget, incidents, failing steps, degraded runs, metadata', async () => {
    const { code, stdout, stderr } = await runCli(['slo', 'report', '--format', 'json', '--window', '7d', '--at', AT], { cwd });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ schemaVersion: 1, window: '7d', windowMs: 7 * 24 * 60 * MINUTE, to: AT, target: 'production' });
    expect(report.from).toBe(new Date(NOW - 7 * 24 * 60 * MINUTE).toISOString());
    expect(report.summary).toEqual({ slos: 2, met: 1, missed: 1, noData: 0, incidents: 2, ongoingIncidents: 1 });
    const [checkout, search] = report.slos;
    // 240 probes, 80 of them bad (every attempt failed), 16 passed on a retry.
    expect(checkout).toMatchObject({ slo: 'checkout-availability', journey: 'checkout', objective: 0.995, period: '7d', budgeting: 'occurrences', eventUnit: 'runs' });
    expect(checkout).toMatchObject({ events: 240, badEvents: 80, runs: 240, degradedRuns: 16, met: false, exact: true });
    expect(checkout.sliValue).toBeCloseTo(160 / 240, 10);
    expect(checkout.errorBudget.allowedBadEvents).toBeCloseTo(1.2, 10);
    expect(checkout.errorBudget.badEvents).toBe(80);
    expect(checkout.errorBudget.consumed).toBeCloseTo(80 / 1.2, 8);
    expect(checkout.errorBudget.remaining).toBeCloseTo(1 - 80 / 1.2, 8);
    expect(checkout.errorBudget.allowedMinutes).toBeNull();
    expect(checkout.incidents).toEqual([
      { tier: 'ticket-24h', severity: 'ticket', start: iso(-100), end: iso(-90), ongoing: false, durationMinutes: 10, peakBurnRate: 4, firedBurnRate: 4, failingStep: null, summary: null },
      { tier: 'page-1h', severity: 'page', start: iso(-35), end: null, ongoing: true, durationMinutes: 35, peakBurnRate: 150, firedBurnRate: 100, failingStep: 'pay', summary: 'SLO checkout-availability burns' },
    ]);
    // Failed attempts by the step that failed them: pay 40×2 (eu) + 30×2 (us), open cart 10×2 (us), search box 8×2 (first attempts of degraded probes).
    expect(checkout.topFailingSteps).toEqual([
      { step: 'pay', failures: 140, lastError: 'Card declined (probe 1)', lastFailedAt: startOf(1, 1) },
      { step: 'open cart', failures: 20, lastError: 'Timeout 5000ms exceeded', lastFailedAt: startOf(1, 1) },
      { step: 'search box', failures: 16, lastError: 'locator not visible', lastFailedAt: startOf(50, 0) },
    ]);
    expect(checkout.failedRunsLookedAt).toBe(176);
    expect(checkout.failedRunsTruncated).toBe(false);
    expect(checkout.metadata).toEqual({
      description: 'A shopper can pay for a basket',
      owner: 'team-checkout',
      approver: null,
      service: null,
      runbookUrl: 'https://runbooks.example.com/checkout',
      reviewDate: '2025-06-30',
      reviewOverdue: true,
      errorBudgetPolicy: 'Freeze feature releases\nuntil the budget recovers.',
    });
    expect(search).toMatchObject({ slo: 'search-availability', period: '28d', events: 240, badEvents: 0, sliValue: 1, met: true, degradedRuns: 0, incidents: [], topFailingSteps: [] });
    expect(search.errorBudget).toMatchObject({ consumed: 0, remaining: 1, badEvents: 0 });
    expect(search.metadata).toMatchObject({ owner: null, reviewDate: '2999-01-01', reviewOverdue: false });
  });

  it('narrows everything to a shorter window: the older incident and runs drop out', async () => {
    const { code, stdout } = await runCli(['slo', 'report', '--format', 'json', '--window', '1h', '--at', AT], { cwd });
    expect(code).toBe(0);
    const checkout = JSON.parse(stdout).slos[0];
    // The window is the minute in progress and the 59 before it: 118 probes, the 80 down ones among them.
    expect(checkout).toMatchObject({ events: 118, badEvents: 80, degradedRuns: 2 });
    expect(checkout.incidents.map((i: { tier: string }) => i.tier)).toEqual(['page-1h']);
    expect(checkout.topFailingSteps.map((s: { step: string; failures: number }) => [s.step, s.failures])).toEqual([
      ['pay', 140],
      ['open cart', 20],
      ['search box', 2],
    ]);
  });

  it('prints a Markdown document for a review', async () => {
    const { code, stdout, stderr } = await runCli(['slo', 'report', '--window', '7d', '--at', AT], { cwd });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# SLO report: 7d ending \d{4}-\d\d-\d\d \d\d:\d\d UTC\n/);
    expect(stdout).toContain('- Target: production');
    expect(stdout).toContain('- 2 SLOs: 1 met, 1 missed; 2 incidents (1 ongoing)');
    expect(stdout).toContain('| CUJ | SLO | SLI | objective | SLI over 7d | budget consumed | incidents | degraded runs |');
    expect(stdout).toContain('| checkout | checkout-availability | availability | 99.5% | 66.667% ❌ | 6666.7% | 2 | 16 / 240 |');
    expect(stdout).toContain('| search | search-availability | availability | 99% | 100.000% ✅ | 0.0% | 0 | 0 / 240 |');
    expect(stdout).toContain('## checkout-availability (journey `checkout`)\n\n> A shopper can pay for a basket\n\n**Objective missed.** SLI 66.667% over the last 7d (240 runs, 80 bad)');
    expect(stdout).toContain('- Consumed: 6666.7% of the error budget — **overspent** (80 of 1.2 allowed bad runs)');
    expect(stdout).toContain('- Degraded (flaky) runs: 16 of 240 passed only on a retry');
    expect(stdout).toContain(`| page-1h | page | ${minuteText(-35)} | **ongoing** | 35 min | 150× | pay |`);
    expect(stdout).toContain(`| ticket-24h | ticket | ${minuteText(-100)} | ${minuteText(-90)} | 10 min | 4× | - |`);
    expect(stdout).toContain('| pay | 140 |');
    expect(stdout).toContain('`Card declined (probe 1)`');
    expect(stdout).toContain('| Review date | 2025-06-30 ⚠️ **overdue** |');
    expect(stdout).toContain('| Error budget policy | Freeze feature releases until the budget recovers. |');
    const search = stdout.slice(stdout.indexOf('## search-availability'));
    expect(search).toContain('| Owner | _not set_ |');
    expect(search).toContain('| Runbook | _not set_ |');
    expect(search).toContain('| Review date | 2999-01-01 |');
    expect(search).toContain('### Incidents\n\nNone in the window.');
    expect(search).toContain('No failed runs stored in the window.');
  });

  it('reports the default SLO per journey when none is configured', async () => {
    const { code, stdout } = await runCli(['slo', 'report', '--format', 'json', '--at', AT], { cwd: join(cwd, 'bare') });
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ window: '28d', target: null });
    expect(report.slos.map((s: { slo: string; events: number }) => [s.slo, s.events])).toEqual([
      ['checkout-availability', 240],
      ['search-availability', 240],
    ]);
    expect(report.slos[1].metadata).toEqual({ description: null, owner: null, approver: null, service: null, runbookUrl: null, reviewDate: null, reviewOverdue: false, errorBudgetPolicy: null });
  });

  it.each([
    ['--window', 'soon', 'expected a window such as \'7d\', \'28d\', \'30d\' or another whole number of minutes (\'12h\', \'90m\'), got "soon"'],
    ['--window', '30s', 'got "30s"'],
    ['--window', '0d', 'got "0d"'],
    ['--format', 'pdf', "Allowed choices are md, json"],
  ])('refuses %s %s with exit code 2', async (option, value, message) => {
    const { code, stdout, stderr } = await runCli(['slo', 'report', option, value], { cwd });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });
});

function iso(minutes: number): string {
  return new Date(NOW + minutes * MINUTE).toISOString();
}

function minuteText(minutes: number): string {
  return `${iso(minutes).slice(0, 16).replace('T', ' ')} UTC`;
}

/** When the `attempt`-th (0-based) attempt of the probe `m` minutes ago started. */
function startOf(m: number, attempt: number): string {
  return new Date(Math.floor((NOW - m * MINUTE) / MINUTE) * MINUTE + attempt * 10_000).toISOString();
}

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JourneyResult, RunStatus } from '../../src/journey/index.js';
import { minimalResult } from '../../src/store/journey-result-fixture.js';
import { openStore } from '../../src/store/index.js';
import { makeProject, runCli } from '../helpers/cli.js';

const MINUTE = 60_000;
const NOW = Date.now();

/**
 * Two hours of probes, one a minute from two locations: checkout was down for the last 40 minutes
 * (every attempt failed), search was fine but one probe in ten passed only on a retry. Runs against
 * a canary target fail too, and must not count for production.
 */
function seeded(): JourneyResult[] {
  const runs: JourneyResult[] = [];
  for (let m = 120; m >= 1; m--) {
    const start = Math.floor((NOW - m * MINUTE) / MINUTE) * MINUTE;
    for (const location of ['eu', 'us']) {
      const down = m <= 40;
      const probe = (journey: string, statuses: RunStatus[], target = 'production') =>
        statuses.forEach((status, i) =>
          runs.push(
            minimalResult({
              id: `${journey}-${target}-${location}-${m}-${i}`,
              journey,
              location,
              target: { name: target, url: 'https://shop.example.com' },
              startedAt: new Date(start + i * 10_000).toISOString(),
              status,
              durationMs: 1200,
              attempt: i + 1,
              sessionId: `${journey}-${target}-${location}-${m}`,
            }),
          ),
        );
      probe('checkout', down ? ['failed', 'failed'] : ['passed']);
      probe('search', m % 10 === 0 ? ['failed', 'passed'] : ['passed']);
      probe('search', ['failed', 'failed'], 'canary');
    }
  }
  return runs;
}

describe('outpost slo status', () => {
  let cwd: string;
  beforeAll(async () => {
    const slos = [
      { name: 'checkout-availability', journey: 'checkout', sli: { kind: 'availability' }, objective: 99.5, window: '7d', owner: 'team-checkout' },
      { name: 'search-latency', journey: 'search', sli: { kind: 'latency', threshold: '2s' }, objective: 99, window: '7d' },
      { name: 'search-fast', journey: 'search', sli: { kind: 'latency', threshold: '1.8s' }, objective: 99, window: '7d' },
    ];
    cwd = await makeProject({
      'outpost.config.ts': `export default { store: 'results.db', defaultTarget: 'production', targets: { production: 'https://shop.example.com' }, slos: ${JSON.stringify(slos)} };\n`,
      'bare/outpost.config.ts': `export default { store: '../results.db' };\n`,
    });
    const store = await openStore(join(cwd, 'results.db'));
    await store.saveRuns(seeded());
    await store.close();
  });
  afterAll(() => undefined);

  it('prints a table of every SLO: SLI, budget left, burn rates, alert and degraded runs', async () => {
    const { code, stdout, stderr } = await runCli(['slo', 'status', '--at', new Date(NOW).toISOString()], { cwd });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/CUJ\s+SLO\s+SLI\s+objective\s+SLI now\s+budget left\s+burn 1h\s+burn 6h\s+burn 72h\s+alert\s+degraded/);
    const checkout = lines.find((l) => l.includes('checkout-availability'))!;
    // 80 of 240 probes bad: SLI 66.7%, far over budget; every tier's conditions hold.
    expect(checkout).toMatch(/availability\s+99\.50% \/ 7d\s+66\.7%/);
    expect(checkout).toContain('would fire page-1h, page-6h, ticket-24h, ticket-72h');
    expect(checkout).toMatch(/0\/240$/);
    const search = lines.find((l) => l.includes('search-latency'))!;
    expect(search).toMatch(/latency ≤ 2000ms\s+99\.00% \/ 7d\s+100\.00%\s+100\.00%/);
    expect(search).toMatch(/\sok\s+24\/240$/);
    expect(lines.find((l) => l.includes('search-fast'))).toContain('latency ≤ 1800ms (read as ≤ 1500ms)');
    expect(stdout).toContain('target: production');
  });

  it('gives the same as JSON, and counts another target when asked', async () => {
    const { code, stdout } = await runCli(['slo', 'status', '--json', '--at', new Date(NOW).toISOString()], { cwd });
    expect(code).toBe(0);
    const status = JSON.parse(stdout);
    expect(status.target).toBe('production');
    const checkout = status.slos.find((s: { slo: string }) => s.slo === 'checkout-availability');
    expect(checkout).toMatchObject({ journey: 'checkout', alert: 'would-fire', alertTiers: ['page-1h', 'page-6h', 'ticket-24h', 'ticket-72h'], runs: 240, degradedRuns: 0, exact: true });
    expect(checkout.sliValue).toBeCloseTo(160 / 240, 10);
    expect(checkout.budgetRemaining).toBeCloseTo(1 - 80 / 240 / 0.005, 6);
    // The 1h window is the minute in progress and the 59 before it (as the scoring engine counts): 118 probes, 80 bad.
    expect(checkout.burnRates['1h']).toBeCloseTo(80 / 118 / 0.005, 6);
    const canary = JSON.parse((await runCli(['slo', 'status', '--json', '--target', 'canary', '--at', new Date(NOW).toISOString()], { cwd })).stdout);
    expect(canary.slos.find((s: { slo: string }) => s.slo === 'search-latency')).toMatchObject({ runs: 240, sliValue: 0, alert: 'would-fire' });
  });

  it('refuses an --at that is not a time', async () => {
    const { code, stderr } = await runCli(['slo', 'status', '--at', 'yesterday'], { cwd });
    expect(code).toBe(2);
    expect(stderr).toContain('expected an ISO-8601 time such as 2025-06-01T12:00:00Z, got "yesterday"');
  });

  it('shows one default SLO per journey with runs when none is configured', async () => {
    const { code, stdout } = await runCli(['slo', 'status', '--json'], { cwd: join(cwd, 'bare') });
    expect(code).toBe(0);
    const status = JSON.parse(stdout);
    expect(status.target).toBeNull();
    expect(status.slos.map((s: { slo: string; runs: number }) => [s.slo, s.runs])).toEqual([
      ['checkout-availability', 240],
      ['search-availability', 480],
    ]);
  });
});

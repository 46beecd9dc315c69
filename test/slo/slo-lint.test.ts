import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { makeProject, runCli } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

function journeyFile(name: string, extra = ''): string {
  return `import { journey, step } from 'outpost';
export default journey({ name: '${name}', ${extra} steps: [step('open', async () => {})] });
`;
}

async function project(config: string, journeys: Record<string, string> = { 'journeys/checkout.journey.ts': journeyFile('checkout', "schedule: { every: '1m' },") }) {
  const dir = await makeProject({ 'outpost.config.ts': config, ...journeys });
  dirs.push(dir);
  return dir;
}

const unguarded = `export default { slos: [{ name: 'checkout-availability', journey: 'checkout', sli: { kind: 'availability' }, objective: 99.9,
  guards: { minEvents: 0, minBadEvents: 0, wilsonConfidence: null } }] };\n`;

describe('outpost slo lint', () => {
  it('fails (exit 1) when a tier fires on a single bad run: plain MWMB at 99.9% and 1 run/min', async () => {
    const cwd = await project(unguarded);
    const { code, stdout, stderr } = await runCli(['slo', 'lint'], { cwd });
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain('checkout-availability  journey checkout; SLI availability; objective 99.9% over 28d; occurrences');
    expect(stdout).toContain('probes: every 1m × 1 location = 1 run/min');
    // 13.44 × 0.001 × 60 = 0.81: one bad run in the hour crosses the threshold.
    expect(stdout).toMatch(/page-1h\s+page\s+1h \/ 5m\s+13\.44\s+1 bad run in 1h: 1 min of outage/);
    expect(stdout).toContain('✗ page-1h fires on a single bad run');
    expect(stdout).toMatch(/^FAIL {2}1 SLO, 4 tiers: \d fire on a single bad run, 0 can never fire$/m);
  });

  it('passes with the default guards, and says how many bad runs each tier needs from every location', async () => {
    const cwd = await project(`export default { locations: ['eu', 'us', 'ap'] };\n`);
    const { code, stdout } = await runCli(['slo', 'lint', '--json'], { cwd });
    expect(code).toBe(0);
    const lint = JSON.parse(stdout);
    expect(lint.failed).toBe(false);
    expect(lint.problems).toEqual([]);
    const [slo] = lint.slos;
    expect(slo).toMatchObject({ slo: 'checkout-availability', journey: 'checkout', probe: { runsPerMinute: 1, locations: 3, schedule: 'every 1m' } });
    // At 180 runs an hour every threshold stands for 10 or more bad runs, so the count alone
    // binds: the long window's Wilson guard is for low volume only.
    type Row = { tier: string; badRunsToFire: number; minutesToFireAtFullOutage: number; limitedBy: string; resetAfterFullOutageMs: number };
    expect(slo.tiers.map((t: Row) => [t.tier, t.badRunsToFire, t.minutesToFireAtFullOutage, t.limitedBy])).toEqual([
      ['page-1h', 13, 5, 'threshold'],
      ['page-6h', 31, 11, 'threshold'],
      ['ticket-24h', 61, 21, 'threshold'],
      ['ticket-72h', 61, 21, 'threshold'],
    ]);
    // Early recovery: ten good runs after a full outage, 4 minutes at 3 runs a minute.
    expect(slo.tiers.map((t: Row) => t.resetAfterFullOutageMs / 60_000)).toEqual([4, 4, 4, 4]);
    const one = JSON.parse((await runCli(['slo', 'lint', '--json', '--locations', '1'], { cwd })).stdout);
    expect(one.slos[0].probe.locations).toBe(1);
    // At 60 runs an hour the 1h threshold is 4 bad runs: low volume, so the Wilson guard binds.
    expect(one.slos[0].tiers[0]).toMatchObject({ badRunsToFire: 8, limitedBy: 'wilson' });
  });

  it('reads cron schedules at their busiest and assumes --every for unscheduled journeys', async () => {
    const cwd = await project(`export default {};\n`, {
      'journeys/a.journey.ts': journeyFile('office-hours', "schedule: { cron: '*/5 9-17 * * 1-5' },"),
      'journeys/b.journey.ts': journeyFile('adhoc'),
    });
    const { code, stdout } = await runCli(['slo', 'lint', '--json', '--every', '10m'], { cwd });
    const lint = JSON.parse(stdout);
    expect(lint.slos.map((s: { slo: string; probe: unknown }) => [s.slo, s.probe])).toEqual([
      ['office-hours-availability', { runsPerMinute: 0.2, locations: 1, schedule: 'cron */5 9-17 * * 1-5, busiest every 5m' }],
      ['adhoc-availability', { runsPerMinute: 0.1, locations: 1, schedule: 'no schedule, assumed every 10m' }],
    ]);
    // At one run in 10 minutes the 1h page tier sees 6 runs, fewer than minEvents = 10: it can never fire.
    expect(lint.slos[1].tiers[0].warnings.map((w: { code: string }) => w.code)).toContain('never-fires');
    expect(code).toBe(1);
  });

  it('fails when a journey names an SLO that is not defined, and exits 2 when an SLO names a missing journey', async () => {
    const cwd = await project(`export default { slos: [{ name: 'checkout-latency', journey: 'checkout', sli: { kind: 'latency', threshold: '2s' }, objective: 99 }] };\n`, {
      'journeys/checkout.journey.ts': journeyFile('checkout', "schedule: { every: '1m' }, slo: 'checkout-availability',"),
    });
    const undefinedSlo = await runCli(['slo', 'lint'], { cwd });
    expect(undefinedSlo.code).toBe(1);
    expect(undefinedSlo.stdout).toContain('✗ journey checkout names SLO "checkout-availability", which is not defined (SLOs: checkout-latency)');

    const missing = await project(`export default { slos: [{ name: 'search', journey: 'serch', sli: { kind: 'availability' }, objective: 99.5 }] };\n`);
    const { code, stdout, stderr } = await runCli(['slo', 'lint'], { cwd: missing });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('SLO "search" names journey "serch", which does not exist');
    expect(stderr).toContain('known journeys: checkout');
  });
});

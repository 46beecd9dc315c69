import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeProject, runCli } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const journey = (name: string) => `import { journey, step } from 'outpost';
export default journey({ name: '${name}', schedule: { every: '1m' }, steps: [step('results', async () => {})] });
`;

const SLOS = [
  {
    name: 'checkout-availability', journey: 'checkout', sli: { kind: 'availability' }, objective: 99.5,
    budgeting: { method: 'timeslices', quorum: { count: 2 } }, owner: 'team-checkout', runbookUrl: 'https://runbooks.example.com/checkout',
  },
  {
    name: 'search-latency', journey: 'search', sli: { kind: 'latency', threshold: '2.5s', step: 'results' }, objective: 99, window: '7d',
    tiers: [{ severity: 'page', budgetPercent: 5, longWindow: '1h' }, { severity: 'ticket', budgetPercent: 10, longWindow: '6h' }],
  },
];

async function project(slos: unknown, extra: Record<string, string> = {}) {
  const dir = await makeProject({
    'outpost.config.ts': `export default { slos: ${JSON.stringify(slos)} };\n`,
    'journeys/checkout.journey.ts': journey('checkout'),
    'journeys/search.journey.ts': journey('search'),
    ...extra,
  });
  dirs.push(dir);
  return dir;
}

describe('outpost slo export --format openslo and outpost slo import', () => {
  it('round-trips: config → OpenSLO → config entries → the same OpenSLO', async () => {
    const cwd = await project(SLOS);
    const exported = await runCli(['slo', 'export', '--format', 'openslo', '--out', 'slos.yaml'], { cwd });
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const yaml = await readFile(join(cwd, 'slos.yaml'), 'utf8');
    expect(yaml).toContain('kind: AlertPolicy');

    const imported = await runCli(['slo', 'import', 'slos.yaml', '--json'], { cwd });
    expect(imported.code).toBe(0);
    const entries = JSON.parse(imported.stdout);
    expect(entries.map((e: { name: string }) => e.name)).toEqual(['checkout-availability', 'search-latency']);
    expect(entries[0]).toMatchObject({ budgeting: { method: 'timeslices', slice: '1m', quorum: { count: 2 } }, owner: 'team-checkout', runbookUrl: 'https://runbooks.example.com/checkout' });
    expect(entries[1]).toMatchObject({ sli: { kind: 'latency', threshold: 2500, step: 'results' }, objective: 99, window: '7d' });

    const again = await project(entries);
    const reexported = await runCli(['slo', 'export'], { cwd: again });
    expect(reexported.code).toBe(0);
    expect(reexported.stdout).toBe(yaml);

    const text = await runCli(['slo', 'import', 'slos.yaml'], { cwd });
    expect(text.stdout).toMatch(/^\/\/ 2 SLOs from slos.yaml: the `slos` list of outpost.config.ts\nslos: \[/);
  });

  it('exits 2 naming the document and field of every problem', async () => {
    const cwd = await project(SLOS, {
      'bad.yaml': `apiVersion: openslo/v1
kind: SLO
metadata: { name: checkout, annotations: { outpost.dev/journey: checkout } }
spec:
  service: shop
  indicator: { metadata: { name: ratio }, spec: { ratioMetric: { counter: true } } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.995 }]
  alertPolicies: [nope]
`,
    });
    const { code, stdout, stderr } = await runCli(['slo', 'import', 'bad.yaml'], { cwd });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('bad.yaml: cannot import the OpenSLO documents:');
    expect(stderr).toContain('document 1 (SLO "checkout"): spec.alertPolicies[0]: expected an AlertPolicy or the name of one, got "nope"');
    const missing = await runCli(['slo', 'import', 'none.yaml'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read none.yaml');
  });
});

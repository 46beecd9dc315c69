import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { createPrometheusReader } from '../../exporters/prometheus/index.js';
import type { JourneyResult } from '../../src/journey/index.js';
import { JourneyMetrics } from '../../src/telemetry/journey-metrics.js';
import { probeOutcome } from '../../src/telemetry/probe-outcome.js';
import { makeProject, runCli } from '../helpers/cli.js';
import { promtoolBinary, promtoolMissingReason } from '../helpers/prometheus-server.js';

const run = promisify(execFile);
if (promtoolMissingReason) console.warn(`[slo-rules] skipping the promtool checks: ${promtoolMissingReason}`);

const journey = (name: string) => `import { journey, step } from 'outpost';
export default journey({ name: '${name}', schedule: { every: '1m' }, steps: [step('pay', async () => {})] });
`;

// 99.9% at one run a minute from one location: plain MWMB pages on a single bad run (13.44 × 0.001 × 60 = 0.8).
const SLOS = [
  { name: 'checkout-availability', journey: 'checkout', sli: { kind: 'availability' }, objective: 99.9, runbookUrl: 'https://runbooks.example.com/checkout' },
  { name: 'checkout-unguarded', journey: 'checkout', sli: { kind: 'availability' }, objective: 99.9, guards: { minEvents: 0, minBadEvents: 0, wilsonConfidence: null } },
  { name: 'search-latency', journey: 'search', sli: { kind: 'latency', threshold: '2.5s' }, objective: 99 },
  { name: 'checkout-pay', journey: 'checkout', sli: { kind: 'step-availability', step: 'pay' }, objective: 99.5, window: '7d', budgeting: 'timeslices' },
];

interface Rule {
  alert?: string;
  record?: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}

let cwd: string;
let rules: { groups: { name: string; rules: Rule[] }[] };
let stderr: string;

beforeAll(async () => {
  cwd = await makeProject({
    'outpost.config.ts': `export default { slos: ${JSON.stringify(SLOS)} };\n`,
    'journeys/checkout.journey.ts': journey('checkout'),
    'journeys/search.journey.ts': journey('search'),
  });
  const generated = await runCli(['slo', 'rules', '--format', 'prometheus', '--out', 'rules.yml'], { cwd });
  expect(generated.code).toBe(0);
  stderr = generated.stderr;
  rules = parse(await readFile(join(cwd, 'rules.yml'), 'utf8'));
}, 120_000);
afterAll(() => rm(cwd, { recursive: true, force: true }));

/** The expected alerts of some tiers, with the labels and annotations the rule file gives them. */
function alerts(slo: string, tiers?: string[]) {
  const group = rules.groups.find((g) => g.name === `outpost-slo-${slo}`);
  return (group?.rules ?? [])
    .filter((r) => r.alert !== undefined && (tiers === undefined || tiers.includes(r.labels.tier ?? '')))
    .map((r) => ({ exp_labels: r.labels, exp_annotations: r.annotations }));
}

const MINUTES = 180;
const base = { cuj: 'checkout', location: 'eu-west', target: 'production' };

/** A counter series as promtool input: the cumulative count after each minute, from `perMinute(m)` increments. */
function counter(name: string, labels: Record<string, string>, perMinute: (minute: number) => number) {
  let total = 0;
  const values = Array.from({ length: MINUTES + 1 }, (_, m) => (m === 0 ? 0 : (total += perMinute(m))));
  const selector = Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',');
  return { series: `${name}{${selector}}`, values: values.join(' ') };
}

/** One probe a minute of `checkout`; `outcome(m)` says how minute m's probe ended. */
function checkoutRuns(outcome: (minute: number) => 'passed' | 'degraded' | 'failed') {
  const runs = (status: string, label: string, count: (m: number) => number) =>
    counter('outpost_journey_runs_total', { journey: 'checkout', ...base, status, outcome: label }, count);
  return [
    runs('passed', 'passed', (m) => Number(outcome(m) === 'passed')),
    runs('passed', 'degraded', (m) => Number(outcome(m) === 'degraded')),
    // A degraded probe's first attempt failed and was retried; a confirmed failure failed twice.
    runs('failed', 'retried', (m) => Number(outcome(m) !== 'passed')),
    runs('failed', 'failed', (m) => Number(outcome(m) === 'failed')),
  ];
}

async function promtoolTest(name: string, test: object): Promise<{ code: number; output: string }> {
  const file = join(cwd, `${name}.test.yml`);
  await writeFile(file, stringify({ rule_files: ['rules.yml'], evaluation_interval: '1m', tests: [{ interval: '1m', ...test }] }));
  try {
    const { stdout, stderr: err } = await run(promtoolBinary!, ['test', 'rules', file], { cwd });
    return { code: 0, output: stdout + err };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('outpost slo rules --format prometheus', () => {
  it('writes a rule group per SLO with the Sloth windows, the period and one alert per tier; time slices are noted', () => {
    expect(rules.groups.map((g) => g.name)).toEqual(SLOS.map((s) => `outpost-slo-${s.name}`));
    const records = rules.groups[0]!.rules.filter((r) => r.record?.startsWith('slo:sli_error:ratio_rate')).map((r) => r.record);
    expect(records).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '28d'].map((w) => `slo:sli_error:ratio_rate${w}`));
    // A 7-day SLO has no 28d window, and its tiers cannot be longer than the period.
    expect(rules.groups[3]!.rules.filter((r) => r.record?.startsWith('slo:sli_error:ratio_rate')).at(-1)?.record).toBe('slo:sli_error:ratio_rate7d');
    expect(alerts('checkout-availability').map((a) => [a.exp_labels.severity, a.exp_labels.tier])).toEqual([
      ['page', 'page-1h'],
      ['page', 'page-6h'],
      ['ticket', 'ticket-24h'],
      ['ticket', 'ticket-72h'],
    ]);
    expect(alerts('checkout-availability')[0]?.exp_annotations).toMatchObject({ runbook_url: 'https://runbooks.example.com/checkout' });
    expect(stderr).toContain('note: SLO "checkout-pay" budgets by time slices; its Prometheus rules count probes (occurrences)');
  });

  it('derives the thresholds from the period: f·B for 2% in 1h of 28 days at 99.9% is 0.01344', () => {
    const page = rules.groups[0]!.rules.find((r) => r.labels.tier === 'page-1h') as Rule & { expr: string };
    expect(page.expr).toContain('(slo:sli_error:ratio_rate1h{slo="checkout-availability"} > 0.01344)');
    expect(page.expr).toContain('(slo:sli_error:ratio_rate5m{slo="checkout-availability"} > 0.01344)');
    expect(page.expr).toContain('(slo:sli_bad_events:increase1h{slo="checkout-availability"} >= 2)');
    const weekly = rules.groups[3]!.rules.find((r) => r.labels.tier === 'page-1h') as Rule & { expr: string };
    // 2% × 168h / 1h = 3.36, × 0.005.
    expect(weekly.expr).toContain('(slo:sli_error:ratio_rate1h{slo="checkout-pay"} > 0.0168)');
  });

  it('refuses a latency threshold that is not a bucket bound of the duration histogram, naming the bounds', async () => {
    const dir = await makeProject({
      'outpost.config.ts': `export default { slos: [{ name: 'fast', journey: 'search', sli: { kind: 'latency', threshold: '3s' }, objective: 99 }] };\n`,
      'journeys/search.journey.ts': journey('search'),
    });
    const { code, stdout, stderr: err } = await runCli(['slo', 'rules'], { cwd: dir });
    await rm(dir, { recursive: true, force: true });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(err).toContain('SLO "fast": its latency threshold 3000 ms is not a bucket bound of the duration histograms; Prometheus can only judge one of: 50ms, 100ms, 250ms, 500ms, 1s, 2.5s, 5s');
  });
});

describe.skipIf(promtoolMissingReason !== undefined)('the generated rules in promtool', () => {
  it('pass promtool check rules', async () => {
    const { stdout } = await run(promtoolBinary!, ['check', 'rules', 'rules.yml'], { cwd });
    expect(stdout).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('page on a full outage of checkout within minutes, and stop after recovery', async () => {
    const outage = (m: number) => (m > 120 && m <= 140 ? 'failed' : 'passed');
    const guarded = ['page-1h', 'page-6h', 'ticket-24h', 'ticket-72h'];
    const result = await promtoolTest('outage', {
      input_series: checkoutRuns(outage),
      alert_rule_test: [
        { eval_time: '120m', alertname: 'OutpostSloBurnRate', exp_alerts: [] },
        // One bad run: only the unguarded SLO pages, on every tier.
        { eval_time: '121m', alertname: 'OutpostSloBurnRate', exp_alerts: alerts('checkout-unguarded') },
        // Ten minutes in, the guards are satisfied: every tier of both SLOs fires.
        { eval_time: '130m', alertname: 'OutpostSloBurnRate', exp_alerts: [...alerts('checkout-availability', guarded), ...alerts('checkout-unguarded')] },
        // Ten minutes after recovery the 5m window is clean: the 1h page tier has reset, the slower tiers have not.
        {
          eval_time: '150m',
          alertname: 'OutpostSloBurnRate',
          exp_alerts: [...alerts('checkout-availability', ['page-6h', 'ticket-24h', 'ticket-72h']), ...alerts('checkout-unguarded', ['page-6h', 'ticket-24h', 'ticket-72h'])],
        },
      ],
    });
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });

  it('do not fire on one failed run, nor on runs that passed on their confirmation retry', async () => {
    // Ten flaky probes in a row (each passed on retry), then one confirmed failure.
    const flakyThenOne = (m: number) => (m > 60 && m <= 70 ? 'degraded' : m === 121 ? 'failed' : 'passed');
    const result = await promtoolTest('single-failure', {
      input_series: checkoutRuns(flakyThenOne),
      alert_rule_test: [
        { eval_time: '70m', alertname: 'OutpostSloBurnRate', exp_alerts: [] },
        // The failed run: the guarded SLO stays silent; without guards it would page (the test can fail).
        { eval_time: '122m', alertname: 'OutpostSloBurnRate', exp_alerts: alerts('checkout-unguarded') },
        // Each tier resets once the bad run leaves its short window: 5m for page-1h, 30m for page-6h.
        { eval_time: '150m', alertname: 'OutpostSloBurnRate', exp_alerts: alerts('checkout-unguarded', ['page-6h', 'ticket-24h', 'ticket-72h']) },
        { eval_time: '155m', alertname: 'OutpostSloBurnRate', exp_alerts: alerts('checkout-unguarded', ['ticket-24h', 'ticket-72h']) },
      ],
    });
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });

  it("select the series Outpost's /metrics really serves: a confirmed outage recorded through the telemetry pages", async () => {
    const input = await scrapedSeries(90, (minute) => (minute > 60 && minute <= 80 ? ['failed', 'failed'] : ['passed']));
    const result = await promtoolTest('scraped', {
      input_series: input,
      alert_rule_test: [
        { eval_time: '60m', alertname: 'OutpostSloBurnRate', exp_alerts: [] },
        // The run SLOs, and the step SLO on 'pay', which fails in every attempt, from the step series.
        { eval_time: '75m', alertname: 'OutpostSloBurnRate', exp_alerts: [...alerts('checkout-availability'), ...alerts('checkout-unguarded'), ...alerts('checkout-pay')] },
      ],
    });
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });

  it('page when search gets slower than its latency threshold', async () => {
    const slow = (m: number) => m > 60 && m <= 100;
    const labels = { journey: 'search', ...base, cuj: 'search', status: 'passed', outcome: 'passed' };
    const result = await promtoolTest('latency', {
      input_series: [
        counter('outpost_journey_duration_seconds_bucket', { ...labels, le: '2.5' }, (m) => Number(!slow(m))),
        counter('outpost_journey_duration_seconds_bucket', { ...labels, le: '+Inf' }, () => 1),
        counter('outpost_journey_duration_seconds_count', labels, () => 1),
      ],
      alert_rule_test: [
        { eval_time: '60m', alertname: 'OutpostSloBurnRate', exp_alerts: [] },
        { eval_time: '90m', alertname: 'OutpostSloBurnRate', exp_alerts: alerts('search-latency') },
      ],
    });
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });
});

/**
 * Records one probe of `checkout` a minute through the real run metrics and Prometheus reader
 * (attempt statuses from `attempts(minute)`, retries allowed as many as given), scrapes the text
 * format after each minute, and returns the run and step series as promtool input.
 */
async function scrapedSeries(minutes: number, attempts: (minute: number) => ('passed' | 'failed')[]) {
  const prometheus = createPrometheusReader();
  const provider = new MeterProvider({ readers: [prometheus.reader] });
  const metrics = new JourneyMetrics(provider.getMeter('outpost'));
  const samples = new Map<string, (string | undefined)[]>();
  for (let minute = 1; minute <= minutes; minute++) {
    const statuses = attempts(minute);
    statuses.forEach((status, i) => {
      const result = { journey: 'checkout', cuj: { id: 'checkout' }, location: 'eu-west', target: { name: 'production', url: 'http://shop' }, status, attempt: i + 1, durationMs: 900, steps: [{ index: 0, name: 'pay', soft: false, status, durationMs: 800 }] };
      metrics.record(result as unknown as JourneyResult, probeOutcome(status, i + 1, statuses.length));
    });
    for (const line of (await prometheus.render()).split('\n')) {
      const match = /^(outpost_(?:journey|step)_\w+)(\{.*\}) (\S+)$/.exec(line);
      if (match === null) continue;
      const key = `${match[1]}${match[2]}`;
      const values = samples.get(key) ?? Array<string | undefined>(minutes + 1).fill(undefined);
      values[minute] = match[3];
      samples.set(key, values);
    }
  }
  await provider.shutdown();
  return [...samples].map(([series, values]) => ({ series, values: values.map((v) => v ?? '_').join(' ') }));
}

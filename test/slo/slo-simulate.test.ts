import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeProject, runCli } from '../helpers/cli.js';

const T0 = Date.UTC(2025, 0, 6, 12, 0);
const LOCATIONS = ['eu-west', 'us-east', 'ap-south'];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

type Outcome = { status?: 'passed' | 'failed'; attempts?: number; durationMs?: number };

/** One run a minute from each location for minutes [from, to) after T0, as JSON Lines. */
function results(from: number, to: number, outcome: (minute: number, location: string) => Outcome = () => ({}), journey = 'checkout'): string[] {
  const lines: string[] = [];
  for (let m = from; m < to; m++) {
    for (const location of LOCATIONS) {
      const { status = 'passed', attempts, durationMs = 900 } = outcome(m, location);
      const startedAt = new Date(T0 + m * 60_000 + 15_000).toISOString();
      lines.push(JSON.stringify({ journey, location, startedAt, durationMs, status, ...(attempts === undefined ? {} : { attempts }) }));
    }
  }
  return lines;
}

async function project(files: Record<string, string>): Promise<string> {
  const dir = await makeProject(files);
  dirs.push(dir);
  return dir;
}

const iso = (minute: number) => new Date(T0 + minute * 60_000).toISOString();
const outage = (m: number): Outcome => (m >= 0 && m < 10 ? { status: 'failed' } : {});

describe('outpost slo simulate', () => {
  it('pages on a 10-minute outage from three locations, then resolves, with the exact JSON fields', async () => {
    const cwd = await project({ 'runs.jsonl': `${results(-180, 60, outage).join('\n')}\n` });
    const { code, stdout, stderr } = await runCli(['slo', 'simulate', '--results', 'runs.jsonl', '--json'], { cwd });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const transitions = stdout.trim().split('\n').map((line) => JSON.parse(line));
    for (const t of transitions) expect(Object.keys(t)).toEqual(['at', 'slo', 'journey', 'severity', 'state', 'burnRate', 'window']);
    const page = { slo: 'checkout-availability', journey: 'checkout', severity: 'page' };
    expect(transitions.filter((t) => t.severity === 'page')).toEqual([
      // 1h window: 15 bad of 180 runs = 8.3%, the first above f·B = 6.72% (12 runs: volume
      // enough that the count is the evidence); the 5m short window is 15 of 15.
      { at: iso(5), ...page, state: 'firing', burnRate: 16.667, window: '1h' },
      // 6h window: 18 bad of 558 runs = 3.2% > f·B = 2.8%; 18 of the 30m window's 90 is significant.
      { at: iso(6), ...page, state: 'firing', burnRate: 6.452, window: '6h' },
      // Early recovery: 12 good runs after minutes in which every run failed (10 needed)...
      { at: iso(14), ...page, state: 'resolved', burnRate: 33.333, window: '1h' },
      // ...and 18 after a 30m window in which a third failed (1-in-1000 odds if still failing).
      { at: iso(16), ...page, state: 'resolved', burnRate: 10.204, window: '6h' },
    ]);
  });

  it('prints nothing for one flaky run, and explains in text why nothing fired', async () => {
    const cwd = await project({ 'runs.jsonl': `${results(-60, 120, (m, loc) => (m === 30 && loc === 'eu-west' ? { status: 'failed' } : {})).join('\n')}\n` });
    const json = await runCli(['slo', 'simulate', '--results', 'runs.jsonl', '--json'], { cwd });
    expect(json.code).toBe(0);
    expect(json.stdout).toBe('');
    const text = await runCli(['slo', 'simulate', '--results', 'runs.jsonl'], { cwd });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('no alert fired');
    expect(text.stdout).toContain('runs 540, bad 1, degraded 0');
    expect(text.stdout).toMatch(/page-1h\s+never fired: peak burn 1\.1× at 2025-01-06T12:31Z, fires above 13\.4×; then: long window below the threshold/);
  });

  it('reports every malformed line with its number and exits 2', async () => {
    const lines = results(0, 3);
    lines.splice(1, 0, '{"journey": "checkout"', '');
    lines.push(JSON.stringify({ journey: 'checkout', location: 'eu-west', startedAt: 'yesterday', durationMs: 5, status: 'ok' }));
    const cwd = await project({ 'runs.jsonl': `${lines.join('\n')}\n` });
    const { code, stdout, stderr } = await runCli(['slo', 'simulate', '--results', 'runs.jsonl', '--json'], { cwd });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('runs.jsonl: 2 malformed lines');
    expect(stderr).toMatch(/line 2: not JSON/);
    expect(stderr).toMatch(/line 12: startedAt: expected an ISO-8601 instant.*; status: expected "passed" or "failed", got "ok"/);
  });

  it('exits 2 on a missing results file or option', async () => {
    const cwd = await project({});
    const missing = await runCli(['slo', 'simulate', '--results', 'nope.jsonl'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read results file nope.jsonl');
    const noOption = await runCli(['slo', 'simulate'], { cwd });
    expect(noOption.code).toBe(2);
    expect(noOption.stderr).toContain("required option '--results <file>'");
  });

  it('replays the SLO list of --config, and exits 2 listing every problem of a bad one', async () => {
    const slos = [
      // Time slices with a quorum of 2: one broken location never makes a minute bad.
      { name: 'checkout-slices', journey: 'checkout', sli: { kind: 'availability' }, objective: 99, budgeting: { method: 'timeslices', quorum: { count: 2 } } },
      { name: 'search-fast', journey: 'search', sli: { kind: 'latency', threshold: '2s' }, objective: 99, tiers: [{ name: 'fast-burn', severity: 'page', budgetPercent: 2, longWindow: '1h' }] },
    ];
    const broken = results(-180, 60, (m, loc) => (m >= 0 && loc === 'eu-west' ? { status: 'failed' } : {}));
    const slow = results(-180, 60, (m) => (m >= 0 && m < 20 ? { durationMs: 2500 } : {}), 'search');
    const cwd = await project({
      'outpost.config.ts': `export default { slos: ${JSON.stringify(slos)} };\n`,
      'bad.config.ts': `export default { slos: [
        { name: 'x', journey: 'checkout', sli: { kind: 'availability' }, objective: 0.99 },
        { name: 'y' },
        { name: 'z', journey: 'search', sli: { kind: 'latency' }, objective: 99 },
      ] };\n`,
      'typo.config.ts': `export default { slos: [
        { name: 'checkout-availability', journey: 'chekout', sli: { kind: 'availability' }, objective: 99.5 },
        { name: 'search-availability', journey: 'search', sli: { kind: 'availability' }, objective: 99.5 },
      ] };\n`,
      'step.config.ts': `export default { slos: [{ name: 'pay', journey: 'checkout', sli: { kind: 'step-availability', step: 'pay' }, objective: 99.5 }] };\n`,
      'runs.jsonl': `${[...broken, ...slow].join('\n')}\n`,
    });
    const { code, stdout } = await runCli(['slo', 'simulate', '--results', 'runs.jsonl', '--config', 'outpost.config.ts', '--json'], { cwd });
    expect(code).toBe(0);
    const transitions = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(transitions.map((t) => [t.slo, t.state, t.window])).toEqual([
      ['search-fast', 'firing', '1h'],
      ['search-fast', 'resolved', '1h'],
    ]);
    const bad = await runCli(['slo', 'simulate', '--results', 'runs.jsonl', '--config', 'bad.config.ts'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('slos[0].objective: expected a percentage such as 99.5 (objectives are in percent; write 99 for a ratio of 0.99), got 0.99');
    expect(bad.stderr).toContain('slos[1].journey: expected a string, but it is missing');
    expect(bad.stderr).toContain('slos[2].sli.threshold');
    const typo = await runCli(['slo', 'simulate', '--results', 'runs.jsonl', '--config', 'typo.config.ts'], { cwd });
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toContain('SLO "checkout-availability" names journey "chekout", which has no results in runs.jsonl');
    expect(typo.stderr).toContain('journeys in runs.jsonl: checkout, search');
    expect(typo.stderr).not.toContain('search-availability');
    const step = await runCli(['slo', 'simulate', '--results', 'runs.jsonl', '--config', 'step.config.ts'], { cwd });
    expect(step.code).toBe(2);
    expect(step.stderr).toContain('SLO "pay" judges step "pay", but results files hold whole runs');
  });

  it('gives the same output for unordered input as for ordered', async () => {
    const lines = [...results(-120, 90, (m, loc) => (m >= 0 && m < 30 ? { status: 'failed' } : m === 50 && loc === 'us-east' ? { attempts: 2 } : {}))];
    const shuffled = lines.map((line, i) => ({ line, key: (i * 7919) % 1009 })).sort((a, b) => a.key - b.key).map((x) => x.line);
    const cwd = await project({ 'ordered.jsonl': lines.join('\n'), 'shuffled.jsonl': shuffled.join('\n') });
    for (const format of [['--json'], []]) {
      const ordered = await runCli(['slo', 'simulate', '--results', 'ordered.jsonl', ...format], { cwd });
      const unordered = await runCli(['slo', 'simulate', '--results', 'shuffled.jsonl', ...format], { cwd });
      expect(ordered.code).toBe(0);
      expect(ordered.stdout.length).toBeGreaterThan(100);
      expect(unordered.stdout).toBe(ordered.stdout);
    }
  });
});

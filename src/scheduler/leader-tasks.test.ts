import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrometheusReader } from '../../exporters/prometheus/index.js';
import type { LeaderLease } from './coordination/slot-claims.js';
import { LeaderTasks, runWhileLeader, type LeaderTask } from './leader-tasks.js';
import type { LogFields, Logger } from './logger.js';

/** A lease the test hands out and takes back; `fail` makes checks throw (a broken lease implementation). */
class SwitchableLease implements LeaderLease {
  held = false;
  fail = false;
  checks = 0;
  async isLeader(): Promise<boolean> {
    this.checks++;
    if (this.fail) throw new Error('lease check exploded');
    return this.held;
  }
  async release(): Promise<void> {
    this.held = false;
  }
}

function recordingLogger(): Logger & { events: { event: string; fields: LogFields }[] } {
  const events: { event: string; fields: LogFields }[] = [];
  const log = (event: string, fields: LogFields = {}) => void events.push({ event, fields });
  return { events, info: log, warn: log, error: log };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A task that counts its rounds, records the signals it got, and can be held open. */
function countingTask(name: string, intervalMs = 5) {
  const state = { rounds: 0, running: 0, maxRunning: 0, signals: [] as AbortSignal[], hold: undefined as Promise<void> | undefined };
  const task: LeaderTask = {
    name,
    intervalMs,
    run: async (_now, signal) => {
      state.rounds++;
      state.running++;
      state.maxRunning = Math.max(state.maxRunning, state.running);
      state.signals.push(signal);
      try {
        if (state.hold !== undefined) await Promise.race([state.hold, new Promise((resolve) => signal.addEventListener('abort', resolve))]);
      } finally {
        state.running--;
      }
    },
  };
  return { task, state };
}

const started: LeaderTasks[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((leader) => leader.stop(1_000)));
});

function leaderOf(lease: LeaderLease, tasks: LeaderTask[], extra: { meter?: MeterProvider } = {}) {
  const logger = recordingLogger();
  const leader = runWhileLeader(lease, tasks, { checkEveryMs: 10, logger, meter: extra.meter?.getMeter('test') });
  started.push(leader);
  return { leader, logger, events: (name: string) => logger.events.filter((e) => e.event === name) };
}

describe('LeaderTasks', () => {
  it('runs nothing on a standby replica, and starts the tasks when the lease is won', async () => {
    const lease = new SwitchableLease();
    const { task, state } = countingTask('retention');
    const { leader, events } = leaderOf(lease, [task]);
    await until(() => lease.checks >= 3, 'a few lease checks');
    expect(state.rounds).toBe(0);
    expect(leader.leading).toBe(false);
    expect(events('leader.standby')).toHaveLength(1);
    lease.held = true;
    await until(() => state.rounds >= 3, 'rounds on the leader');
    expect(leader.leading).toBe(true);
    expect(events('leader.acquired')[0]?.fields).toMatchObject({ tasks: 'retention' });
  });

  it('aborts the round in progress when the lease is lost, runs no more, and resumes when it is won back', async () => {
    const lease = new SwitchableLease();
    lease.held = true;
    const { task, state } = countingTask('alerts');
    let release!: () => void;
    state.hold = new Promise((resolve) => (release = resolve));
    const { leader, events } = leaderOf(lease, [task]);
    await until(() => state.running === 1, 'a round to be running');
    lease.held = false;
    await until(() => state.running === 0, 'the round to be aborted');
    expect(state.signals[0]!.aborted).toBe(true);
    expect(events('leader.lost')).toHaveLength(1);
    expect(leader.leading).toBe(false);
    const roundsWhenLost = state.rounds;
    const checks = lease.checks;
    await until(() => lease.checks >= checks + 3, 'more lease checks');
    expect(state.rounds).toBe(roundsWhenLost);
    release();
    state.hold = undefined;
    lease.held = true;
    await until(() => state.rounds >= roundsWhenLost + 2, 'rounds after winning the lease back');
    expect(events('leader.acquired')).toHaveLength(2);
    expect(state.signals.at(-1)!.aborted).toBe(false);
  });

  it('logs and counts a failing round, and keeps running that task and the others', async () => {
    const lease = new SwitchableLease();
    lease.held = true;
    let failures = 0;
    const failing: LeaderTask = {
      name: 'flaky',
      intervalMs: 5,
      run: async () => {
        failures++;
        throw new Error('database hiccup');
      },
    };
    const { task: healthy, state } = countingTask('healthy');
    const prometheus = createPrometheusReader();
    const provider = new MeterProvider({ readers: [prometheus.reader] });
    const { events } = leaderOf(lease, [failing, healthy], { meter: provider });
    await until(() => failures >= 3 && state.rounds >= 3, 'rounds of both tasks');
    expect(events('leader.task_failed')[0]?.fields).toMatchObject({ task: 'flaky', error: 'database hiccup' });
    const text = await prometheus.render();
    expect(text).toMatch(/^outpost_leader 1$/m);
    expect(text).toMatch(/^outpost_leader_task_runs_total\{task="flaky",outcome="error"\} ([3-9]|\d{2,})$/m);
    expect(text).toMatch(/^outpost_leader_task_runs_total\{task="healthy",outcome="ok"\} ([3-9]|\d{2,})$/m);
    expect(text).toMatch(/^outpost_leader_task_runs_total\{task="healthy",outcome="error"\} 0$/m);
  });

  it('shows 0 on outpost_leader while standing by', async () => {
    const lease = new SwitchableLease();
    const prometheus = createPrometheusReader();
    leaderOf(lease, [countingTask('retention').task], { meter: new MeterProvider({ readers: [prometheus.reader] }) });
    await until(() => lease.checks >= 2, 'lease checks');
    expect(await prometheus.render()).toMatch(/^outpost_leader 0$/m);
  });

  it('never overlaps two rounds of one task, even when a round outlasts its interval', async () => {
    const lease = new SwitchableLease();
    lease.held = true;
    const slow: LeaderTask & { rounds: number; running: number; max: number } = {
      name: 'slow',
      intervalMs: 1,
      rounds: 0,
      running: 0,
      max: 0,
      run: async () => {
        slow.rounds++;
        slow.running++;
        slow.max = Math.max(slow.max, slow.running);
        await new Promise((resolve) => setTimeout(resolve, 30));
        slow.running--;
      },
    };
    leaderOf(lease, [slow]);
    await until(() => slow.rounds >= 4, 'several slow rounds');
    expect(slow.max).toBe(1);
  });

  it('treats a lease check that throws as not leading, and says why', async () => {
    const lease = new SwitchableLease();
    lease.held = true;
    const { task, state } = countingTask('retention');
    const { events } = leaderOf(lease, [task]);
    await until(() => state.rounds >= 1, 'a round');
    lease.fail = true;
    await until(() => events('leader.lost').length === 1, 'leadership to be lost');
    expect(events('leader.check_failed')[0]?.fields).toMatchObject({ error: 'lease check exploded' });
  });

  it('stop() aborts rounds in progress, waits for them, and checks the lease no more', async () => {
    const lease = new SwitchableLease();
    lease.held = true;
    const { task, state } = countingTask('retention');
    state.hold = new Promise(() => {});
    const { leader } = leaderOf(lease, [task]);
    await until(() => state.running === 1, 'a running round');
    await leader.stop(5_000);
    expect(state.running).toBe(0);
    expect(state.signals[0]!.aborted).toBe(true);
    const checks = lease.checks;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lease.checks).toBe(checks);
  });

  it('rejects two tasks with one name', () => {
    const lease = new SwitchableLease();
    expect(() => new LeaderTasks({ lease, tasks: [countingTask('alerts').task, countingTask('alerts').task] })).toThrow(/two leader tasks are named "alerts"/);
  });
});

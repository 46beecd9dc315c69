import { afterEach, describe, expect, it } from 'vitest';
import { INSTRUMENTS, type Telemetry } from '../../src/telemetry/index.js';
import { closedPortUrl, startOtlpReceiver, type OtlpReceiver, type ReceiverMode } from '../helpers/otlp-receiver.js';
import { FAILING_CHECKOUT, PASSING_CHECKOUT, simulateRun } from './synthetic-runs.js';
import { otlpTelemetry } from './telemetry-harness.js';

/** A short export timeout where the collector hangs: the test waits for it to pass (no timing is asserted). */
const HANG_TIMEOUT_MS = 300;
/** Where exports are meant to succeed, a timeout no loaded CI machine comes near. */
const ACCEPT_TIMEOUT_MS = 5_000;

const telemetryFor = (endpoint: string, timeoutMs = HANG_TIMEOUT_MS) => otlpTelemetry(endpoint, { timeoutMs });

/** Every observer call returns a plain value (never a promise to wait on) and nothing throws. */
function runJourneysThrough(telemetry: Telemetry): void {
  for (let i = 0; i < 5; i++) {
    const run = simulateRun(telemetry.observer, i % 2 === 0 ? PASSING_CHECKOUT : FAILING_CHECKOUT, `run-${i}`);
    for (const headers of run.headers) expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  }
}

describe('a collector that is down or slow', () => {
  let receiver: OtlpReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  describe.each<[ReceiverMode, string]>([
    ['hang', 'never answers'],
    ['refuse', 'answers 503'],
  ])('when the receiver is told to %s (%s)', (mode) => {
    it('does not disturb the runs, shutdown resolves, and one warning is logged', async () => {
      receiver = await startOtlpReceiver();
      receiver.setMode(mode);
      const { telemetry, warnings, notes } = telemetryFor(receiver.url);

      expect(() => runJourneysThrough(telemetry)).not.toThrow();
      await expect(telemetry.shutdown()).resolves.toBeUndefined();

      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^telemetry: .* failed \(.+\); the journeys are not affected/);
      expect(notes).toEqual([]);
      expect(receiver.spans).toEqual([]);
    });
  });

  it('with nothing listening on the port: runs go on, shutdown resolves, one warning', async () => {
    const { telemetry, warnings, notes } = telemetryFor(await closedPortUrl());

    expect(() => runJourneysThrough(telemetry)).not.toThrow();
    await expect(telemetry.shutdown()).resolves.toBeUndefined();

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('ECONNREFUSED');
    expect(notes).toEqual([]);
  });

  it('warns once per outage, says when export recovers, and metrics survive the outage', async () => {
    receiver = await startOtlpReceiver();
    receiver.setMode('refuse');
    const { telemetry, warnings, notes } = telemetryFor(receiver.url, ACCEPT_TIMEOUT_MS);

    runJourneysThrough(telemetry);
    await telemetry.forceFlush();
    runJourneysThrough(telemetry);
    await telemetry.forceFlush();
    expect(warnings).toHaveLength(1);
    expect(notes).toEqual([]);

    receiver.setMode('accept');
    simulateRun(telemetry.observer, PASSING_CHECKOUT, 'after-recovery');
    await telemetry.forceFlush();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/recovered/);
    expect(warnings).toHaveLength(1);
    const roots = receiver.spans.filter((span) => span.parentSpanId === undefined);
    expect(roots.map((span) => span.attributes['outpost.run.id'])).toEqual(['after-recovery']);
    const runs = receiver.metric(INSTRUMENTS.journeyRuns).reduce((sum, point) => sum + (point.value ?? 0), 0);
    expect(runs).toBe(11);

    receiver.setMode('refuse');
    simulateRun(telemetry.observer, PASSING_CHECKOUT, 'second-outage');
    await telemetry.forceFlush();
    expect(warnings).toHaveLength(2);
    await telemetry.shutdown();
  });

  it('shutdown can be called twice and observer calls after it do nothing harmful', async () => {
    receiver = await startOtlpReceiver();
    const { telemetry, warnings } = telemetryFor(receiver.url, ACCEPT_TIMEOUT_MS);
    simulateRun(telemetry.observer, PASSING_CHECKOUT);
    await Promise.all([telemetry.shutdown(), telemetry.shutdown()]);

    expect(() => simulateRun(telemetry.observer, FAILING_CHECKOUT, 'late')).not.toThrow();
    await telemetry.shutdown();
    expect(warnings).toEqual([]);
    expect(receiver.spans.filter((span) => span.attributes['outpost.run.id'] === 'late')).toEqual([]);
  });
});

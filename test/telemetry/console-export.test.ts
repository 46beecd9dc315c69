import { expect, it } from 'vitest';
import { createTelemetry } from '../../src/telemetry/index.js';
import { FAILING_CHECKOUT, simulateRun } from './synthetic-runs.js';

it('prints spans as they end and metrics at shutdown with the console exporters', async () => {
  const lines: string[] = [];
  const telemetry = createTelemetry({
    location: 'laptop',
    env: {},
    traces: { exporter: 'console' },
    metrics: { exporter: 'console' },
    consoleWrite: (line) => lines.push(line),
  });
  simulateRun(telemetry.observer, FAILING_CHECKOUT);
  const spanLines = lines.length;
  await telemetry.shutdown();

  expect(spanLines).toBe(6);
  expect(lines.slice(0, spanLines).filter((line) => line.includes('status=ERROR'))).toHaveLength(4);
  expect(lines).toContainEqual(expect.stringMatching(/^span "journey checkout" .* parent=- kind=INTERNAL status=ERROR\("step \\"pay\\": expected/));
  expect(lines).toContainEqual(expect.stringMatching(/^metric outpost\.journey\.runs\{journey=checkout cuj=buy-a-thing location=test-lab target=demo-shop outcome=failed status=failed\} 1$/));
  expect(lines).toContainEqual(expect.stringMatching(/^metric outpost\.step\.runs\{.*step=receipt status=skipped\} 1$/));
});

it('sends nothing anywhere with both exporters off, yet still hands the meter provider out', async () => {
  const telemetry = createTelemetry({ location: 'laptop', env: {}, traces: { exporter: 'none' }, metrics: { exporter: 'none' } });
  const run = simulateRun(telemetry.observer, FAILING_CHECKOUT);
  expect(run.headers.every((headers) => Object.keys(headers).length === 0)).toBe(true);
  expect(telemetry.meterProvider.getMeter('other')).toBeDefined();
  await expect(telemetry.shutdown()).resolves.toBeUndefined();
});

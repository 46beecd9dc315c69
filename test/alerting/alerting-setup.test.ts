import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../exporters/webhook/index.js';
import { evaluateRuns, MINUTE, probeRuns, T0 } from '../../src/alerting/alerting-test-fixtures.js';
import { alertingTask, createAlertChannels, createAlertingCycle } from '../../src/cli/alerting-setup.js';
import { CliError } from '../../src/cli/exit-codes.js';
import { resolveConfig, type ResolvedConfig } from '../../src/config/index.js';
import type { JourneyResult } from '../../src/journey/index.js';
import { createLineLogger } from '../../src/scheduler/index.js';
import { openStore, type ResultStore } from '../../src/store/index.js';
import { startHttpReceiver, type HttpReceiver } from '../helpers/http-receiver.js';

const ROUTING_KEY = 'pd-R0UTING-key-7f3a9c';
const HOOK_SECRET = 'hmac-K3Y-5ecret';
const SLACK_PATH = '/services/T000/B000/sl4ckT0ken';

let receiver: HttpReceiver;
beforeAll(async () => {
  receiver = await startHttpReceiver();
});
afterAll(async () => {
  await receiver.close();
});

function configWith(url: string): ResolvedConfig {
  return resolveConfig(
    {
      slos: [{ name: 'checkout-availability', journey: 'checkout', sli: { kind: 'availability' }, objective: 99, runbookUrl: 'https://runbooks.example.com/checkout', tiers: [{ name: 'page-1h', severity: 'page', budgetPercent: 2, longWindow: '1h' }] }],
      alerting: {
        dashboardUrl: 'https://outpost.example.com',
        channels: [
          { type: 'pagerduty', routingKey: { env: 'PD_KEY' }, eventsUrl: `${url}/v2/enqueue` },
          { type: 'slack', webhookUrl: { env: 'SLACK_URL' } },
          { type: 'webhook', url: `${url}/outpost`, secret: { env: 'HOOK_SECRET' } },
        ],
      },
    },
    { rootDir: '/project' },
  );
}

const env = (url: string) => ({ PD_KEY: ROUTING_KEY, SLACK_URL: `${url}${SLACK_PATH}`, HOOK_SECRET });

describe('alerting setup from the config', () => {
  let store: ResultStore;
  let runs: JourneyResult[];
  let lines: string[];
  beforeEach(async () => {
    receiver.requests.length = 0;
    receiver.fallback = { status: 202 };
    lines = [];
    store = await openStore(':memory:');
    runs = probeRuns({ fromMs: T0 - 120 * MINUTE, toMs: T0 + 30 * MINUTE, failing: (minute) => minute >= T0 });
    await store.saveRuns(runs);
  });
  afterEach(async () => {
    await store.close();
  });

  it('refuses to start when a channel secret is missing, naming every missing env var', () => {
    const config = configWith(receiver.url);
    const error = (() => {
      try {
        createAlertChannels(config.alerting, { PD_KEY: ROUTING_KEY, SLACK_URL: '' });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as Error).message).toContain('SLACK_URL (secret alerting.channels.slack.webhookUrl)');
    expect((error as Error).message).toContain('HOOK_SECRET (secret alerting.channels.webhook.secret)');
    expect((error as Error).message).not.toContain(ROUTING_KEY);
  });

  it('runs as a leader task: evaluates, fires, and delivers to every channel with the secrets from the environment', async () => {
    const config = configWith(receiver.url);
    const logger = createLineLogger((line) => lines.push(line));
    const cycle = createAlertingCycle({ config, store, owner: 'replica-1', logger, env: env(receiver.url) });
    const task = alertingTask(cycle, async (nowMs) => config.slos.map((slo) => evaluateRuns(slo, runs, nowMs)), config.alerting.evaluationIntervalMs, logger);
    expect(task).toMatchObject({ name: 'alerting', intervalMs: 60_000 });
    await task.run(T0 + 20 * MINUTE, new AbortController().signal);

    const byPath = (path: string) => receiver.requests.filter((r) => r.path === path);
    expect(byPath('/v2/enqueue').map((r) => (r.json as { routing_key: string; event_action: string }).event_action)).toEqual(['trigger']);
    expect((byPath('/v2/enqueue')[0]?.json as { routing_key: string }).routing_key).toBe(ROUTING_KEY);
    expect(byPath(SLACK_PATH)).toHaveLength(1);
    const hook = byPath('/outpost')[0]!;
    expect(verifyWebhook({ secret: HOOK_SECRET, body: hook.body, signature: hook.headers['x-outpost-signature'] as string, timestamp: hook.headers['x-outpost-timestamp'] as string })).toEqual({ valid: true });
    expect((hook.json as { alert: { runbookUrl: string } }).alert.runbookUrl).toBe('https://runbooks.example.com/checkout');
    expect(lines.some((line) => line.includes('alert.trigger') && line.includes('slo=checkout-availability'))).toBe(true);
  });

  it('keeps secrets a receiver echoes back out of the stored error and the log', async () => {
    const config = configWith(receiver.url);
    const logger = createLineLogger((line) => lines.push(line));
    const cycle = createAlertingCycle({ config, store, owner: 'replica-1', logger, env: env(receiver.url) });
    receiver.fallback = { status: 400, body: `invalid routing key ${ROUTING_KEY} for ${receiver.url}${SLACK_PATH}` };
    await cycle.run(config.slos.map((slo) => evaluateRuns(slo, runs, T0 + 20 * MINUTE)), T0 + 20 * MINUTE);
    const failed = await store.alerts.queryDeliveries({ status: 'gave-up' });
    expect(failed).toHaveLength(3);
    for (const delivery of failed) {
      expect(delivery.lastError).toContain('[redacted:alerting.channels.pagerduty.routingKey]');
      expect(delivery.lastError).toContain('[redacted:alerting.channels.slack.webhookUrl]');
      expect(delivery.lastError).not.toContain(ROUTING_KEY);
    }
    const log = lines.join('');
    expect(log).toContain('alert.delivery_gave_up');
    expect(log).not.toContain(ROUTING_KEY);
    expect(log).not.toContain('sl4ckT0ken');
  });
});

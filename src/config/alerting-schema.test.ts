import { describe, expect, it } from 'vitest';
import { validateConfig } from './config-schema.js';
import { resolveConfig } from './resolved-config.js';

const issues = (alerting: unknown) => validateConfig({ alerting }).issues;

describe('alerting config', () => {
  it('resolves channels with defaults, durations in ms and secrets from env vars', () => {
    const { alerting } = resolveConfig(
      {
        alerting: {
          dashboardUrl: 'https://outpost.example.com',
          traceUrl: 'https://grafana.example.com/explore?traceId={traceId}',
          evaluationInterval: '30s',
          renotifyInterval: false,
          delivery: { timeout: '5s', giveUpAfter: '2h' },
          channels: [
            { type: 'alertmanager', url: 'http://alertmanager:9093', labels: { team: 'shop' } },
            { type: 'pagerduty', routingKey: { env: 'PD_ROUTING_KEY' }, severities: ['page'] },
            { type: 'slack', name: 'shop-alerts', webhookUrl: { env: 'SLACK_WEBHOOK_URL' } },
            { type: 'webhook', url: { env: 'HOOK_URL' }, secret: { env: 'HOOK_SECRET' } },
          ],
        },
      },
      { rootDir: '/project' },
    );
    expect(alerting).toEqual({
      channels: [
        { name: 'alertmanager', severities: ['page', 'ticket'], type: 'alertmanager', url: 'http://alertmanager:9093', resendIntervalMs: 60_000, alertname: undefined, labels: { team: 'shop' } },
        { name: 'pagerduty', severities: ['page'], type: 'pagerduty', routingKey: { name: 'alerting.channels.pagerduty.routingKey', env: 'PD_ROUTING_KEY' }, eventsUrl: undefined },
        { name: 'shop-alerts', severities: ['page', 'ticket'], type: 'slack', webhookUrl: { name: 'alerting.channels.shop-alerts.webhookUrl', env: 'SLACK_WEBHOOK_URL' } },
        {
          name: 'webhook',
          severities: ['page', 'ticket'],
          type: 'webhook',
          url: { secret: { name: 'alerting.channels.webhook.url', env: 'HOOK_URL' } },
          secret: { name: 'alerting.channels.webhook.secret', env: 'HOOK_SECRET' },
          headers: {},
        },
      ],
      evaluationIntervalMs: 30_000,
      renotifyIntervalMs: null,
      dashboardUrl: 'https://outpost.example.com',
      traceUrlTemplate: 'https://grafana.example.com/explore?traceId={traceId}',
      delivery: { timeoutMs: 5_000, initialBackoffMs: 5_000, maxBackoffMs: 300_000, giveUpAfterMs: 7_200_000 },
      secrets: [
        { name: 'alerting.channels.pagerduty.routingKey', env: 'PD_ROUTING_KEY', required: true },
        { name: 'alerting.channels.shop-alerts.webhookUrl', env: 'SLACK_WEBHOOK_URL', required: true },
        { name: 'alerting.channels.webhook.url', env: 'HOOK_URL', required: true },
        { name: 'alerting.channels.webhook.secret', env: 'HOOK_SECRET', required: true },
      ],
    });
  });

  it('reports every problem with its path', () => {
    expect(
      issues({
        evaluationInterval: 'often',
        dashboardUrl: 'outpost.example.com',
        traceUrl: 'https://grafana.example.com/explore',
        channels: [
          { type: 'pagerduty', routingKey: 'R0UTING' },
          { type: 'opsgenie' },
          { type: 'slack', webhookUrl: { env: 'SLACK' }, severities: ['critical'] },
          { type: 'alertmanager', url: 'http://am:9093', labels: { 'bad-name': 'x', severity: 'high' }, resendEvery: '1m' },
        ],
      }).map((issue) => issue.path),
    ).toEqual([
      'alerting.channels[0].routingKey',
      'alerting.channels[1].type',
      'alerting.channels[2].severities[0]',
      'alerting.channels[3].resendEvery',
      'alerting.evaluationInterval',
      'alerting.dashboardUrl',
      'alerting.traceUrl',
      'alerting.channels[3].labels.bad-name',
      'alerting.channels[3].labels.severity',
    ]);
  });

  it('needs distinct names for two channels of one type', () => {
    expect(issues({ channels: [{ type: 'slack', webhookUrl: { env: 'A' } }, { type: 'slack', webhookUrl: { env: 'B' } }] })).toEqual([
      { path: 'alerting.channels[1].name', message: 'channel name "slack" is already used by alerting.channels[0]; give each channel of one type its own name' },
    ]);
    expect(issues({ channels: [{ type: 'slack', webhookUrl: { env: 'A' } }, { type: 'slack', name: 'team-b', webhookUrl: { env: 'B' } }] })).toEqual([]);
  });

  it('names what it expected', () => {
    const [routingKey, type] = issues({ channels: [{ type: 'pagerduty', routingKey: 'R0UTING' }, { type: 'opsgenie' }] });
    expect(routingKey?.message).toBe('expected an object, got "R0UTING"');
    expect(type?.message).toBe('expected a channel type: alertmanager, pagerduty, slack or webhook, got "opsgenie"');
  });
});

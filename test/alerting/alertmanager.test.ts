import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertmanagerNotifier } from '../../exporters/alertmanager/index.js';
import { AlertingCycle, type AlertingCycleOptions } from '../../src/alerting/index.js';
import { CHECKOUT_SLO, evaluateRuns, MINUTE, probeRuns } from '../../src/alerting/alerting-test-fixtures.js';
import type { JourneyResult } from '../../src/journey/index.js';
import { SILENT_LOGGER } from '../../src/scheduler/index.js';
import { openStore, type ResultStore } from '../../src/store/index.js';
import { alertmanagerMissingReason, startAlertmanager, type AlertmanagerServer, type GettableAlert } from '../helpers/alertmanager-server.js';
import { freePort } from '../helpers/free-port.js';

if (alertmanagerMissingReason) console.warn(`[alertmanager] skipping the real-Alertmanager tests: ${alertmanagerMissingReason}`);

const SLO = CHECKOUT_SLO;
const DASHBOARD = 'https://outpost.example.com';

describe.skipIf(alertmanagerMissingReason !== undefined)('alert delivery to a real Alertmanager', () => {
  let store: ResultStore;
  let servers: AlertmanagerServer[];
  let runs: JourneyResult[];
  let clock: number;
  // Simulated minutes are placed so that minute 28 (the resolve) is the current minute: Alertmanager
  // judges endsAt against its own clock, and a resolve in its future would still be active.
  const base = Math.floor(Date.now() / MINUTE) * MINUTE - 28 * MINUTE;
  const at = (minutes: number) => base + minutes * MINUTE;

  beforeEach(async () => {
    servers = [];
    store = await openStore(':memory:');
    // Two hours of good runs, then every run fails from minute 0 to minute 22.
    runs = probeRuns({ fromMs: at(-120), toMs: at(29), failing: (minute) => minute >= at(0) && minute < at(22) });
    await store.saveRuns(runs);
  });
  afterEach(async () => {
    await store.close();
    for (const server of servers) await server.stop();
  });

  const cycleFor = (url: string, options: Partial<AlertingCycleOptions> = {}) =>
    new AlertingCycle({
      store,
      channels: [{ name: 'alertmanager', severities: ['page', 'ticket'], notifier: new AlertmanagerNotifier({ url, timeoutMs: 5_000, extraLabels: { team: 'shop' } }), resendIntervalMs: MINUTE }],
      owner: 'replica-1',
      logger: SILENT_LOGGER,
      slos: [{ name: SLO.name, metadata: SLO.metadata }],
      links: { dashboardUrl: DASHBOARD },
      now: () => clock,
      ...options,
    });
  const runAt = (cycle: AlertingCycle, minutes: number) => {
    clock = at(minutes);
    return cycle.run([evaluateRuns(SLO, runs, at(minutes))], at(minutes));
  };
  const start = async (port?: number) => {
    const server = await startAlertmanager({ port });
    servers.push(server);
    return server;
  };
  const ours = (alerts: GettableAlert[], tier: string) => alerts.filter((a) => a.labels.slo === SLO.name && a.labels.tier === tier);

  it('shows the alert while it fires, with its labels and annotations, and drops it after the resolve', async () => {
    const alertmanager = await start();
    const cycle = cycleFor(alertmanager.url);
    const fired = await runAt(cycle, 20);
    expect(fired.delivery).toMatchObject({ delivered: 2, retrying: 0, gaveUp: 0 });

    const active = await alertmanager.waitForAlerts((alerts) => ours(alerts, 'page-1h').length === 1 && ours(alerts, 'ticket-6h').length === 1);
    const [page] = ours(active, 'page-1h');
    const latest = `checkout-us-${at(19)}`;
    expect(page!.labels).toEqual({ alertname: 'OutpostSLOBurnRate', slo: SLO.name, journey: 'checkout', tier: 'page-1h', severity: 'page', team: 'shop' });
    expect(page!.annotations).toMatchObject({
      runbook_url: 'https://runbooks.example.com/checkout',
      burn_rate: '33.3',
      burn_rate_window: '1h',
      failing_step: 'pay',
      last_error: 'expected status 200, got 503',
      run_url: `${DASHBOARD}/runs/${latest}`,
      screenshot_url: `${DASHBOARD}/runs/${latest}/screenshot`,
      trace_id: (at(19) / MINUTE).toString(16).padStart(32, '0'),
      cuj: 'A shopper can pay for a basket',
      owner: 'team-shop',
    });
    expect(page!.annotations.summary).toContain('SLO checkout-availability (journey checkout) burns its error budget at 33.3×');
    expect(page!.status.state).toBe('active');
    expect(Date.parse(page!.startsAt)).toBe(at(20));
    expect(page!.generatorURL).toBe(`${DASHBOARD}/runs/${latest}`);

    // Still failing: re-sent each minute, still one alert per tier.
    for (const minute of [21, 22]) await runAt(cycle, minute);
    expect(ours(await alertmanager.alerts(), 'page-1h')).toHaveLength(1);
    const resends = await store.alerts.queryDeliveries({ channel: 'alertmanager' });
    expect(resends.filter((d) => d.kind === 'resend' && d.status === 'delivered')).toHaveLength(4);

    // Six clean minutes: the page's short window is clear, and the ticket shows early recovery.
    const resolved = await runAt(cycle, 28);
    expect(resolved.notifications).toEqual([
      { slo: SLO.name, tier: 'page-1h', kind: 'resolve' },
      { slo: SLO.name, tier: 'ticket-6h', kind: 'resolve' },
    ]);
    // Alertmanager's API lists active alerts only: the resolved ones are gone.
    const after = await alertmanager.waitForAlerts((alerts) => ours(alerts, 'page-1h').length === 0 && ours(alerts, 'ticket-6h').length === 0);
    expect(after.filter((a) => a.labels.slo === SLO.name)).toEqual([]);
  });

  it('keeps retrying while Alertmanager is down, then delivers every alert once when it is back', async () => {
    const port = await freePort();
    const cycle = cycleFor(`http://127.0.0.1:${port}`);
    const down = await runAt(cycle, 20);
    expect(down.notifications.map((n) => n.kind)).toEqual(['trigger', 'trigger']);
    expect(down.delivery).toMatchObject({ delivered: 0, retrying: 1, released: 1 });
    for (const minute of [21, 22]) expect((await runAt(cycle, minute)).delivery.delivered).toBe(0);
    const waiting = await store.alerts.queryDeliveries({ channel: 'alertmanager' });
    expect(waiting.map((d) => [d.kind, d.status]).sort()).toEqual([
      ['trigger', 'failed-retrying'],
      ['trigger', 'failed-retrying'],
    ]);
    expect(waiting.every((d) => d.lastError === 'request failed: ECONNREFUSED')).toBe(true);

    const alertmanager = await start(port);
    const back = await runAt(cycle, 23);
    expect(back.delivery).toMatchObject({ delivered: 2, retrying: 0 });
    const alerts = await alertmanager.waitForAlerts((all) => ours(all, 'page-1h').length === 1 && ours(all, 'ticket-6h').length === 1);
    expect(ours(alerts, 'page-1h')[0]!.startsAt).toBe(new Date(at(20)).toISOString());
    expect(alerts.filter((a) => a.labels.slo === SLO.name)).toHaveLength(2);

    const outbox = await store.alerts.queryDeliveries({ channel: 'alertmanager' });
    expect(outbox.filter((d) => d.status !== 'delivered')).toEqual([]);
    // Each failed attempt took the channel out for the rest of its cycle: 20 page, 21 ticket, 22 page, 23 both.
    expect(outbox.filter((d) => d.kind === 'trigger').map((d) => d.attempts).sort()).toEqual([2, 3]);

    await runAt(cycle, 28);
    await alertmanager.waitForAlerts((all) => ours(all, 'page-1h').length === 0 && ours(all, 'ticket-6h').length === 0);
  });

  it('drops the alerts of an SLO removed from the config: the resolve carries the labels it fired with', async () => {
    const alertmanager = await start();
    await runAt(cycleFor(alertmanager.url), 20);
    await alertmanager.waitForAlerts((alerts) => ours(alerts, 'page-1h').length === 1 && ours(alerts, 'ticket-6h').length === 1);
    // A restart with a config that no longer has the SLO: nothing evaluates it, yet both alerts close.
    clock = at(28);
    const report = await cycleFor(alertmanager.url, { configuredSlos: [] }).run([], at(28));
    expect(report.notifications.map((n) => [n.tier, n.kind, n.reason]).sort()).toEqual([
      ['page-1h', 'resolve', 'SLO removed from config'],
      ['ticket-6h', 'resolve', 'SLO removed from config'],
    ]);
    expect(report.delivery).toMatchObject({ delivered: 2, retrying: 0, gaveUp: 0 });
    await alertmanager.waitForAlerts((alerts) => ours(alerts, 'page-1h').length === 0 && ours(alerts, 'ticket-6h').length === 0);
  });
});

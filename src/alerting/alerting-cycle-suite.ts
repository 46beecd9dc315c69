import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyResult } from '../journey/index.js';
import type { AlertStore, ResultStore } from '../store/index.js';
import { SILENT_LOGGER } from '../scheduler/index.js';
import { resolveSlo, type SloDefinition } from '../scoring/index.js';
import type { AlertChannel } from './alert-channel.js';
import { AlertingCycle, type AlertingCycleOptions } from './alerting-cycle.js';
import { CHECKOUT_SLO, evaluateRuns, MINUTE, probeRuns, RecordingNotifier, T0 } from './alerting-test-fixtures.js';

/** How the suite reaches one database (see the store contracts). */
export interface CycleHarness {
  reset(): Promise<void>;
  open(): Promise<ResultStore>;
}

const SLO = CHECKOUT_SLO;
/** Another journey's SLO: what a config holds once checkout's SLO was removed from it. */
const SEARCH_SLO: SloDefinition = { ...CHECKOUT_SLO, name: 'search-availability', journey: 'search', metadata: {} };
/** Checkout's SLO with its ticket tier removed. */
const PAGE_ONLY_SLO: SloDefinition = { ...CHECKOUT_SLO, tiers: CHECKOUT_SLO.tiers!.filter((tier) => tier.name === 'page-1h') };
const at = (minutes: number): number => T0 + minutes * MINUTE;
const DASHBOARD = 'https://outpost.example.com';

/** Two hours of good runs, then every run fails from T0 until `outageEnd` minutes after it. */
function timeline(outageEnd: number): JourneyResult[] {
  return probeRuns({ fromMs: at(-120), toMs: at(120), failing: (minute) => minute >= T0 && minute < at(outageEnd) });
}

/**
 * The alerting cycle over one database, as a vitest suite: lifecycle, routing, content, restart,
 * re-notification, outbox retries and ordering. Not used outside tests.
 */
export function describeAlertingCycle(name: string, harness: CycleHarness): void {
  describe(`${name}: the alerting cycle`, () => {
    let opened: ResultStore[] = [];
    let pager: RecordingNotifier;
    let chat: RecordingNotifier;
    let am: RecordingNotifier;
    let clock: number;
    let runs: JourneyResult[];

    const open = async (): Promise<ResultStore> => {
      const store = await harness.open();
      opened.push(store);
      return store;
    };
    const channels = (): AlertChannel[] => [
      { name: 'pager', severities: ['page'], notifier: pager },
      { name: 'chat', severities: ['page', 'ticket'], notifier: chat },
      { name: 'am', severities: ['page', 'ticket'], notifier: am, resendIntervalMs: MINUTE },
    ];
    const cycleOn = (store: ResultStore, options: Partial<AlertingCycleOptions> = {}) =>
      new AlertingCycle({
        store,
        channels: channels(),
        owner: 'replica-1',
        logger: SILENT_LOGGER,
        slos: [{ name: SLO.name, metadata: SLO.metadata }],
        links: { dashboardUrl: `${DASHBOARD}/`, traceUrlTemplate: 'https://traces.example.com/trace/{traceId}' },
        now: () => clock,
        random: () => 0.5,
        ...options,
      });
    const runAt = async (cycle: AlertingCycle, minutes: number) => {
      clock = at(minutes);
      return cycle.run([evaluateRuns(SLO, runs, at(minutes))], at(minutes));
    };
    const startWith = async (outageEnd: number): Promise<ResultStore> => {
      runs = timeline(outageEnd);
      const store = await open();
      await store.saveRuns(runs);
      return store;
    };

    beforeEach(async () => {
      opened = [];
      pager = new RecordingNotifier();
      chat = new RecordingNotifier();
      am = new RecordingNotifier();
      await harness.reset();
    });
    afterEach(async () => {
      for (const store of opened) await store.close();
    });

    describeFiring();
    describeRestart();
    describeDeliveryFailures();
    describeResends();
    describeRemovedSlos();

    function describeFiring(): void {
      it('fires each tier once, routes by severity, and delivers what the responder needs', async () => {
        const store = await startWith(30);
        const report = await runAt(cycleOn(store), 20);
        expect(report.notifications).toEqual([
          { slo: SLO.name, tier: 'page-1h', kind: 'trigger' },
          { slo: SLO.name, tier: 'ticket-6h', kind: 'trigger' },
        ]);
        expect(pager.kinds()).toEqual(['page-1h:trigger']);
        expect(chat.kinds()).toEqual(['page-1h:trigger', 'ticket-6h:trigger']);
        expect(report.delivery).toMatchObject({ delivered: 5, retrying: 0, gaveUp: 0 });

        const message = pager.received[0]!.message;
        const latest = `checkout-us-${at(19)}`;
        expect(message).toMatchObject({
          state: 'firing',
          dedupKey: 'outpost/slo/checkout-availability/page-1h',
          journey: 'checkout',
          cuj: { id: 'buy', description: 'A shopper can pay for a basket' },
          severity: 'page',
          firingSince: new Date(at(20)).toISOString(),
          runbookUrl: 'https://runbooks.example.com/checkout',
          owner: 'team-shop',
          failingStep: { name: 'pay', failures: 40, lastError: 'expected status 200, got 503' },
          failedRuns: 40,
          latestFailedRun: {
            id: latest,
            location: 'us',
            traceId: (at(19) / MINUTE).toString(16).padStart(32, '0'),
            url: `${DASHBOARD}/runs/${latest}`,
            screenshotUrl: `${DASHBOARD}/runs/${latest}/screenshot`,
            traceUrl: `https://traces.example.com/trace/${(at(19) / MINUTE).toString(16).padStart(32, '0')}`,
          },
          long: { window: '1h', events: 120, bad: 40 },
          short: { window: '5m', events: 10, bad: 10 },
        });
        const evaluation = evaluateRuns(SLO, runs, at(20));
        expect(message.long.burnRate).toBeCloseTo(40 / 120 / 0.01, 6);
        expect(message.budgetRemaining).toBeCloseTo(evaluation.budget.ratio.remaining, 9);
        expect(message.summary).toContain('33.3×');

        const deliveries = await store.alerts.queryDeliveries();
        expect(deliveries.map((d) => [d.channel, d.status])).toHaveLength(5);
        expect(deliveries.every((d) => d.status === 'delivered' && d.attempts === 1)).toBe(true);
        const episodes = await store.alerts.queryEpisodes();
        expect(episodes.map((e) => [e.tier, e.firingSinceMs, e.resolvedAtMs]).sort()).toEqual([
          ['page-1h', at(20), null],
          ['ticket-6h', at(20), null],
        ]);
        expect(episodes.find((e) => e.tier === 'page-1h')?.fired.burnRate).toBeCloseTo(40 / 120 / 0.01, 6);
      });

      it('re-notifies at the configured interval while firing, and resolves when the short window recovers', async () => {
        const store = await startWith(40);
        const cycle = cycleOn(store, { lifecycle: { renotifyIntervalMs: 15 * MINUTE } });
        for (const minute of [20, 25, 34, 35, 40, 44, 45]) await runAt(cycle, minute);
        expect(pager.kinds()).toEqual(['page-1h:trigger', 'page-1h:renotify', 'page-1h:resolve']);
        expect(pager.received.map((n) => n.message.evaluatedAt)).toEqual([at(20), at(35), at(45)].map((ms) => new Date(ms).toISOString()));
        const page = (await store.alerts.queryEpisodes({ slo: SLO.name })).find((e) => e.tier === 'page-1h');
        expect(page).toMatchObject({ firingSinceMs: at(20), resolvedAtMs: at(45) });
        expect(page!.peakBurnRate).toBeGreaterThanOrEqual(page!.fired.burnRate!);
        const resolve = pager.received[2]!.message;
        expect(resolve).toMatchObject({ state: 'resolved', kind: 'resolve', resolvedAt: new Date(at(45)).toISOString(), firingSince: new Date(at(20)).toISOString() });
      });
    }

    function describeRestart(): void {
      it('does not fire again after a restart, and still resolves later', async () => {
        const first = await startWith(22);
        await runAt(cycleOn(first), 20);
        await first.close();

        // A new process: a new store connection and a new cycle, with no memory of the first.
        const second = await open();
        const cycle = cycleOn(second);
        for (const minute of [21, 22, 25]) expect((await runAt(cycle, minute)).notifications).toEqual([]);
        expect(pager.kinds()).toEqual(['page-1h:trigger']);
        const resolved = await runAt(cycle, 28);
        // Six clean minutes: the 1h tier's 5m short window is clear, and the 12 good runs after
        // an all-failing stretch show the 6h ticket's recovery too (its 30m window is not clear yet).
        expect(resolved.notifications).toEqual([
          { slo: SLO.name, tier: 'page-1h', kind: 'resolve' },
          { slo: SLO.name, tier: 'ticket-6h', kind: 'resolve' },
        ]);
        expect(pager.kinds()).toEqual(['page-1h:trigger', 'page-1h:resolve']);
        expect(pager.received[1]!.message.firingSince).toBe(new Date(at(20)).toISOString());
        const states = await second.alerts.loadStates();
        expect(states.find((s) => s.tier === 'page-1h')).toMatchObject({ status: 'resolved', firingSinceMs: at(20), resolvedAtMs: at(28) });
      });

      it('records nothing when another replica changed the state since it was read', async () => {
        const store = await startWith(30);
        const stale = await store.alerts.loadStates();
        await runAt(cycleOn(store), 20);
        const lagging: AlertStore = Object.assign(Object.create(store.alerts) as AlertStore, { loadStates: async () => stale });
        const laggingStore = { alerts: lagging, queryRuns: store.queryRuns.bind(store) };
        const report = await runAt(cycleOn(store, { store: laggingStore, owner: 'replica-2' }), 21);
        expect(report.conflict).toBe(true);
        expect(report.enqueued).toBe(0);
        expect(pager.kinds()).toEqual(['page-1h:trigger']);
        expect(await store.alerts.queryDeliveries({ channel: 'pager' })).toHaveLength(1);
      });
    }

    function describeDeliveryFailures(): void {
      it('retries a failed delivery with backoff, under the same notification id, until the receiver takes it', async () => {
        const store = await startWith(30);
        const cycle = cycleOn(store);
        pager.next = () => ({ status: 'retryable', error: 'HTTP 503: upstream down' });
        await runAt(cycle, 20);
        const [failed] = await store.alerts.queryDeliveries({ channel: 'pager' });
        // Equal jitter with random() = 0.5: three quarters of the 5 s initial backoff.
        expect(failed).toMatchObject({ status: 'failed-retrying', attempts: 1, lastError: 'HTTP 503: upstream down', nextAttemptAtMs: at(20) + 3_750 });
        expect(chat.kinds()).toEqual(['page-1h:trigger', 'ticket-6h:trigger']);

        pager.next = () => ({ status: 'success' });
        await runAt(cycle, 21);
        expect(pager.received.map((n) => n.id)).toEqual([failed!.id, failed!.id]);
        expect((await store.alerts.queryDeliveries({ channel: 'pager' }))[0]).toMatchObject({ status: 'delivered', attempts: 2, deliveredAtMs: at(21) });
        expect(chat.received).toHaveLength(2);
      });

      it('gives up at once on a rejected delivery', async () => {
        const store = await startWith(30);
        const cycle = cycleOn(store);
        pager.next = () => ({ status: 'failure', error: 'HTTP 400: invalid routing key' });
        await runAt(cycle, 20);
        await runAt(cycle, 30);
        expect(pager.received).toHaveLength(1);
        expect((await store.alerts.queryDeliveries({ channel: 'pager' }))[0]).toMatchObject({ status: 'gave-up', attempts: 1, lastError: 'HTTP 400: invalid routing key' });
      });

      it('keeps a resolve behind its undelivered trigger, and delivers both in order once the receiver is back', async () => {
        const store = await startWith(22);
        const cycle = cycleOn(store);
        pager.next = () => ({ status: 'retryable', error: 'request failed: ECONNREFUSED' });
        await runAt(cycle, 20);
        await runAt(cycle, 28);
        expect(pager.kinds()).toEqual(['page-1h:trigger', 'page-1h:trigger']);
        pager.next = () => ({ status: 'success' });
        clock = at(30);
        await runAt(cycle, 30);
        expect(pager.kinds()).toEqual(['page-1h:trigger', 'page-1h:trigger', 'page-1h:trigger', 'page-1h:resolve']);
        const summary = (await store.alerts.summarizeDeliveries()).find((s) => s.channel === 'pager');
        expect(summary?.counts).toEqual({ pending: 0, 'failed-retrying': 0, delivered: 2, 'gave-up': 0 });
      });
    }

    function describeResends(): void {
      it('re-sends firing alerts at the channel interval, never piling up while the receiver is down', async () => {
        const store = await startWith(60);
        const cycle = cycleOn(store);
        for (const minute of [20, 21, 22]) await runAt(cycle, minute);
        expect(am.kinds()).toEqual(['page-1h:trigger', 'ticket-6h:trigger', 'page-1h:resend', 'ticket-6h:resend', 'page-1h:resend', 'ticket-6h:resend']);
        expect(pager.kinds()).toEqual(['page-1h:trigger']);

        am.next = () => ({ status: 'retryable', error: 'request failed: ECONNREFUSED', retryInMs: 10 * MINUTE });
        for (let minute = 23; minute <= 30; minute++) await runAt(cycle, minute);
        const waiting = await store.alerts.queryDeliveries({ channel: 'am', status: ['pending', 'failed-retrying'] });
        expect(waiting.map((d) => d.kind).sort()).toEqual(['resend', 'resend']);
        am.next = () => ({ status: 'success' });
        await runAt(cycle, 34);
        expect(await store.alerts.queryDeliveries({ channel: 'am', status: ['pending', 'failed-retrying'] })).toEqual([]);
      });

      it('deletes finished deliveries once they are older than kept, at most hourly', async () => {
        const store = await startWith(60);
        const cycle = cycleOn(store, { keepDeliveriesMs: 10 * MINUTE });
        for (const minute of [20, 21, 22]) expect((await runAt(cycle, minute)).pruned).toBe(0);
        const before = await store.alerts.queryDeliveries();
        expect(before).toHaveLength(9);
        // Hourly: the next pruning pass comes at minute 80; by then the rows of minutes 20 to 22 are old.
        am.next = () => ({ status: 'retryable', error: 'down' });
        expect((await runAt(cycle, 79)).pruned).toBe(0);
        const report = await runAt(cycle, 80);
        expect(report.pruned).toBe(9);
        const left = await store.alerts.queryDeliveries();
        expect(left.every((d) => d.status !== 'delivered' || d.createdAtMs >= at(70))).toBe(true);
        expect(left.filter((d) => d.status === 'failed-retrying' || d.status === 'pending').length).toBeGreaterThan(0);
      });
    }

    function describeRemovedSlos(): void {
      /** Fires checkout's page and ticket alerts at minute 20 (the outage lasts an hour). */
      const fireCheckout = async (): Promise<ResultStore> => {
        const store = await startWith(60);
        await runAt(cycleOn(store, { configuredSlos: [resolveSlo(SLO)] }), 20);
        expect(pager.kinds()).toEqual(['page-1h:trigger']);
        return store;
      };
      const runOnly = (cycle: AlertingCycle, definition: SloDefinition, minutes: number) => {
        clock = at(minutes);
        return cycle.run([evaluateRuns(definition, runs, at(minutes))], at(minutes));
      };

      it('resolves the firing alerts of an SLO removed from the config, through the outbox, saying why', async () => {
        const store = await fireCheckout();
        // The config changed: checkout's SLO is gone, only search's is left and evaluated.
        const cycle = cycleOn(store, { configuredSlos: [resolveSlo(SEARCH_SLO)] });
        const report = await runOnly(cycle, SEARCH_SLO, 21);
        expect(report.notifications.sort((a, b) => a.tier.localeCompare(b.tier))).toEqual([
          { slo: SLO.name, tier: 'page-1h', kind: 'resolve', reason: 'SLO removed from config' },
          { slo: SLO.name, tier: 'ticket-6h', kind: 'resolve', reason: 'SLO removed from config' },
        ]);
        expect(pager.kinds()).toEqual(['page-1h:trigger', 'page-1h:resolve']);
        expect(chat.kinds().filter((k) => k.endsWith(':resolve')).sort()).toEqual(['page-1h:resolve', 'ticket-6h:resolve']);
        expect(am.kinds().filter((k) => k.endsWith(':resolve')).sort()).toEqual(['page-1h:resolve', 'ticket-6h:resolve']);
        const resolve = pager.received[1]!.message;
        expect(resolve).toMatchObject({
          kind: 'resolve',
          state: 'resolved',
          reason: 'SLO removed from config',
          dedupKey: 'outpost/slo/checkout-availability/page-1h',
          slo: SLO.name,
          journey: 'checkout',
          tier: 'page-1h',
          severity: 'page',
          firingSince: new Date(at(20)).toISOString(),
          resolvedAt: new Date(at(21)).toISOString(),
          runbookUrl: 'https://runbooks.example.com/checkout',
          objective: null,
          long: { window: '1h' },
        });
        expect(resolve.summary).toBe('Resolved: SLO checkout-availability (journey checkout) was removed from the config; the alert is closed without a recovery');
        const states = await store.alerts.loadStates();
        expect(states.map((s) => [s.tier, s.status, s.resolvedAtMs]).sort()).toEqual([
          ['page-1h', 'resolved', at(21)],
          ['ticket-6h', 'resolved', at(21)],
        ]);
        const episodes = await store.alerts.queryEpisodes({ slo: SLO.name });
        expect(episodes.map((e) => [e.tier, e.resolvedAtMs]).sort()).toEqual([
          ['page-1h', at(21)],
          ['ticket-6h', at(21)],
        ]);
        expect(episodes.find((e) => e.tier === 'page-1h')!.last.burnRate).toBeCloseTo(40 / 120 / 0.01, 6);
        // Resolved once: later cycles say nothing more about it.
        expect((await runOnly(cycle, SEARCH_SLO, 22)).notifications).toEqual([]);
        expect(pager.kinds()).toEqual(['page-1h:trigger', 'page-1h:resolve']);
      });

      it('resolves a tier removed from an SLO that stays, and leaves the SLO\'s other tiers alone', async () => {
        const store = await fireCheckout();
        const report = await runOnly(cycleOn(store, { configuredSlos: [resolveSlo(PAGE_ONLY_SLO)] }), PAGE_ONLY_SLO, 21);
        expect(report.notifications).toEqual([{ slo: SLO.name, tier: 'ticket-6h', kind: 'resolve', reason: 'alert tier removed from the SLO in config' }]);
        expect(chat.kinds()).toEqual(['page-1h:trigger', 'ticket-6h:trigger', 'ticket-6h:resolve']);
        expect(chat.received[2]!.message).toMatchObject({ severity: 'ticket', reason: 'alert tier removed from the SLO in config' });
        expect(pager.kinds()).toEqual(['page-1h:trigger']);
        const states = await store.alerts.loadStates();
        expect(states.map((s) => [s.tier, s.status]).sort()).toEqual([
          ['page-1h', 'firing'],
          ['ticket-6h', 'resolved'],
        ]);
      });

      it('leaves alone the alerts of SLOs it did not evaluate when it cannot see the whole config, or when the config still has them', async () => {
        const store = await fireCheckout();
        // A partial view (e.g. serve running only some journeys with default SLOs): no configuredSlos.
        const partial = cycleOn(store);
        for (const minute of [21, 30]) expect((await runOnly(partial, SEARCH_SLO, minute)).notifications).toEqual([]);
        // The whole config still defines checkout's SLO, but this cycle evaluated only search's.
        const subset = cycleOn(store, { configuredSlos: [resolveSlo(SLO), resolveSlo(SEARCH_SLO)] });
        expect((await runOnly(subset, SEARCH_SLO, 31)).notifications).toEqual([]);
        // An SLO evaluated in the cycle follows its evaluation, even when missing from configuredSlos.
        expect((await runOnly(cycleOn(store, { configuredSlos: [] }), SLO, 32)).notifications).toEqual([]);
        expect(pager.kinds()).toEqual(['page-1h:trigger']);
        expect((await store.alerts.loadStates()).map((s) => s.status)).toEqual(['firing', 'firing']);
        expect((await store.alerts.queryEpisodes({ slo: SLO.name })).every((e) => e.resolvedAtMs === null)).toBe(true);
      });
    }
  });
}

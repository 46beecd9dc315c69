import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertStore, AlertTransitions, NewDelivery, StoredAlertState } from './alert-store.js';
import type { ResultStore } from './result-store.js';

/** How the contract reaches one implementation's database (see result-store-contract.ts). */
export interface AlertStoreHarness {
  reset(): Promise<void>;
  open(): Promise<ResultStore>;
}

const T0 = Date.UTC(2025, 4, 1, 12, 0, 0);
const KEY = 'outpost/slo/checkout/page-1h';

type State = Omit<StoredAlertState, 'version'>;

function firing(overrides: Partial<State> = {}): State {
  return {
    slo: 'checkout',
    tier: 'page-1h',
    dedupKey: KEY,
    status: 'firing',
    firingSinceMs: T0,
    resolvedAtMs: null,
    lastNotifiedAtMs: T0,
    lastEvaluatedAtMs: T0,
    ...overrides,
  };
}

function delivery(id: string, overrides: Partial<NewDelivery> = {}): NewDelivery {
  return {
    id,
    dedupKey: KEY,
    channel: 'pagerduty',
    kind: 'trigger',
    severity: 'page',
    createdAtMs: T0,
    message: { summary: `message ${id}`, nested: { burnRate: 20.5 } },
    ...overrides,
  };
}

const noChanges: AlertTransitions = { states: [], episodes: [], deliveries: [] };
const claim = (store: AlertStore, owner = 'replica-a', nowMs = T0, channels = ['pagerduty', 'slack']) =>
  store.claimDeliveries({ owner, nowMs, leaseMs: 60_000, limit: 100, channels });
const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id).sort();

/**
 * The behaviour of `ResultStore.alerts` on every database, as a vitest suite: alert states with
 * versioned writes, alert history, and the outbox (claims, order per alert and channel, retries).
 * Not used outside tests.
 */
export function describeAlertStoreContract(name: string, harness: AlertStoreHarness): void {
  describe(`${name}: the AlertStore contract`, () => {
    let opened: ResultStore[] = [];
    const open = async (): Promise<AlertStore> => {
      const store = await harness.open();
      opened.push(store);
      return store.alerts;
    };
    beforeEach(async () => {
      opened = [];
      await harness.reset();
    });
    afterEach(async () => {
      for (const store of opened) await store.close();
    });

    describeStates(open);
    describeEpisodes(open);
    describeOutbox(open);
    describeClaims(open);
    describeStatusViews(open);
  });
}

type Open = () => Promise<AlertStore>;

function describeStates(open: Open): void {
  describe('alert states', () => {
    it('starts with no states, and keeps written ones across a re-open with their version', async () => {
      const store = await open();
      expect(await store.loadStates()).toEqual([]);
      await store.recordTransitions({ ...noChanges, states: [{ state: firing(), expectedVersion: null }] });
      const reopened = await open();
      expect(await reopened.loadStates()).toEqual([{ ...firing(), version: 1 }]);
    });

    it('updates a state written at the version it names, and bumps the version', async () => {
      const store = await open();
      await store.recordTransitions({ ...noChanges, states: [{ state: firing(), expectedVersion: null }] });
      const resolved = firing({ status: 'resolved', resolvedAtMs: T0 + 60_000, lastEvaluatedAtMs: T0 + 60_000 });
      expect(await store.recordTransitions({ ...noChanges, states: [{ state: resolved, expectedVersion: 1 }] })).toEqual({ status: 'recorded', enqueued: 0 });
      expect(await store.loadStates()).toEqual([{ ...resolved, version: 2 }]);
    });

    it('refuses a stale version and writes nothing of that call, deliveries included', async () => {
      const store = await open();
      await store.recordTransitions({ ...noChanges, states: [{ state: firing(), expectedVersion: null }] });
      const other = firing({ tier: 'ticket-24h', dedupKey: 'outpost/slo/checkout/ticket-24h' });
      const outcome = await store.recordTransitions({
        states: [
          { state: other, expectedVersion: null },
          { state: firing({ status: 'resolved' }), expectedVersion: 7 },
        ],
        episodes: [],
        deliveries: [delivery('d1')],
      });
      expect(outcome).toEqual({ status: 'conflict', slo: 'checkout', tier: 'page-1h' });
      expect(await store.loadStates()).toEqual([{ ...firing(), version: 1 }]);
      expect(await store.queryDeliveries()).toEqual([]);
    });

    it('refuses to create a state another writer created first', async () => {
      const first = await open();
      const second = await open();
      await first.recordTransitions({ ...noChanges, states: [{ state: firing(), expectedVersion: null }] });
      const outcome = await second.recordTransitions({ ...noChanges, states: [{ state: firing({ firingSinceMs: T0 + 1 }), expectedVersion: null }] });
      expect(outcome.status).toBe('conflict');
      expect((await second.loadStates())[0]?.firingSinceMs).toBe(T0);
    });
  });
}

function describeEpisodes(open: Open): void {
  describe('alert history', () => {
    const episode = (id: string, slo: string, firingSinceMs: number) => ({
      kind: 'open' as const,
      episode: {
        id,
        dedupKey: `outpost/slo/${slo}/page-1h`,
        slo,
        journey: `${slo}-journey`,
        tier: 'page-1h',
        severity: 'page',
        firingSinceMs,
        fired: { burnRate: 20, budgetRemaining: 0.9 },
        details: { failingStep: { name: 'pay', failures: 3, lastError: 'HTTP 503' } },
      },
    });

    it('opens an episode, follows its peak burn rate and closes it', async () => {
      const store = await open();
      await store.recordTransitions({ ...noChanges, episodes: [episode('e1', 'checkout', T0)] });
      await store.recordTransitions({ ...noChanges, episodes: [{ kind: 'update', id: 'e1', atMs: T0 + 60_000, reading: { burnRate: 35.5, budgetRemaining: 0.8 } }] });
      await store.recordTransitions({ ...noChanges, episodes: [{ kind: 'update', id: 'e1', atMs: T0 + 120_000, reading: { burnRate: 10, budgetRemaining: 0.75 } }] });
      const open1 = await store.queryEpisodes();
      expect(open1).toEqual([
        {
          id: 'e1',
          dedupKey: 'outpost/slo/checkout/page-1h',
          slo: 'checkout',
          journey: 'checkout-journey',
          tier: 'page-1h',
          severity: 'page',
          firingSinceMs: T0,
          resolvedAtMs: null,
          fired: { burnRate: 20, budgetRemaining: 0.9 },
          peakBurnRate: 35.5,
          last: { burnRate: 10, budgetRemaining: 0.75 },
          updatedAtMs: T0 + 120_000,
          details: { failingStep: { name: 'pay', failures: 3, lastError: 'HTTP 503' } },
        },
      ]);
      await store.recordTransitions({ ...noChanges, episodes: [{ kind: 'close', id: 'e1', atMs: T0 + 180_000, reading: { burnRate: null, budgetRemaining: 0.74 } }] });
      const [closed] = await store.queryEpisodes();
      expect(closed).toMatchObject({ resolvedAtMs: T0 + 180_000, peakBurnRate: 35.5, last: { burnRate: null, budgetRemaining: 0.74 } });
    });

    it('lists episodes overlapping a range, newest first, per SLO', async () => {
      const store = await open();
      await store.recordTransitions({
        ...noChanges,
        episodes: [episode('old', 'checkout', T0), episode('new', 'checkout', T0 + 3_600_000), episode('search', 'search', T0 + 1_000)],
      });
      await store.recordTransitions({ ...noChanges, episodes: [{ kind: 'close', id: 'old', atMs: T0 + 600_000, reading: { burnRate: 0, budgetRemaining: 0.9 } }] });
      expect((await store.queryEpisodes()).map((e) => e.id)).toEqual(['new', 'search', 'old']);
      expect((await store.queryEpisodes({ slo: 'checkout' })).map((e) => e.id)).toEqual(['new', 'old']);
      // `old` ended before the range; the still-open ones overlap it.
      expect((await store.queryEpisodes({ fromMs: T0 + 1_200_000 })).map((e) => e.id)).toEqual(['new', 'search']);
      expect((await store.queryEpisodes({ toMs: T0 + 1_000 })).map((e) => e.id)).toEqual(['old']);
      expect((await store.queryEpisodes({ limit: 1 })).map((e) => e.id)).toEqual(['new']);
    });

    it('keeps the first opening when the same episode is opened again', async () => {
      const store = await open();
      await store.recordTransitions({ ...noChanges, episodes: [episode('e1', 'checkout', T0)] });
      const again = episode('e1', 'checkout', T0);
      again.episode.fired = { burnRate: 99, budgetRemaining: 0 };
      await store.recordTransitions({ ...noChanges, episodes: [again] });
      expect((await store.queryEpisodes())[0]?.fired).toEqual({ burnRate: 20, budgetRemaining: 0.9 });
    });
  });
}

function describeOutbox(open: Open): void {
  describe('outbox', () => {
    it('enqueues deliveries as pending and due at once, with their message', async () => {
      const store = await open();
      const outcome = await store.recordTransitions({ ...noChanges, deliveries: [delivery('d1'), delivery('d2', { channel: 'slack' })] });
      expect(outcome).toEqual({ status: 'recorded', enqueued: 2 });
      const [slack, pagerduty] = await store.queryDeliveries();
      expect(pagerduty).toEqual({
        id: 'd1',
        dedupKey: KEY,
        channel: 'pagerduty',
        kind: 'trigger',
        severity: 'page',
        createdAtMs: T0,
        status: 'pending',
        attempts: 0,
        nextAttemptAtMs: T0,
        lastAttemptAtMs: null,
        deliveredAtMs: null,
        lastError: null,
        lastErrorAtMs: null,
        message: { summary: 'message d1', nested: { burnRate: 20.5 } },
      });
      expect(slack?.id).toBe('d2');
    });

    it('skips an only-if-idle delivery while the channel has one undelivered for the alert', async () => {
      const store = await open();
      await store.recordTransitions({ ...noChanges, deliveries: [delivery('d1', { channel: 'alertmanager' })] });
      const resend = delivery('r1', { channel: 'alertmanager', kind: 'resend', onlyIfIdle: true, createdAtMs: T0 + 60_000 });
      expect(await store.recordTransitions({ ...noChanges, deliveries: [resend] })).toEqual({ status: 'recorded', enqueued: 0 });
      const [claimed] = await claim(store, 'a', T0, ['alertmanager']);
      await store.completeDelivery(claimed!.id, 'a', { status: 'delivered', atMs: T0 + 1 });
      expect(await store.recordTransitions({ ...noChanges, deliveries: [{ ...resend, id: 'r2' }] })).toEqual({ status: 'recorded', enqueued: 1 });
      expect(ids(await store.queryDeliveries({ channel: 'alertmanager' }))).toEqual(['d1', 'r2']);
    });

    it('records a retryable failure with its error and next attempt, then the success', async () => {
      const store = await open();
      await store.recordTransitions({ ...noChanges, deliveries: [delivery('d1')] });
      const [first] = await claim(store);
      expect(await store.completeDelivery(first!.id, 'replica-a', { status: 'failed-retrying', atMs: T0 + 5, error: 'HTTP 503', nextAttemptAtMs: T0 + 10_000 })).toBe(true);
      expect(await claim(store, 'replica-a', T0 + 9_999)).toEqual([]);
      const [second] = await claim(store, 'replica-a', T0 + 10_000);
      expect(second).toMatchObject({ id: 'd1', status: 'failed-retrying', attempts: 1, lastError: 'HTTP 503', lastErrorAtMs: T0 + 5, lastAttemptAtMs: T0 + 5 });
      await store.completeDelivery('d1', 'replica-a', { status: 'delivered', atMs: T0 + 10_050 });
      const [done] = await store.queryDeliveries();
      expect(done).toMatchObject({ status: 'delivered', attempts: 2, deliveredAtMs: T0 + 10_050, lastError: 'HTTP 503', lastErrorAtMs: T0 + 5 });
      expect(await claim(store, 'replica-a', T0 + 1_000_000)).toEqual([]);
    });

    it('never claims a delivery it gave up on', async () => {
      const store = await open();
      await store.recordTransitions({ ...noChanges, deliveries: [delivery('d1')] });
      await claim(store);
      await store.completeDelivery('d1', 'replica-a', { status: 'gave-up', atMs: T0 + 5, error: 'HTTP 400: invalid routing key' });
      expect(await claim(store, 'replica-a', T0 + 10_000_000)).toEqual([]);
      expect((await store.queryDeliveries())[0]).toMatchObject({ status: 'gave-up', attempts: 1, lastError: 'HTTP 400: invalid routing key' });
    });

    it('deletes old finished deliveries only', async () => {
      const store = await open();
      await store.recordTransitions({
        ...noChanges,
        deliveries: [delivery('done'), delivery('waiting', { channel: 'slack' }), delivery('recent', { channel: 'webhook', createdAtMs: T0 + 100 })],
      });
      await claim(store, 'a', T0 + 200, ['pagerduty', 'webhook']);
      await store.completeDelivery('done', 'a', { status: 'delivered', atMs: T0 + 1 });
      await store.completeDelivery('recent', 'a', { status: 'delivered', atMs: T0 + 201 });
      expect(await store.deleteDeliveriesBefore(T0 + 100, 10)).toBe(1);
      expect(ids(await store.queryDeliveries())).toEqual(['recent', 'waiting']);
    });
  });
}

function describeClaims(open: Open): void {
  describe('claims', () => {
    it('hands a claimed delivery to no one else until its claim expires', async () => {
      const store = await open();
      await store.recordTransitions({ ...noChanges, deliveries: [delivery('d1')] });
      expect(ids(await claim(store, 'replica-a'))).toEqual(['d1']);
      expect(await claim(store, 'replica-b', T0 + 59_999)).toEqual([]);
      // replica-a died: its claim expired, replica-b takes over; replica-a can no longer complete.
      expect(ids(await claim(store, 'replica-b', T0 + 60_000))).toEqual(['d1']);
      expect(await store.completeDelivery('d1', 'replica-a', { status: 'delivered', atMs: T0 + 60_001 })).toBe(false);
      expect(await store.completeDelivery('d1', 'replica-b', { status: 'delivered', atMs: T0 + 60_002 })).toBe(true);
      expect((await store.queryDeliveries())[0]).toMatchObject({ status: 'delivered', deliveredAtMs: T0 + 60_002, attempts: 1 });
    });

    it('gives released deliveries back untried', async () => {
      const store = await open();
      await store.recordTransitions({ ...noChanges, deliveries: [delivery('d1')] });
      await claim(store, 'replica-a');
      await store.releaseDeliveries(['d1'], 'replica-b');
      expect(await claim(store, 'replica-b')).toEqual([]);
      await store.releaseDeliveries(['d1'], 'replica-a');
      expect(await claim(store, 'replica-b')).toMatchObject([{ id: 'd1', attempts: 0, status: 'pending' }]);
    });

    it('delivers one alert to one channel in order: a resolve waits for its trigger', async () => {
      const store = await open();
      await store.recordTransitions({ ...noChanges, deliveries: [delivery('trigger'), delivery('trigger-slack', { channel: 'slack' })] });
      await store.recordTransitions({
        ...noChanges,
        deliveries: [delivery('resolve', { kind: 'resolve', createdAtMs: T0 + 60_000 }), delivery('other-alert', { dedupKey: 'outpost/slo/search/page-1h', createdAtMs: T0 + 60_000 })],
      });
      const first = await claim(store, 'a', T0 + 60_000);
      expect(ids(first)).toEqual(['other-alert', 'trigger', 'trigger-slack']);
      await store.completeDelivery('trigger', 'a', { status: 'failed-retrying', atMs: T0 + 60_001, error: 'timeout', nextAttemptAtMs: T0 + 70_000 });
      // The trigger failed and waits for its retry: the resolve, although due, must not overtake it.
      expect(await claim(store, 'a', T0 + 65_000)).toEqual([]);
      expect(ids(await claim(store, 'a', T0 + 70_000))).toEqual(['trigger']);
      await store.completeDelivery('trigger', 'a', { status: 'delivered', atMs: T0 + 70_001 });
      expect(ids(await claim(store, 'a', T0 + 70_001))).toEqual(['resolve']);
    });

    it('orders deliveries of one write by their position in it', async () => {
      const store = await open();
      await store.recordTransitions({ ...noChanges, deliveries: [delivery('z-trigger'), delivery('a-resolve', { kind: 'resolve' })] });
      expect(ids(await claim(store))).toEqual(['z-trigger']);
    });

    it('claims only the channels asked for, and at most the limit', async () => {
      const store = await open();
      await store.recordTransitions({
        ...noChanges,
        deliveries: ['a', 'b', 'c'].map((slo) => delivery(`d-${slo}`, { dedupKey: `outpost/slo/${slo}/page-1h`, channel: 'webhook' })),
      });
      expect(await claim(store, 'a', T0, ['slack'])).toEqual([]);
      expect(await claim(store, 'a', T0, [])).toEqual([]);
      const some = await store.claimDeliveries({ owner: 'a', nowMs: T0, leaseMs: 1000, limit: 2, channels: ['webhook'] });
      expect(some).toHaveLength(2);
    });

    it('splits due deliveries between concurrent claimers, each to exactly one', async () => {
      const first = await open();
      const second = await open();
      const deliveries = Array.from({ length: 40 }, (_, i) => delivery(`d${i}`, { dedupKey: `outpost/slo/s${i}/page-1h` }));
      await first.recordTransitions({ ...noChanges, deliveries });
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 === 0 ? first : second).claimDeliveries({ owner: `r${i}`, nowMs: T0, leaseMs: 60_000, limit: 7, channels: ['pagerduty'] }),
        ),
      );
      const all = claims.flat().map((d) => d.id);
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBe(40);
    });
  });
}

function describeStatusViews(open: Open): void {
  describe('delivery status', () => {
    it('filters deliveries by status, channel, alert and time, newest first', async () => {
      const store = await open();
      await store.recordTransitions({
        ...noChanges,
        deliveries: [
          delivery('d1'),
          delivery('d2', { channel: 'slack', createdAtMs: T0 + 1 }),
          delivery('d3', { dedupKey: 'outpost/slo/search/page-1h', createdAtMs: T0 + 2 }),
        ],
      });
      await claim(store, 'a', T0 + 10);
      await store.completeDelivery('d1', 'a', { status: 'delivered', atMs: T0 + 11 });
      expect((await store.queryDeliveries()).map((d) => d.id)).toEqual(['d3', 'd2', 'd1']);
      expect(ids(await store.queryDeliveries({ status: 'pending' }))).toEqual(['d2', 'd3']);
      expect(ids(await store.queryDeliveries({ status: ['delivered', 'gave-up'] }))).toEqual(['d1']);
      expect(await store.queryDeliveries({ status: [] })).toEqual([]);
      expect(ids(await store.queryDeliveries({ channel: 'pagerduty' }))).toEqual(['d1', 'd3']);
      expect(ids(await store.queryDeliveries({ dedupKey: KEY }))).toEqual(['d1', 'd2']);
      expect(ids(await store.queryDeliveries({ fromMs: T0 + 1 }))).toEqual(['d2', 'd3']);
      expect((await store.queryDeliveries({ limit: 1 })).map((d) => d.id)).toEqual(['d3']);
    });

    it('summarises each channel: counts per status, last success and last error', async () => {
      const store = await open();
      expect(await store.summarizeDeliveries()).toEqual([]);
      await store.recordTransitions({
        ...noChanges,
        deliveries: [delivery('d1'), delivery('d2', { dedupKey: 'x' }), delivery('d3', { dedupKey: 'y' }), delivery('s1', { channel: 'slack' })],
      });
      await claim(store, 'a', T0);
      await store.completeDelivery('d1', 'a', { status: 'delivered', atMs: T0 + 1 });
      await store.completeDelivery('d2', 'a', { status: 'failed-retrying', atMs: T0 + 2, error: 'HTTP 502', nextAttemptAtMs: T0 + 1000 });
      await store.completeDelivery('d3', 'a', { status: 'gave-up', atMs: T0 + 3, error: 'HTTP 400' });
      await store.releaseDeliveries(['s1'], 'a');
      expect(await store.summarizeDeliveries()).toEqual([
        {
          channel: 'pagerduty',
          counts: { pending: 0, 'failed-retrying': 1, delivered: 1, 'gave-up': 1 },
          lastDeliveredAtMs: T0 + 1,
          lastError: { atMs: T0 + 3, error: 'HTTP 400', deliveryId: 'd3' },
        },
        { channel: 'slack', counts: { pending: 1, 'failed-retrying': 0, delivered: 0, 'gave-up': 0 }, lastDeliveredAtMs: null, lastError: null },
      ]);
    });
  });
}

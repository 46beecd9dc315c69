import type { Logger } from '../scheduler/index.js';
import type { AlertStore, Delivery, DeliveryOutcome } from '../store/index.js';
import type { AlertChannel } from './alert-channel.js';
import type { AlertMessage } from './alert-message.js';
import { DEFAULT_DELIVERY_POLICY, outcomeOf, type DeliveryPolicy } from './delivery-policy.js';
import type { DeliveryResult } from './notifier.js';

export interface OutboxDelivererOptions {
  store: AlertStore;
  channels: readonly AlertChannel[];
  /** This replica: it claims deliveries under this name. */
  owner: string;
  policy?: DeliveryPolicy;
  /** Applied to every error before it is stored or logged (receivers may echo secrets back). */
  redact?: (text: string) => string;
  logger: Logger;
  now?: () => number;
  random?: () => number;
  /** Deliveries claimed at once. */
  batchSize?: number;
  /** Claim rounds per call; a trigger and its resolve from one cycle need two. */
  maxRounds?: number;
}

/** What one {@link OutboxDeliverer.deliverDue} call did. */
export interface DeliveryReport {
  delivered: number;
  retrying: number;
  gaveUp: number;
  /** Claimed but not tried: their channel failed on an earlier one in this call. */
  released: number;
  /** Tried, but the claim had expired and another replica had taken over. */
  lostClaims: number;
}

const DEFAULT_BATCH_SIZE = 20;
const DEFAULT_MAX_ROUNDS = 5;
const CLAIM_MARGIN_MS = 30_000;

/**
 * Delivers due outbox rows: claims a batch, sends each through its channel's notifier (channels in
 * parallel, one channel's rows in order), and records each outcome with its retry time. A channel
 * whose receiver fails retryably is left alone for the rest of the call: its other rows are given
 * back untried, so one outage costs one timeout per call, not one per row.
 */
export class OutboxDeliverer {
  private readonly channels: Map<string, AlertChannel>;
  private readonly policy: DeliveryPolicy;
  private readonly now: () => number;
  private readonly redact: (text: string) => string;

  constructor(private readonly options: OutboxDelivererOptions) {
    this.channels = new Map(options.channels.map((channel) => [channel.name, channel]));
    this.policy = options.policy ?? DEFAULT_DELIVERY_POLICY;
    this.now = options.now ?? Date.now;
    this.redact = options.redact ?? ((text) => text);
  }

  /** Delivers due rows in rounds until none is due, `maxRounds` is reached or `signal` aborts. */
  async deliverDue(signal?: AbortSignal): Promise<DeliveryReport> {
    const report: DeliveryReport = { delivered: 0, retrying: 0, gaveUp: 0, released: 0, lostClaims: 0 };
    const down = new Set<string>();
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    for (let round = 0; round < (this.options.maxRounds ?? DEFAULT_MAX_ROUNDS) && signal?.aborted !== true; round++) {
      const channels = [...this.channels.keys()].filter((name) => !down.has(name));
      const claimed = await this.options.store.claimDeliveries({
        owner: this.options.owner,
        nowMs: this.now(),
        leaseMs: batchSize * this.policy.timeoutMs + CLAIM_MARGIN_MS,
        limit: batchSize,
        channels,
      });
      if (claimed.length === 0) break;
      await Promise.all([...groupByChannel(claimed)].map(([name, rows]) => this.deliverChannel(name, rows, down, report)));
    }
    return report;
  }

  private async deliverChannel(name: string, rows: readonly Delivery[], down: Set<string>, report: DeliveryReport): Promise<void> {
    const channel = this.channels.get(name);
    for (const [index, delivery] of rows.entries()) {
      if (channel === undefined || down.has(name)) {
        const rest = rows.slice(index).map((row) => row.id);
        await this.options.store.releaseDeliveries(rest, this.options.owner);
        report.released += rest.length;
        return;
      }
      const result = await attempt(channel, delivery);
      if (result.status === 'retryable') down.add(name);
      await this.record(delivery, result, report);
    }
  }

  private async record(delivery: Delivery, result: DeliveryResult, report: DeliveryReport): Promise<void> {
    const redacted: DeliveryResult = result.status === 'success' ? result : { ...result, error: this.redact(result.error) };
    const outcome = outcomeOf(redacted, delivery, this.now(), this.policy, this.options.random);
    const kept = await this.options.store.completeDelivery(delivery.id, this.options.owner, outcome);
    if (!kept) {
      report.lostClaims++;
      this.options.logger.warn('alert.delivery_claim_lost', { id: delivery.id, channel: delivery.channel, note: 'another replica took it over; it may be delivered twice' });
      return;
    }
    this.log(delivery, outcome);
    if (outcome.status === 'delivered') report.delivered++;
    else if (outcome.status === 'failed-retrying') report.retrying++;
    else report.gaveUp++;
  }

  private log(delivery: Delivery, outcome: DeliveryOutcome): void {
    const fields = { channel: delivery.channel, alert: delivery.dedupKey, kind: delivery.kind, id: delivery.id, attempts: delivery.attempts + 1 };
    if (outcome.status === 'delivered') this.options.logger.info('alert.delivered', fields);
    else if (outcome.status === 'failed-retrying') {
      this.options.logger.warn('alert.delivery_failed', { ...fields, error: outcome.error, next_attempt: new Date(outcome.nextAttemptAtMs).toISOString() });
    } else this.options.logger.error('alert.delivery_gave_up', { ...fields, error: outcome.error });
  }
}

/** One attempt; a notifier that throws (a bug) counts as a retryable failure. */
async function attempt(channel: AlertChannel, delivery: Delivery): Promise<DeliveryResult> {
  try {
    // The outbox keeps what the cycle wrote: an AlertMessage.
    return await channel.notifier.deliver({ id: delivery.id, message: delivery.message as AlertMessage });
  } catch (error) {
    return { status: 'retryable', error: `notifier failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function groupByChannel(rows: readonly Delivery[]): Map<string, Delivery[]> {
  const groups = new Map<string, Delivery[]>();
  for (const row of rows) groups.set(row.channel, [...(groups.get(row.channel) ?? []), row]);
  return groups;
}

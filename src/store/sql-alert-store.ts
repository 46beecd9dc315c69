import * as programs from './alert-programs.js';
import type {
  AlertEpisode,
  AlertStore,
  AlertTransitions,
  ChannelDeliverySummary,
  ClaimRequest,
  Delivery,
  DeliveryOutcome,
  DeliveryQuery,
  EpisodeQuery,
  RecordOutcome,
  StoredAlertState,
} from './alert-store.js';
import type { ProgramRunner } from './sql-program.js';

/** The {@link AlertStore} of both databases: the programs of alert-programs.ts on a database's runner. */
export class SqlAlertStore implements AlertStore {
  constructor(
    private readonly runner: ProgramRunner,
    private readonly dialect: programs.AlertDialect,
  ) {}

  loadStates(): Promise<StoredAlertState[]> {
    return this.runner.run(() => programs.loadStates(), { operation: 'alert states', transaction: false });
  }

  async recordTransitions(transitions: AlertTransitions): Promise<RecordOutcome> {
    try {
      return await this.runner.run(() => programs.recordTransitions(transitions), { operation: 'record alerts', transaction: true });
    } catch (error) {
      if (!(error instanceof programs.VersionConflict)) throw error;
      return { status: 'conflict', slo: error.write.state.slo, tier: error.write.state.tier };
    }
  }

  claimDeliveries(request: ClaimRequest): Promise<Delivery[]> {
    return this.runner.run(() => programs.claimDeliveries(request, this.dialect), { operation: 'claim deliveries', transaction: true });
  }

  completeDelivery(id: string, owner: string, outcome: DeliveryOutcome): Promise<boolean> {
    return this.runner.run(() => programs.completeDelivery(id, owner, outcome), { operation: 'complete delivery', transaction: false });
  }

  releaseDeliveries(ids: readonly string[], owner: string): Promise<void> {
    return this.runner.run(() => programs.releaseDeliveries(ids, owner), { operation: 'release deliveries', transaction: false });
  }

  queryDeliveries(query: DeliveryQuery = {}): Promise<Delivery[]> {
    return this.runner.run(() => programs.queryDeliveries(query), { operation: 'query deliveries', transaction: false });
  }

  summarizeDeliveries(): Promise<ChannelDeliverySummary[]> {
    return this.runner.run(() => programs.summarizeDeliveries(), { operation: 'summarize deliveries', transaction: true });
  }

  queryEpisodes(query: EpisodeQuery = {}): Promise<AlertEpisode[]> {
    return this.runner.run(() => programs.queryEpisodes(query), { operation: 'query episodes', transaction: false });
  }

  deleteDeliveriesBefore(beforeMs: number, limit: number): Promise<number> {
    return this.runner.run(() => programs.deleteDeliveriesBefore(beforeMs, limit), { operation: 'delete deliveries', transaction: false });
  }
}

import pg from 'pg';
import { connectionSecrets, postgresStoreError, type StoreError } from '../../store/index.js';
import { DEFAULT_LEADER_SCOPE, leaderLockKey } from './postgres-leader-lock-key.js';
import type { LeaderLease } from './slot-claims.js';

/** How {@link PostgresLeaderLease} connects and which lease it contends for. */
export interface PostgresLeaderLeaseOptions {
  /**
   * What the lease guards; replicas contend per scope (default `outpost`: one leader per database).
   * The lock key is {@link leaderLockKey}(scope).
   */
  scope?: string;
  /** How long connecting may take before the attempt fails (default 10000). */
  connectTimeoutMs?: number;
  /** How long a check may take before the connection counts as lost (default 5000). */
  checkTimeoutMs?: number;
  /** Told, with the password cut out, when the lease connection fails or drops: leadership is lost. */
  onError?: (error: StoreError) => void;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_CHECK_TIMEOUT_MS = 5_000;

/*
 * Without these, a replica that vanishes without closing its socket (node lost, network cut) keeps
 * its session, and so the lock, until the OS gives up on the connection (two hours by default): the
 * server now probes after 10 s idle and drops the session after 3 missed probes 5 s apart.
 * idle_session_timeout (PostgreSQL 14+) would end the idle lease connection, so it is off here.
 */
const SESSION_SETTINGS = `
  SELECT set_config('tcp_keepalives_idle', '10', false), set_config('tcp_keepalives_interval', '5', false),
         set_config('tcp_keepalives_count', '3', false),
         CASE WHEN current_setting('server_version_num')::int >= 140000 THEN set_config('idle_session_timeout', '0', false) END`;

/**
 * {@link LeaderLease} on PostgreSQL: a session-level advisory lock (`pg_try_advisory_lock`) held on
 * a dedicated connection for as long as this replica lives. The server releases it when the
 * session ends — {@link release}, a crash, or a lost connection — so another replica's next
 * {@link isLeader} takes over with no timeout of our own. No consensus of our own either: the lock
 * table of the server decides.
 *
 * A leader that lost its connection learns it at its next `isLeader` (or sooner, when the driver
 * sees the socket close), so once-only work should still be safe to repeat. After losing a held
 * lock, `isLeader` answers false once before it tries to take the lock again on a new session, so
 * a poller always sees one term end before the next begins.
 */
export class PostgresLeaderLease implements LeaderLease {
  private client: pg.Client | undefined;
  private held = false;
  /** The lock was held and its session ended since the last check: the next check answers false once. */
  private lostHeld = false;
  private released = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly key: string;
  private readonly secrets: readonly string[];

  /** Does not connect yet: the first {@link isLeader} does. */
  constructor(
    private readonly url: string,
    private readonly options: PostgresLeaderLeaseOptions = {},
  ) {
    this.key = leaderLockKey(options.scope ?? DEFAULT_LEADER_SCOPE);
    this.secrets = connectionSecrets(url);
  }

  /**
   * True while this replica holds the lock: checks that the connection still answers, or (when not
   * holding it) tries once to take it, without waiting. False when the database cannot be reached
   * (reported to `onError`); the next call connects again.
   */
  isLeader(): Promise<boolean> {
    return this.serially(() => this.check());
  }

  /** Gives the lock up for good and closes the connection; `isLeader` answers false from then on. */
  release(): Promise<void> {
    return this.serially(async () => {
      this.released = true;
      const client = this.client;
      this.forget();
      if (client === undefined) return;
      // Ending the session releases the lock; the explicit unlock just makes it immediate.
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [this.key]).catch(() => undefined);
      await client.end().catch(() => undefined);
    });
  }

  private async check(): Promise<boolean> {
    if (this.released) return false;
    if (this.lostHeld) {
      // Report the loss before trying to win the lock again on a new session: whoever polls sees the
      // term end (and stops work begun under it), even when this replica wins the lock right back.
      this.lostHeld = false;
      return false;
    }
    try {
      const client = this.client ?? (await this.connect());
      if (this.held) {
        await client.query('SELECT 1');
        return true;
      }
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [this.key]);
      this.held = rows[0]?.locked === true;
      return this.held;
    } catch (error) {
      this.lose(this.client, error);
      // This answer already reports the loss.
      this.lostHeld = false;
      return false;
    }
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: 'outpost-leader',
      connectionTimeoutMillis: this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      query_timeout: this.options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
      keepAlive: true,
    });
    // The server ending the session (restart, pg_terminate_backend) arrives as 'error' while idle;
    // unhandled it would crash the process. Either way the lock is gone with the session.
    client.on('error', (error) => this.lose(client, error));
    client.on('end', () => this.lose(client, new Error('Connection ended unexpectedly')));
    this.client = client;
    await client.connect();
    await client.query(SESSION_SETTINGS);
    return client;
  }

  /** The session of `client` is gone or unusable: so is the lock. */
  private lose(client: pg.Client | undefined, error: unknown): void {
    if (client === undefined || client !== this.client) return;
    if (this.held) this.lostHeld = true;
    this.forget();
    // Not awaited: a socket that stopped answering may never confirm the end.
    client.end().catch(() => undefined);
    this.options.onError?.(postgresStoreError('lead', error, this.secrets));
  }

  private forget(): void {
    this.client = undefined;
    this.held = false;
  }

  /** One check or release at a time, so two concurrent calls never open two sessions. */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

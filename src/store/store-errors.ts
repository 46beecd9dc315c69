/**
 * Why a store call failed:
 * - `busy`: the database was busy or locked past the busy timeout, or (PostgreSQL) a transaction lost
 *   a serialization conflict or deadlock, or the server could not be reached or dropped the
 *   connection; the same call may succeed later.
 * - `conflict`: the write broke a constraint (e.g. a run id that is already stored).
 * - `invalid`: the input cannot be stored or queried as given (e.g. a `startedAt` that is not a time,
 *   or text PostgreSQL cannot hold).
 * - `closed`: the store was closed.
 * - `failed`: anything else; see `cause`.
 */
export type StoreErrorKind = 'busy' | 'conflict' | 'invalid' | 'closed' | 'failed';

/** A store call that failed. Carries the driver's error as `cause`. */
export class StoreError extends Error {
  constructor(
    readonly operation: string,
    readonly kind: StoreErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`store ${operation} failed (${kind}): ${message}`, options);
    this.name = 'StoreError';
  }

  /** True when the same call may succeed if tried again later. */
  get retryable(): boolean {
    return this.kind === 'busy';
  }
}

/** The database was written by a newer Outpost, whose schema this version does not know. */
export class SchemaVersionError extends Error {
  constructor(
    readonly location: string,
    readonly databaseVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `database ${location} has schema version ${databaseVersion}, newer than the ${supportedVersion} ` +
        'this Outpost knows; upgrade Outpost or point it at another database',
    );
    this.name = 'SchemaVersionError';
  }
}

/** The store location names no store Outpost can open (unknown scheme, empty string). */
export class StoreLocationError extends Error {
  constructor(
    /** The location with any password removed. */
    readonly location: string,
    readonly reason: string,
  ) {
    super(`cannot open store ${JSON.stringify(location)}: ${reason}`);
    this.name = 'StoreLocationError';
  }
}

/**
 * Formerly thrown for `postgres://` locations, before the PostgreSQL store existed.
 * @deprecated Nothing throws it any more; `openStore` opens PostgreSQL. Kept so importers still compile.
 */
export class PostgresNotSupportedError extends StoreLocationError {
  constructor(location: string) {
    super(
      location,
      'PostgreSQL support is not built yet (a later release adds it); ' +
        'use a SQLite file such as .outpost/outpost.db or sqlite:<path>',
    );
    this.name = 'PostgresNotSupportedError';
  }
}

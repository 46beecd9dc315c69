import { PostgresNotSupportedError, StoreLocationError } from './store-errors.js';

/** Where the store lives when no location is configured, relative to the working directory. */
export const DEFAULT_STORE_LOCATION = '.outpost/outpost.db';

/** A parsed store location. `:memory:` is a private, in-process SQLite database. */
export type StoreLocation = { kind: 'sqlite'; path: string };

const URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/**
 * Reads a store location: a file path, `sqlite:<path>` (also `sqlite:///abs/path`), or `:memory:`.
 * Throws {@link PostgresNotSupportedError} for `postgres://` and {@link StoreLocationError} for other URLs.
 */
export function parseStoreLocation(location: string = DEFAULT_STORE_LOCATION): StoreLocation {
  const trimmed = location.trim();
  if (trimmed.toLowerCase().startsWith('sqlite:')) return sqlitePath(location, trimmed.slice('sqlite:'.length));
  const scheme = URL_SCHEME.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') throw new PostgresNotSupportedError(redactLocation(trimmed));
  if (scheme !== undefined) {
    throw new StoreLocationError(redactLocation(trimmed), `unknown scheme ${scheme}://; expected a file path, sqlite:<path> or :memory:`);
  }
  return sqlitePath(location, trimmed);
}

function sqlitePath(location: string, rest: string): StoreLocation {
  // `sqlite://x` and `sqlite:///abs` are the URL spellings other tools use for `x` and `/abs`.
  const path = rest.startsWith('//') ? rest.slice(2) : rest;
  if (path === '') throw new StoreLocationError(location, 'no database path given');
  return { kind: 'sqlite', path };
}

/** Database URLs often carry a password; errors and logs must not. */
export function redactLocation(location: string): string {
  return location.replace(/(\/\/[^/@:]*):[^/@]*@/, '$1:***@');
}

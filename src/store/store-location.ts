import { StoreLocationError } from './store-errors.js';

/** Where the store lives when no location is configured, relative to the working directory. */
export const DEFAULT_STORE_LOCATION = '.outpost/outpost.db';

/**
 * A parsed store location. `:memory:` is a private, in-process SQLite database; `url` is a
 * `postgres://` or `postgresql://` connection URL as given (it may carry a password: never log it,
 * use {@link redactLocation}).
 */
export type StoreLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

const URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/**
 * Reads a store location: a file path, `sqlite:<path>` (also `sqlite:///abs/path`), `:memory:`, or a
 * `postgres://` / `postgresql://` URL. Throws {@link StoreLocationError} for other URLs and for a
 * PostgreSQL URL that does not parse.
 */
export function parseStoreLocation(location: string = DEFAULT_STORE_LOCATION): StoreLocation {
  const trimmed = location.trim();
  if (trimmed.toLowerCase().startsWith('sqlite:')) return sqlitePath(location, trimmed.slice('sqlite:'.length));
  const scheme = URL_SCHEME.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return postgresUrl(trimmed);
  if (scheme !== undefined) {
    throw new StoreLocationError(
      redactLocation(trimmed),
      `unknown scheme ${scheme}://; expected a file path, sqlite:<path>, :memory: or postgres://…`,
    );
  }
  return sqlitePath(location, trimmed);
}

function sqlitePath(location: string, rest: string): StoreLocation {
  // `sqlite://x` and `sqlite:///abs` are the URL spellings other tools use for `x` and `/abs`.
  const path = rest.startsWith('//') ? rest.slice(2) : rest;
  if (path === '') throw new StoreLocationError(location, 'no database path given');
  return { kind: 'sqlite', path };
}

// Checked here so that a typo fails as a location error naming the (redacted) URL, rather than as
// the driver's bare "Invalid URL" later, whose `input` would hold the password.
function postgresUrl(url: string): StoreLocation {
  if (!URL.canParse(url)) throw new StoreLocationError(redactLocation(url), 'not a valid postgres:// URL');
  return { kind: 'postgres', url };
}

/**
 * Database URLs often carry a password; errors and logs must not. Hides everything between
 * `user:` and the last `@` (a password may itself hold an unencoded `@`) and any `password=` or
 * `sslpassword=` query parameter.
 */
export function redactLocation(location: string): string {
  return location
    .replace(/(\/\/[^/@:]*):.*@/, '$1:***@')
    .replace(/([?&](?:ssl)?password=)[^&#]*/gi, '$1***');
}

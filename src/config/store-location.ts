import path from 'node:path';

/** Where results are stored, read from the config's `store` string. */
export type StoreLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

const POSTGRES = /^postgres(ql)?:\/\//;
const SQLITE_PREFIX = 'sqlite:';
// Anything else with a scheme is a typo or an unsupported store. The `.{2,}` keeps
// Windows drive letters (`C:\…`) reading as plain paths.
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]{1,}:/i;

/** True when `text` names a store Outpost can open. */
export function isStoreLocation(text: string): boolean {
  if (POSTGRES.test(text)) return true;
  if (text.startsWith(SQLITE_PREFIX)) return text.length > SQLITE_PREFIX.length;
  return text.length > 0 && !OTHER_SCHEME.test(text);
}

/** Reads a store string; relative SQLite paths are taken from `rootDir`. */
export function parseStoreLocation(text: string, rootDir: string): StoreLocation {
  if (POSTGRES.test(text)) return { kind: 'postgres', url: text };
  const file = text.startsWith(SQLITE_PREFIX) ? text.slice(SQLITE_PREFIX.length) : text;
  // SQLite's in-memory database is not a file and must stay as written.
  return { kind: 'sqlite', path: file === ':memory:' ? file : path.resolve(rootDir, file) };
}

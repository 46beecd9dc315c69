import { pathToFileURL } from 'node:url';
import { ConfigError } from './config-error.js';

/**
 * Imports a config file and returns its default export. Any failure (a syntax error, a module
 * that throws, no default export) becomes a {@link ConfigError} naming the file and the cause.
 */
export async function importDefaultExport(file: string): Promise<unknown> {
  let module: Record<string, unknown>;
  try {
    // TypeScript files load through tsx (registered by the CLI) or vitest; Node alone strips types too.
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (cause) {
    throw new ConfigError([{ path: '', message: `could not be imported: ${describeCause(cause)}` }], { file, cause });
  }
  if (module.default === undefined) {
    throw new ConfigError([{ path: '', message: 'has no default export; expected `export default defineConfig({ … })`' }], { file });
  }
  return module.default;
}

/** `Name: message` of a thrown value, for an error report. */
export function describeCause(cause: unknown): string {
  if (cause instanceof Error) return `${cause.name}: ${cause.message}`;
  return String(cause);
}

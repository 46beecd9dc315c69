import { glob, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';

export const JOURNEY_FILE_PATTERN = '**/*.journey.{ts,mts,js,mjs}';

/** A path the user named that matched no journey file. */
export class NoJourneyFilesError extends Error {
  constructor(readonly patterns: string[]) {
    super(`no journey files (*.journey.ts) found in: ${patterns.join(', ')}`);
    this.name = 'NoJourneyFilesError';
  }
}

/**
 * Expands files, folders and globs into journey files, sorted and de-duplicated.
 * A folder means every `*.journey.ts` below it (node_modules excluded).
 */
export async function findJourneyFiles(patterns: string[], cwd: string): Promise<string[]> {
  const files = new Set<string>();
  for (const pattern of patterns) {
    for (const file of await expand(pattern, cwd)) files.add(file);
  }
  if (files.size === 0) throw new NoJourneyFilesError(patterns);
  return [...files].sort();
}

async function expand(pattern: string, cwd: string): Promise<string[]> {
  const absolute = isAbsolute(pattern) ? pattern : resolve(cwd, pattern);
  const info = await stat(absolute).catch(() => undefined);
  if (info?.isFile()) return [absolute];
  const globPattern = info?.isDirectory() ? `${absolute}/${JOURNEY_FILE_PATTERN}` : absolute;
  const found: string[] = [];
  for await (const file of glob(globPattern, { exclude: (name) => name === 'node_modules' || name.endsWith('/node_modules') })) {
    found.push(resolve(cwd, file));
  }
  return found;
}

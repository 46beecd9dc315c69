import { existsSync } from 'node:fs';
import path from 'node:path';

/** Extensions tried, in order, for `outpost.config` and `playwright.config`. */
export const CONFIG_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'] as const;

/** The first `<baseName><ext>` that exists in `dir`, as an absolute path. */
export function findConfigFile(dir: string, baseName: string): string | undefined {
  return CONFIG_EXTENSIONS.map((ext) => path.resolve(dir, baseName + ext)).find((file) => existsSync(file));
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-error.js';
import { describeCause, importDefaultExport } from './import-config-module.js';
import { findConfigFile } from './find-config-file.js';
import { loadPlaywrightUse } from './playwright-use.js';
import { resolveConfig, type ResolvedConfig } from './resolved-config.js';

export interface LoadConfigOptions {
  /** Where to look for `outpost.config.ts` (then `.mts`, `.js`, `.mjs`), and what `configPath` is relative to. */
  cwd: string;
  /** An explicit config file; it must exist. */
  configPath?: string;
}

/**
 * Finds, imports, validates and resolves the Outpost config, with the Playwright config's `use`
 * inherited. With no config file in `cwd`, the defaults apply. Throws a {@link ConfigError}.
 *
 * @example
 * const config = await loadConfig({ cwd: process.cwd(), configPath: options.config });
 */
export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const file = locateConfigFile(options);
  const rootDir = file === undefined ? path.resolve(options.cwd) : path.dirname(file);
  const input = file === undefined ? {} : await readConfigExport(file);
  const config = resolveConfig(input, { rootDir, configFile: file });
  if (config.playwrightConfig === undefined) return config;
  const inherited = await loadPlaywrightUse(config.playwrightConfig);
  // The Outpost config is the more specific of the two, so its keys win.
  return { ...config, use: { ...inherited, ...config.use } };
}

function locateConfigFile({ cwd, configPath }: LoadConfigOptions): string | undefined {
  if (configPath === undefined) return findConfigFile(cwd, 'outpost.config');
  const file = path.resolve(cwd, configPath);
  if (!existsSync(file)) throw new ConfigError([{ path: '', message: 'file not found' }], { file });
  return file;
}

/** The default export, called first when it is a function (sync or async). */
async function readConfigExport(file: string): Promise<unknown> {
  const exported = await importDefaultExport(file);
  if (typeof exported !== 'function') return exported;
  try {
    return await (exported as () => unknown)();
  } catch (cause) {
    throw new ConfigError([{ path: '', message: `the exported config function threw: ${describeCause(cause)}` }], { file, cause });
  }
}

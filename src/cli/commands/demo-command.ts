import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PASSWORD, startDemoShop } from '../../demo-shop/index.js';
import type { ExitCodeValue } from '../exit-codes.js';
import type { ReporterStreams } from '../reporters/reporter.js';
import { runCommand } from './run-command.js';

const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * `outpost demo` (what `npm run demo` calls): starts the bundled shop on a free port and runs
 * the example journeys against it with the repository's own config, storing results in SQLite.
 */
export interface DemoCommandOptions {
  repeat: number;
  reporter: string;
  store?: string;
  outputDir?: string;
}

export async function demoCommand(options: DemoCommandOptions, streams: ReporterStreams): Promise<ExitCodeValue> {
  const password = process.env.SHOP_PASSWORD ?? DEFAULT_PASSWORD;
  const shop = await startDemoShop({ port: 0, password });
  streams.err.write(`demo shop started on ${shop.url}\n`);
  try {
    return await runCommand(
      {
        cwd: PACKAGE_ROOT,
        paths: [],
        filter: {},
        target: { name: 'demo-shop', baseURL: shop.url, params: {} },
        repeat: options.repeat,
        reporter: options.reporter,
        store: options.store,
        outputDir: options.outputDir,
        env: { ...process.env, SHOP_PASSWORD: password },
      },
      streams,
    );
  } finally {
    await shop.close();
  }
}

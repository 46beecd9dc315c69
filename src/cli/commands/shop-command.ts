import { startDemoShop } from '../../demo-shop/index.js';
import type { ReporterStreams } from '../reporters/reporter.js';

/** `outpost shop`: the demo shop on its own, until SIGINT/SIGTERM. */
export async function shopCommand(options: { port: number; host: string }, streams: ReporterStreams): Promise<void> {
  const shop = await startDemoShop({ port: options.port, host: options.host });
  streams.out.write(`demo shop listening on ${shop.url}\n`);
  streams.out.write(`fault injection: ${shop.url}/__outpost/faults (GET, PUT, POST, DELETE) or OUTPOST_SHOP_FAULTS\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await shop.close();
}

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

export interface ShopProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * One demo shop for every variant, in its own process (`outpost shop --port 0`), so its CPU use is
 * the same whichever runner drives it and it never counts towards a variant's memory.
 */
export async function startShopProcess(repoRoot: string, password: string): Promise<ShopProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, OUTPOST_SHOP_PASSWORD: password };
  delete env.OUTPOST_SHOP_FAULTS;
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/outpost.js'), 'shop', '--port', '0'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await listeningUrl(child);
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function listeningUrl(child: ChildProcess): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo shop did not start within 30 s:\n${output}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`the demo shop exited with ${code}:\n${output}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      resolve(match[1]);
    });
  });
}

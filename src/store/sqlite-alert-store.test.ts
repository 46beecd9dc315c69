import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeAlertStoreContract } from './alert-store-contract.js';
import { openStore } from './open-store.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

let file = '';
describeAlertStoreContract('SQLite file', {
  reset: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outpost-alert-store-'));
    dirs.push(dir);
    file = join(dir, 'outpost.db');
  },
  open: () => openStore(file),
});

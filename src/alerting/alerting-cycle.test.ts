import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openStore } from '../store/index.js';
import { describeAlertingCycle } from './alerting-cycle-suite.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

let file = '';
describeAlertingCycle('SQLite file', {
  reset: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outpost-alerting-'));
    dirs.push(dir);
    file = join(dir, 'outpost.db');
  },
  open: () => openStore(file),
});

import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArtifact } from './artifact-files.js';

let base: string;
let results: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'outpost-artifacts-'));
  results = join(base, 'results');
  await mkdir(join(results, 'run-1'), { recursive: true });
  await writeFile(join(results, 'run-1', 'screenshot.png'), 'png bytes');
  await writeFile(join(base, 'secret.txt'), 'outside the results folder');
  await symlink(join(base, 'secret.txt'), join(results, 'run-1', 'escape.png'));
  await symlink(join(results, 'run-1', 'screenshot.png'), join(results, 'run-1', 'inside-link.png'));
  await symlink(base, join(results, 'parent-link'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

async function read(path: string): Promise<string | undefined> {
  const opened = await openArtifact(results, path);
  if (opened === undefined) return undefined;
  try {
    return (await opened.handle.readFile()).toString();
  } finally {
    await opened.handle.close();
  }
}

describe('openArtifact', () => {
  it('opens a file inside the results folder, also through a symlink that stays inside', async () => {
    expect(await read('run-1/screenshot.png')).toBe('png bytes');
    expect(await read('run-1/inside-link.png')).toBe('png bytes');
  });

  it('refuses every way out: ../, absolute paths, symlinks out, NUL bytes, folders and missing files', async () => {
    for (const path of [
      '../secret.txt',
      'run-1/../../secret.txt',
      join(base, 'secret.txt'),
      'run-1/escape.png',
      'parent-link/secret.txt',
      'run-1/screenshot.png\0.txt',
      'run-1',
      '.',
      '',
      'run-1/nope.png',
    ]) {
      expect(await read(path), path).toBeUndefined();
    }
  });
});

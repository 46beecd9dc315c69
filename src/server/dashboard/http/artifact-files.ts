import { open, realpath, type FileHandle } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** An artifact file opened for reading, known to be a regular file inside the results folder. */
export interface OpenedArtifact {
  handle: FileHandle;
  size: number;
}

/**
 * Opens `relativePath` (as a run's artifacts record it) only when its real path, symlinks
 * resolved, is a regular file inside the results folder's real path. Anything else (`../`,
 * absolute paths, NUL bytes, a symlink pointing out, a folder, a missing file) is `undefined`,
 * which the routes answer with 404, never telling which check failed.
 */
export async function openArtifact(resultsDir: string, relativePath: string): Promise<OpenedArtifact | undefined> {
  if (relativePath === '' || relativePath.includes('\0') || isAbsolute(relativePath)) return undefined;
  let root: string;
  let real: string;
  try {
    root = await realpath(resultsDir);
    real = await realpath(resolve(root, relativePath));
  } catch {
    return undefined;
  }
  if (!isInside(root, real)) return undefined;
  // Opened by its real path, then checked through the handle, so the file checked is the file read.
  let handle: FileHandle;
  try {
    handle = await open(real, 'r');
  } catch {
    return undefined;
  }
  const stats = await handle.stat();
  if (!stats.isFile()) {
    await handle.close();
    return undefined;
  }
  return { handle, size: stats.size };
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

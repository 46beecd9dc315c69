import { readdir, readFile } from 'node:fs/promises';

/**
 * The resident memory, in bytes, of the browsers this process launched: every child started with
 * `--remote-debugging-pipe` (how Playwright launches Chromium) and all its descendants (renderers,
 * GPU, zygotes), read from /proc. Shared pages count once per process, so the sum overstates what
 * the tree really holds; as a recycling threshold that errs on the safe side. `undefined` where
 * there is no /proc (macOS, Windows).
 */
export async function browserTreeRss(parentPid: number = process.pid): Promise<number | undefined> {
  const parents = await parentsByPid();
  if (parents === undefined) return undefined;
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parents) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const roots = [];
  for (const pid of children.get(parentPid) ?? []) if (await isPlaywrightBrowser(pid)) roots.push(pid);
  let total = 0;
  for (const pid of descendants(roots, children)) total += await rssBytes(pid);
  return total;
}

async function parentsByPid(): Promise<Map<number, number> | undefined> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return undefined;
  }
  const parents = new Map<number, number>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readOrEmpty(`/proc/${entry}/stat`);
    // `pid (comm) state ppid …`; comm may hold spaces and parentheses, so read after the last `)`.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (Number.isInteger(ppid)) parents.set(Number(entry), ppid);
  }
  return parents;
}

async function isPlaywrightBrowser(pid: number): Promise<boolean> {
  return (await readOrEmpty(`/proc/${pid}/cmdline`)).split('\0').includes('--remote-debugging-pipe');
}

function descendants(roots: number[], children: Map<number, number[]>): number[] {
  const all: number[] = [];
  const queue = [...roots];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    all.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return all;
}

async function rssBytes(pid: number): Promise<number> {
  const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(await readOrEmpty(`/proc/${pid}/status`))?.[1];
  return kib === undefined ? 0 : Number(kib) * 1024;
}

/** A process may exit while we read it; it then holds no memory. */
async function readOrEmpty(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return '';
  }
}

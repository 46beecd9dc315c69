import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** Peak memory of a process tree, in KiB, and how it was sampled. */
export interface PeakMemory {
  /** Sum of PSS (shared pages split between the processes sharing them): the main figure. */
  pssKiB: number;
  /** Sum of RSS: shared pages counted once per process, for reference. */
  rssKiB: number;
  processes: number;
  rssSamples: number;
  pssSamples: number;
}

/** `statm` counts pages; 4 KiB on x86_64 and arm64 Linux as configured here. */
const PAGE_KiB = 4;
const RSS_INTERVAL_MS = 150;
const PSS_MIN_INTERVAL_MS = 1000;
/**
 * Reading `smaps_rollup` walks a process's page tables: 1–6 ms per Chromium process on this
 * machine, so a whole tree of 80 processes costs a large share of a core. PSS is therefore read
 * at most 1/20 of the time (≤ 5% of one core, whatever the tree's size), RSS (cheap `statm`) every 150 ms.
 */
const PSS_DUTY_FACTOR = 19;

/**
 * Small `/proc` files are read synchronously: a tenth of the CPU of `fs/promises` (no thread pool
 * round trip), and each read takes microseconds, so the harness's event loop barely stalls.
 */
function readProc(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined; // the process exited
  }
}

/**
 * `/proc/<pid>/task/<tid>/children` needs CONFIG_PROC_CHILDREN, which some kernels (this VM's
 * among them) leave out. Without it, the tree is rebuilt from each process's parent pid, read
 * once per pid from `/proc/<pid>/stat`.
 */
const HAS_CHILDREN_FILES = existsSync(`/proc/self/task/${process.pid}/children`);

/** Finds the live descendants of one root, remembering each pid's parent between calls. */
export class ProcessTreeWalker {
  private readonly parentOf = new Map<number, number | undefined>();

  constructor(private readonly root: number) {}

  /** The root and every descendant alive now. */
  pids(): number[] {
    return HAS_CHILDREN_FILES ? this.walkChildrenFiles() : this.walkParentPids();
  }

  private walkChildrenFiles(): number[] {
    const tree: number[] = [];
    const queue = [this.root];
    for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
      tree.push(pid);
      for (const tid of readProcDir(`/proc/${pid}/task`)) {
        const children = readProc(`/proc/${pid}/task/${tid}/children`) ?? '';
        queue.push(...children.split(' ').filter((s) => s.trim() !== '').map(Number));
      }
    }
    return tree;
  }

  private walkParentPids(): number[] {
    const live = readProcDir('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number);
    const childrenOf = new Map<number, number[]>();
    for (const pid of live) {
      // A pid's parent only changes when the parent dies (re-parenting to init), which takes it out of the tree anyway.
      if (!this.parentOf.has(pid)) this.parentOf.set(pid, parentPid(readProc(`/proc/${pid}/stat`) ?? ''));
      const ppid = this.parentOf.get(pid);
      if (ppid === undefined) continue;
      const siblings = childrenOf.get(ppid);
      if (siblings === undefined) childrenOf.set(ppid, [pid]);
      else siblings.push(pid);
    }
    const tree: number[] = [];
    const queue = [this.root];
    for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
      tree.push(pid);
      queue.push(...(childrenOf.get(pid) ?? []));
    }
    return tree;
  }
}

// `pid (comm) state ppid …`: comm may hold spaces and parentheses, so split after the last ')'.
function parentPid(stat: string): number | undefined {
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  return stat !== '' && Number.isInteger(ppid) ? ppid : undefined;
}

function readProcDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Sum of RSS over the pids, from `statm`. Processes that exit mid-read count as zero. */
export function rssKiB(pids: number[]): { kib: number; processes: number } {
  let pages = 0;
  let processes = 0;
  for (const pid of pids) {
    const statm = readProc(`/proc/${pid}/statm`);
    if (statm === undefined) continue;
    pages += Number(statm.split(' ')[1] ?? 0);
    processes++;
  }
  return { kib: pages * PAGE_KiB, processes };
}

/** Sum of PSS over the pids, from `smaps_rollup`: async, since one read can take milliseconds of kernel time. */
export async function pssKiB(pids: number[]): Promise<number> {
  let total = 0;
  for (const pid of pids) {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
    total += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
  }
  return total;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Samples a process tree until `stop()`, keeping the peak of each figure (they may peak at
 * different instants). Samples never overlap: a slow read delays the next.
 */
export class TreeMemorySampler {
  private readonly peak: PeakMemory = { pssKiB: 0, rssKiB: 0, processes: 0, rssSamples: 0, pssSamples: 0 };
  private readonly walker: ProcessTreeWalker;
  private stopped = false;
  private readonly loop: Promise<void>;

  constructor(root: number) {
    this.walker = new ProcessTreeWalker(root);
    this.loop = this.run();
  }

  async stop(): Promise<PeakMemory> {
    this.stopped = true;
    await this.loop;
    return { ...this.peak };
  }

  private async run(): Promise<void> {
    let nextPssAt = 0;
    while (!this.stopped) {
      const started = performance.now();
      const pids = this.walker.pids();
      const rss = rssKiB(pids);
      this.peak.rssKiB = Math.max(this.peak.rssKiB, rss.kib);
      this.peak.processes = Math.max(this.peak.processes, rss.processes);
      this.peak.rssSamples++;
      if (started >= nextPssAt) {
        const pssStarted = performance.now();
        this.peak.pssKiB = Math.max(this.peak.pssKiB, await pssKiB(pids));
        this.peak.pssSamples++;
        nextPssAt = pssStarted + Math.max(PSS_MIN_INTERVAL_MS, PSS_DUTY_FACTOR * (performance.now() - pssStarted));
      }
      await sleep(Math.max(0, RSS_INTERVAL_MS - (performance.now() - started)));
    }
  }
}

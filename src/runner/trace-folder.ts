import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The folder one browser records its traces into (Playwright's `tracesDir` launch option), and
 * the clean-up of the traces Outpost is done with.
 *
 * Playwright writes each context's trace there as `<name>.trace` and `<name>.network`, plus
 * `resources/` (response bodies, snapshot blobs, screencast frames) named by content and shared
 * by every context of the browser. Stopping a trace without a path (a passing run under
 * `on-failure`) leaves all of it behind until the browser closes: about 0.5 MB a run with the
 * screencast, a steady leak for a long-lived `serve`. So each finished trace removes its own two
 * files at once, and whenever no trace of this browser is recording, the whole folder is emptied.
 * `resources/` cannot be cleaned any earlier: a blob that one trace wrote may be one that a
 * concurrent trace skipped writing because it was already there.
 */
export class TraceFolder {
  private recording = 0;
  private sweeping: Promise<void> | undefined;

  private constructor(readonly dir: string) {}

  /** A fresh folder under `root` (one per launched browser). */
  static async create(root: string): Promise<TraceFolder> {
    return new TraceFolder(await mkdtemp(join(root, 'outpost-traces-')));
  }

  /**
   * Call before `tracing.start`; resolves with the trace's name once no clean-up is running.
   * Every `begin` must be followed by one `end` with that name.
   */
  async begin(): Promise<string> {
    while (this.sweeping !== undefined) await this.sweeping;
    this.recording++;
    return randomUUID();
  }

  /** Call after `tracing.stop` has returned (the zip, if one was wanted, is written by then). */
  async end(name: string): Promise<void> {
    this.recording = Math.max(0, this.recording - 1);
    if (this.recording > 0) {
      await Promise.all([`${name}.trace`, `${name}.network`].map((file) => rm(join(this.dir, file), { force: true }).catch(() => undefined)));
      return;
    }
    this.sweeping ??= this.empty().finally(() => {
      this.sweeping = undefined;
    });
    await this.sweeping;
  }

  /** Removes the folder itself (the browser has closed). */
  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true }).catch(() => undefined);
  }

  private async empty(): Promise<void> {
    const entries = await readdir(this.dir).catch(() => []);
    await Promise.all(entries.map((entry) => rm(join(this.dir, entry), { recursive: true, force: true }).catch(() => undefined)));
  }
}

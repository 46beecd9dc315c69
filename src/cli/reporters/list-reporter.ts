import { failingStep, softFailures, type JourneyResult } from '../../journey/index.js';
import { painter, seconds, table } from './format.js';
import type { Reporter, ReporterStreams, RunStartInfo } from './reporter.js';
import { firstLine, type RunSummary } from './run-summary.js';

const MARK: Record<JourneyResult['status'], string> = { passed: '✓', failed: '✗', timedOut: '⏱', error: '!', aborted: '-' };

/**
 * Human output. One line per finished run (so CI logs read well); on a terminal, a live status
 * line below them shows what is running. Then a per-journey summary.
 */
export class ListReporter implements Reporter {
  private readonly paint;
  private readonly live: boolean;
  private readonly running = new Map<string, number>();
  private done = 0;
  private total = 0;
  private readonly startedAt = Date.now();

  constructor(private readonly streams: ReporterStreams, private readonly resultsDir: string) {
    this.paint = painter(streams.out);
    this.live = streams.out.isTTY === true;
  }

  onBegin(totalRuns: number): void {
    this.total = totalRuns;
    this.write(`Running ${totalRuns} journey run${totalRuns === 1 ? '' : 's'}\n\n`);
  }

  onRunStart(info: RunStartInfo): void {
    this.running.set(info.journey, (this.running.get(info.journey) ?? 0) + 1);
    this.redrawStatus();
  }

  onRunEnd(result: JourneyResult): void {
    this.done++;
    const left = (this.running.get(result.journey) ?? 1) - 1;
    if (left > 0) this.running.set(result.journey, left);
    else this.running.delete(result.journey);
    this.clearStatus();
    this.write(this.runLine(result));
    this.redrawStatus();
  }

  onEnd(summary: RunSummary): void {
    this.clearStatus();
    if (summary.journeys.length > 0) this.write(`\n${this.summaryTable(summary)}\n`);
    for (const broken of summary.brokenFiles) this.write(this.paint('red', `\n✗ could not load ${broken.file}\n    ${broken.message}\n`));
    const counts = `${summary.passed} passed, ${summary.notPassed} failed`;
    const tail = `(${summary.total} runs in ${seconds(Date.now() - this.startedAt)})`;
    this.write(`\n${this.paint(summary.notPassed > 0 || summary.brokenFiles.length > 0 ? 'red' : 'green', counts)} ${tail}\n`);
    if (summary.interrupted) this.write(this.paint('yellow', 'interrupted: unfinished runs were recorded as aborted\n'));
  }

  private runLine(result: JourneyResult): string {
    const ok = result.status === 'passed';
    const mark = this.paint(ok ? 'green' : 'red', MARK[result.status]);
    const where = this.paint('dim', `${result.target.name}@${result.location}`);
    const soft = softFailures(result).length;
    let line = `  ${mark} ${result.journey}  ${where}  ${seconds(result.durationMs)}`;
    if (soft > 0) line += this.paint('yellow', `  (${soft} soft step${soft === 1 ? '' : 's'} failed)`);
    if (!ok) line += `  ${this.paint('red', this.failureText(result))}`;
    line += '\n';
    for (const artifact of [result.artifacts.screenshot, result.artifacts.trace]) {
      if (artifact !== undefined) line += this.paint('dim', `      ${this.resultsDir}/${artifact}\n`);
    }
    if (result.artifacts.trace !== undefined) line += this.paint('dim', `      open with: npx playwright show-trace ${this.resultsDir}/${result.artifacts.trace}\n`);
    return line;
  }

  private failureText(result: JourneyResult): string {
    const step = failingStep(result);
    if (result.status === 'error' || step === undefined) return `${result.status}: ${firstLine(result.error?.message ?? '')}`;
    return `${result.status} at step "${step.name}": ${firstLine(step.error?.message ?? '')}`;
  }

  private summaryTable(summary: RunSummary): string {
    const rows = [['journey', 'cuj', 'runs', 'passed', 'median', 'max', 'failing step']];
    for (const j of summary.journeys) {
      const failing = j.lastFailure === undefined ? '' : `${j.lastFailure.step ?? '-'}: ${j.lastFailure.message}`;
      rows.push([j.journey, j.cuj, String(j.runs), `${j.passed}/${j.runs}`, seconds(j.medianMs), seconds(j.maxMs), failing.slice(0, 120)]);
    }
    return table(rows);
  }

  private redrawStatus(): void {
    if (!this.live || this.running.size === 0) return;
    const names = [...this.running.keys()].join(', ');
    const text = `${this.done}/${this.total} done · running: ${names}`;
    const width = Math.max(20, (this.streams.out.columns ?? 80) - 1);
    this.streams.out.write(this.paint('dim', text.slice(0, width)));
  }

  private clearStatus(): void {
    if (this.live) this.streams.out.write('\r\u001b[2K');
  }

  private write(text: string): void {
    this.streams.out.write(text);
  }
}

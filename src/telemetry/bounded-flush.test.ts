import { describe, expect, it } from 'vitest';
import { boundedFlush } from './bounded-flush.js';
import { ExportHealth } from './export-health.js';

function health() {
  const warnings: string[] = [];
  const notes: string[] = [];
  return { warnings, notes, tracker: new ExportHealth({ warn: (m) => warnings.push(m), info: (m) => notes.push(m) }) };
}

describe('boundedFlush', () => {
  it('gives up on work that never settles and reports it', async () => {
    const { tracker, warnings } = health();
    await expect(boundedFlush('final flush', () => [new Promise(() => {})], 20, tracker)).resolves.toBeUndefined();
    expect(warnings).toEqual([expect.stringMatching(/^telemetry: final flush failed \(did not finish within 20 ms\)/)]);
  });

  it('reports a rejected flush as a failure and a later clean one as recovery', async () => {
    const { tracker, warnings, notes } = health();
    await boundedFlush('flush', () => [Promise.resolve(), Promise.reject(new Error('Timeout'))], 1_000, tracker);
    expect(warnings).toEqual([expect.stringContaining('(Timeout)')]);
    await boundedFlush('flush', () => [Promise.resolve(), undefined], 1_000, tracker);
    expect(notes).toHaveLength(1);
  });

  it('never rejects, even when starting the work throws', async () => {
    const { tracker, warnings } = health();
    await expect(
      boundedFlush(
        'flush',
        () => {
          throw new Error('already shut down');
        },
        1_000,
        tracker,
      ),
    ).resolves.toBeUndefined();
    expect(warnings[0]).toContain('already shut down');
  });
});

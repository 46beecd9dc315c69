import { describe, expect, it } from 'vitest';
import type { JourneyResult } from '../journey/index.js';
import { StoreError } from '../store/index.js';
import { recordResult } from './result-recorder.js';

const result = { id: 'run-1' } as JourneyResult;
const noWait = async () => {};

/** A store whose saves fail with the given errors in turn, then succeed. */
function store(...errors: Error[]) {
  let calls = 0;
  return { saveRun: async () => { const error = errors[calls++]; if (error) throw error; }, get calls() { return calls; } };
}

describe('recordResult', () => {
  it('retries while the store is busy', async () => {
    const busy = store(new StoreError('save', 'busy', 'locked'), new StoreError('save', 'busy', 'locked'));
    expect(await recordResult(busy, result, noWait)).toEqual({ stored: true });
    expect(busy.calls).toBe(3);
  });

  it('gives up on errors that a retry cannot fix, and after the last retry', async () => {
    const invalid = store(new StoreError('save', 'invalid', 'bad'));
    expect(await recordResult(invalid, result, noWait)).toMatchObject({ stored: false, error: { message: /bad/ } });
    expect(invalid.calls).toBe(1);
    const busy = store(...Array.from({ length: 9 }, () => new StoreError('save', 'busy', 'locked')));
    expect((await recordResult(busy, result, noWait)).stored).toBe(false);
    expect(busy.calls).toBe(4);
  });

  it('counts a conflict on a retry as stored (the first try had committed)', async () => {
    const dropped = store(new StoreError('save', 'busy', 'connection lost'), new StoreError('save', 'conflict', 'duplicate id'));
    expect(await recordResult(dropped, result, noWait)).toEqual({ stored: true });
  });
});

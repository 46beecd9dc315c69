import { describe, expect, it } from 'vitest';
import { roundSchedule } from './interleaved-schedule.js';
import { fakeJourney } from './session-test-fixtures.js';

describe('roundSchedule', () => {
  const a = fakeJourney('a');
  const b = fakeJourney('b');
  const order = (round: number) => roundSchedule([a, b], round).map((run) => `${run.journey.name}:${run.side}`);

  it('puts the two sides of each journey next to each other', () => {
    expect(order(0)).toEqual(['a:baseline', 'a:canary', 'b:canary', 'b:baseline']);
  });

  it('alternates which side goes first from round to round', () => {
    expect(order(1)).toEqual(['a:canary', 'a:baseline', 'b:baseline', 'b:canary']);
    expect(order(2)).toEqual(order(0));
  });
});

import type { JourneyResult } from '../journey/index.js';

/**
 * A complete result for store tests: every optional field set, steps with errors and logs.
 * Not used outside tests.
 */
export function fullResult(overrides: Partial<JourneyResult> = {}): JourneyResult {
  return {
    id: 'run-full',
    journey: 'checkout',
    cuj: { id: 'buy', description: 'A shopper can pay for a basket' },
    location: 'eu-west',
    target: { name: 'production', url: 'https://shop.example.com' },
    startedAt: '2025-03-01T10:00:00.123Z',
    durationMs: 4321.5,
    status: 'failed',
    attempt: 2,
    steps: [
      { index: 0, name: 'open home', soft: false, status: 'passed', startedAt: '2025-03-01T10:00:00.200Z', durationMs: 812 },
      {
        index: 1,
        name: 'banner shows',
        soft: true,
        status: 'failed',
        startedAt: '2025-03-01T10:00:01.012Z',
        durationMs: 99.25,
        error: { message: 'banner missing' },
        logs: [],
      },
      {
        index: 2,
        name: 'pay',
        soft: false,
        status: 'failed',
        startedAt: '2025-03-01T10:00:01.111Z',
        durationMs: 3000,
        error: { message: 'expected "Thanks" — got "Card declined"', stack: 'Error: expected\n    at pay (checkout.journey.ts:12:3)' },
        logs: ['card ****1111', 'status 402', 'ünïcödé ✓'],
      },
      { index: 3, name: 'receipt', soft: false, status: 'skipped', durationMs: 0 },
    ],
    error: { message: 'step "pay" failed', stack: 'at runner' },
    artifacts: { screenshot: 'runs/run-full/pay.png', trace: 'runs/run-full/trace.zip' },
    tags: ['shop', 'critical'],
    sessionId: 'session-1',
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    ...overrides,
  };
}

/** A result with no optional fields: no steps, error, artifacts, tags, cuj description or session. */
export function minimalResult(overrides: Partial<JourneyResult> = {}): JourneyResult {
  return {
    id: 'run-minimal',
    journey: 'search',
    cuj: { id: 'search' },
    location: 'us-east',
    target: { name: 'staging', url: 'https://staging.example.com' },
    startedAt: '2025-03-01T11:00:00.000Z',
    durationMs: 1000,
    status: 'passed',
    attempt: 1,
    steps: [],
    artifacts: {},
    tags: [],
    ...overrides,
  };
}

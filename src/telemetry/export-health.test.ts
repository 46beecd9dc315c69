import { describe, expect, it } from 'vitest';
import { ExportHealth } from './export-health.js';

function health() {
  const lines: string[] = [];
  const tracker = new ExportHealth({ warn: (message) => lines.push(`warn ${message}`), info: (message) => lines.push(`info ${message}`) });
  return { tracker, lines };
}

describe('ExportHealth', () => {
  it('warns once for any number of failures, and once more when export recovers', () => {
    const { tracker, lines } = health();
    tracker.succeeded('traces');
    for (let i = 0; i < 10; i++) tracker.failed('traces', new Error('connect ECONNREFUSED'));
    tracker.succeeded('traces');
    tracker.succeeded('traces');
    expect(lines).toEqual([
      'warn telemetry: traces failed (connect ECONNREFUSED); the journeys are not affected; further export failures are not logged until export recovers',
      'info telemetry: export recovered (traces works again)',
    ]);
  });

  it('treats failures of several destinations as one outage that ends when all recover', () => {
    const { tracker, lines } = health();
    tracker.failed('traces', new Error('down'));
    tracker.failed('metrics', new Error('down'));
    tracker.succeeded('traces');
    expect(lines).toHaveLength(1);
    tracker.succeeded('metrics');
    expect(lines).toHaveLength(2);
    tracker.failed('metrics', new Error('down again'));
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('down again');
  });

  it('names the error code when the message does not', () => {
    const { tracker, lines } = health();
    tracker.failed('traces', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    expect(lines[0]).toContain('(socket hang up [ECONNRESET])');
  });

  it('is silent after close, and survives a logger that throws', () => {
    const { tracker, lines } = health();
    tracker.close();
    tracker.failed('traces', new Error('late'));
    expect(lines).toEqual([]);
    const throwing = new ExportHealth({ warn: () => { throw new Error('broken logger'); }, info: () => {} });
    expect(() => throwing.failed('traces', 'x')).not.toThrow();
  });
});

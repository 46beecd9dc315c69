import { parseArgs } from 'node:util';
import { positiveInt } from '../runner/bench-options.js';
import { SIDE_NAMES, type Side } from './telemetry-sides.js';

export interface TelemetryBenchOptions {
  /** Runs per side, split evenly over the batches. */
  runs: number;
  batches: number;
  concurrency: number;
  /** `off` first; each other side is compared with it. */
  sides: Side[];
}

export const USAGE = 'usage: npm run bench:telemetry -- [--runs 200] [--batches 8] [--concurrency 2] [--sides off,on]   (profiling: --sides off,on,no-propagation,no-network-spans; smoke: --runs 8 --batches 2)';

/** Parses the harness's flags; throws with the usage line on anything unexpected. */
export function parseTelemetryBenchOptions(argv: string[]): TelemetryBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '200' },
      batches: { type: 'string', default: '8' },
      concurrency: { type: 'string', default: '2' },
      sides: { type: 'string', default: 'off,on' },
    },
  });
  const runs = positiveInt(values.runs, '--runs', USAGE);
  const batches = positiveInt(values.batches, '--batches', USAGE);
  if (runs % batches !== 0) throw new Error(`--runs (${runs}) must split evenly over --batches (${batches})\n${USAGE}`);
  const sides = values.sides.split(',').map((name) => {
    if (!(SIDE_NAMES as string[]).includes(name)) throw new Error(`unknown side "${name}"; expected some of ${SIDE_NAMES.join(', ')}\n${USAGE}`);
    return name as Side;
  });
  if (sides[0] !== 'off' || sides.length < 2 || new Set(sides).size !== sides.length) throw new Error(`--sides: "off" first, then the sides to compare with it, each once\n${USAGE}`);
  return { runs, batches, concurrency: positiveInt(values.concurrency, '--concurrency', USAGE), sides };
}

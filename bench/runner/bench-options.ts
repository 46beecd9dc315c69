import { parseArgs } from 'node:util';
import { VARIANT_NAMES, type VariantName } from './variants.js';

export interface BenchOptions {
  runs: number;
  concurrencies: number[];
  variants: VariantName[];
}

export const USAGE = 'usage: npm run bench:runner -- [--runs 200] [--concurrency 2,8] [--variants outpost,outpost-no-trace,raw,pwtest]';

/** Parses the harness's flags; throws with the usage line on anything unexpected. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '200' },
      concurrency: { type: 'string', default: '2,8' },
      variants: { type: 'string', default: VARIANT_NAMES.join(',') },
    },
  });
  const runs = positiveInt(values.runs, '--runs', USAGE);
  const concurrencies = values.concurrency.split(',').map((c) => positiveInt(c, '--concurrency', USAGE));
  const variants = values.variants.split(',').map((v) => {
    if (!(VARIANT_NAMES as readonly string[]).includes(v)) throw new Error(`unknown variant "${v}"; expected some of ${VARIANT_NAMES.join(', ')}\n${USAGE}`);
    return v as VariantName;
  });
  return { runs, concurrencies, variants };
}

/** A flag's whole number ≥ 1; throws with the usage line otherwise. */
export function positiveInt(text: string, flag: string, usage: string): number {
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag}: expected a whole number ≥ 1, got "${text}"\n${usage}`);
  return n;
}

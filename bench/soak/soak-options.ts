import { parseArgs } from 'node:util';

/** What `npm run bench:soak -- …` was asked to do. */
export interface SoakOptions {
  /** Stop once serve has finished this many runs (attempts). */
  runs: number;
  /** Journeys with a page (Chromium), each probed every `everyS` seconds. */
  browserJourneys: number;
  /** API-only journeys, each probed every `everyS` seconds. */
  apiJourneys: number;
  everyS: number;
  /** serve's concurrency. */
  concurrency: number;
  /** The share of the runs treated as warm-up (not judged for growth). */
  warmupShare: number;
  /** How often memory, browser counts and metrics are sampled. */
  sampleEveryMs: number;
  /** serve's --recycle-after (browser relaunch after this many runs). */
  recycleAfter: number;
  /** Read PSS on every n-th sample (RSS is read on every sample). */
  pssEvery: number;
}

const USAGE = `usage: npm run bench:soak -- [--runs 10000] [--browser-journeys 2] [--api-journeys 6] [--every 1]
       [--concurrency 6] [--warmup 0.1] [--sample-every 5] [--recycle-after 200] [--pss-every 1]`;

export function parseSoakOptions(argv: string[]): SoakOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '10000' },
      'browser-journeys': { type: 'string', default: '2' },
      'api-journeys': { type: 'string', default: '6' },
      every: { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '6' },
      warmup: { type: 'string', default: '0.1' },
      'sample-every': { type: 'string', default: '5' },
      'recycle-after': { type: 'string', default: '200' },
      'pss-every': { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name: keyof typeof values, min: number): number => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}\n${USAGE}`);
    return n;
  };
  const warmupShare = Number(values.warmup);
  if (!(warmupShare >= 0 && warmupShare < 0.9)) throw new Error(`--warmup must be a share in [0, 0.9)\n${USAGE}`);
  const options = {
    runs: int('runs', 10),
    browserJourneys: int('browser-journeys', 0),
    apiJourneys: int('api-journeys', 0),
    everyS: int('every', 1),
    concurrency: int('concurrency', 1),
    warmupShare,
    sampleEveryMs: int('sample-every', 1) * 1000,
    recycleAfter: int('recycle-after', 1),
    pssEvery: int('pss-every', 1),
  };
  if (options.browserJourneys + options.apiJourneys === 0) throw new Error(`at least one journey is needed\n${USAGE}`);
  return options;
}

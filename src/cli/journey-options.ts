import type { Command } from 'commander';
import { collect, positiveInt } from './option-parsers.js';

/**
 * The arguments and options every journey-running command shares (run, serve, verify, canary):
 * which journeys, which config, from which location, how many at once.
 */
export function withJourneyOptions(command: Command): Command {
  return command
    .argument('[paths...]', 'journey files, folders or globs (default: the config\'s journeys)')
    .option('-c, --config <file>', 'config file (default: outpost.config.ts in the working folder)')
    .option('-g, --grep <regex>', 'only journeys whose name or CUJ id matches')
    .option('-t, --tag <tags>', 'only journeys with any of these tags (repeat or comma-separate)', collect)
    .option('--location <name>', 'location label recorded on every result')
    .option('-j, --concurrency <n>', 'runs at the same time (default: config, 2)', positiveInt);
}

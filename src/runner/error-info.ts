import { stripVTControlCharacters } from 'node:util';
import type { ErrorInfo } from '../journey/index.js';

/** Plain, storable error data. Playwright's assertion messages carry terminal colours: strip them. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof Error) {
    return {
      message: stripVTControlCharacters(error.message),
      stack: error.stack === undefined ? undefined : stripVTControlCharacters(error.stack),
    };
  }
  return { message: stripVTControlCharacters(String(error)) };
}

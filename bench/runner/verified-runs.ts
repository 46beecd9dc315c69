import type { ChildMeasurement } from './measure-child.js';
import type { Verified } from './variants.js';

/**
 * Passing runs according to the child's own report, and what went wrong when not all of them
 * passed (the report's failure, the exit code and the end of stderr).
 */
export async function verifiedRuns(child: ChildMeasurement, runs: number, verify: () => Promise<Verified>): Promise<{ passed: number; problem?: string }> {
  const stderrTail = child.stderr.slice(-1500).trim();
  if (child.timedOut) return { passed: 0, problem: 'timed out' };
  try {
    const { passed, failure } = await verify();
    if (passed >= runs) return { passed };
    return { passed, problem: `exit ${child.exitCode}; ${failure ?? 'no failure reported'}${stderrTail === '' ? '' : `; stderr: ${stderrTail}`}` };
  } catch (error) {
    return { passed: 0, problem: `exit ${child.exitCode}; unreadable report (${(error as Error).message}); stderr: ${stderrTail}` };
  }
}

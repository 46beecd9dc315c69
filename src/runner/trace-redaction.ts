import { readFile, writeFile } from 'node:fs/promises';
import { unzipSync, zipSync, type Zippable } from 'fflate';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/**
 * Playwright traces record every action's arguments and every request body, so a password typed
 * with `fill()` is in the zip in clear. Rewrite the text entries through the redactor; binary
 * entries (screenshots) are left alone. Returns the number of entries changed.
 */
export async function redactTraceZip(path: string, redact: (text: string) => string): Promise<number> {
  const entries = unzipSync(new Uint8Array(await readFile(path)));
  const rewritten: Zippable = {};
  let changed = 0;
  for (const [name, bytes] of Object.entries(entries)) {
    const text = decodeText(bytes);
    const redacted = text === undefined ? undefined : redact(text);
    if (redacted !== undefined && redacted !== text) {
      rewritten[name] = encoder.encode(redacted);
      changed++;
    } else {
      rewritten[name] = bytes;
    }
  }
  if (changed > 0) await writeFile(path, zipSync(rewritten, { level: 6 }));
  return changed;
}

function decodeText(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

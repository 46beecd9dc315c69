import { createHash } from 'node:crypto';
import type { Slot } from './coordination/slot-claims.js';

/**
 * The session id of the attempts one replica runs for one slot: derived from the slot and the
 * replica (the claim's owner), so that a replica taking over an expired claim can look up what the
 * previous owner stored before it died. A replica killed between storing its result and marking
 * the slot done leaves a stored run under this session; the survivor then completes the slot with
 * it instead of running it a second time.
 */
export function slotSessionId(slot: Slot, owner: string): string {
  const hex = createHash('sha256').update(`${slot.journey}\n${slot.location}\n${slot.plannedAt}\n${owner}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

import { resolveSlo, type ResolvedSlo, type SloDefinition } from './slo-definition.js';

/** The SLO a journey gets when none is configured: availability 99.5% over 28 days, default tiers and guards. */
export function defaultSlo(journey: string): SloDefinition {
  return { name: `${journey}-availability`, journey, sli: { kind: 'availability' }, objective: 0.995 };
}

/** Thrown when configured SLOs name journeys that are not among the known ones. */
export class UnknownSloJourneyError extends Error {
  constructor(
    readonly unknown: readonly { slo: string; journey: string }[],
    readonly known: readonly string[],
  ) {
    const list = unknown.map(({ slo, journey }) => `SLO "${slo}" names journey "${journey}", which does not exist`);
    const hint = known.length === 0 ? 'there are no journeys' : `known journeys: ${known.join(', ')}`;
    super(`${list.join('\n')}\n(${hint})`);
    this.name = 'UnknownSloJourneyError';
  }
}

/**
 * The SLOs to evaluate for a set of journeys: the configured ones, each of which must name one
 * of `journeys` (else {@link UnknownSloJourneyError}), or, when none are configured, one
 * {@link defaultSlo} per journey.
 *
 * @example
 * const slos = effectiveSlos(config.slos, journeys.map((j) => j.name));
 */
export function effectiveSlos(configured: readonly ResolvedSlo[], journeys: readonly string[]): ResolvedSlo[] {
  if (configured.length === 0) return journeys.map((journey) => resolveSlo(defaultSlo(journey)));
  const known = new Set(journeys);
  const unknown = configured.filter((slo) => !known.has(slo.journey)).map((slo) => ({ slo: slo.name, journey: slo.journey }));
  if (unknown.length > 0) throw new UnknownSloJourneyError(unknown, [...known].sort());
  return [...configured];
}

/**
 * How a round's entries are named to the people who work on it. Jurors (the chair included) address an entry by its
 * reference: the blind code in blind mode, else the entry code; never by its id, which the public gallery shows next
 * to the authors. The organizer and the secretary also get the mapping.
 */
import { AppError } from '@core/errors.ts';
import type { JudgingSettings } from '@core/judging/settings.ts';
import type { RoundFacts } from './round-facts.ts';

export function entryRef(f: RoundFacts, settings: JudgingSettings, entryId: number): string {
  if (settings.blind) return f.codes.get(entryId) ?? `#${entryId}`;
  return f.entries.get(entryId)?.code ?? `#${entryId}`;
}

/** The entry of the round a reference names, or `judging.entryNotInRound`. */
export function resolveRef(f: RoundFacts, settings: JudgingSettings, ref: string): number {
  for (const id of f.entryIds) if (entryRef(f, settings, id) === ref) return id;
  throw new AppError('judging.entryNotInRound', { round: f.round.name, entry: ref });
}

/** The organizer's and secretary's view of an entry: reference, code and title (never phones or addresses). */
export function staffEntry(f: RoundFacts, settings: JudgingSettings, entryId: number) {
  const e = f.entries.get(entryId);
  return {
    ref: entryRef(f, settings, entryId),
    entryId,
    code: e?.code ?? null,
    blindCode: f.codes.get(entryId) ?? null,
    title: e?.draft.title ?? '',
  };
}

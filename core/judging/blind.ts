/**
 * What a juror may see of an entry. The view is built from a whitelist (never by deleting fields from a full record,
 * so a field added to entries later stays hidden until someone decides to show it):
 * - always: the title, form, topic, synopsis, duration, and a download name made from the reference (the original
 *   file name can carry a name or a phone);
 * - never: the entry's id and code in blind mode (the public gallery shows both next to the authors), phones,
 *   addresses, e-mails, the owner's account, the original file name, submission times, the intake details, the
 *   third-party material declaration;
 * - outside blind mode only: the authors' names, the group's name and the unit.
 * In blind mode the entry is known by its blind code (số phách), not by its entry code: the entry code is printed
 * in the public gallery next to the authors. Names spoken or shown inside the video, or written in the title or
 * synopsis, are out of our hands; the scoring screen says so.
 *
 * Blind codes are drawn at random (the server passes a cryptographic source; tests a seeded one) from the w-digit
 * numbers, w ≥ 3 and large enough for the draw to leave nine numbers in ten unused, and stored once drawn: stable,
 * and tied to nothing about the entry (not its code, its order of submission or its unit).
 */
import type { EntryForm } from '../contest.ts';
import type { EntryDraft } from '../entry.ts';
import type { Random } from './seeded-random.ts';

export const BLIND_CODE_PREFIX = 'P-';

export interface EntryForJury {
  id: number;
  code: string | null;
  draft: Pick<
    EntryDraft,
    'title' | 'form' | 'synopsis' | 'topicIndex' | 'isGroup' | 'groupName' | 'authors' | 'thirdPartyMaterial' | 'party'
  >;
  unitName: string | null;
  ownerUserId: number | null;
  originalFileName: string | null;
  durationSec: number | null;
  submittedAt: string | null;
}

export interface JurorEntryView {
  /**
   * How the entry is named to the juror, and the only handle the juror's screens and requests use: the blind code in
   * blind mode, else the entry code. Never the entry's id: the public gallery's addresses carry it.
   */
  ref: string;
  title: string;
  form: EntryForm | null;
  topicIndex: number | null;
  synopsis: string;
  durationSec: number | null;
  /** Null in blind mode. */
  credit: { authors: string[]; groupName: string | null; unitName: string | null } | null;
  /** The name a download of the original is served under. */
  downloadName: string;
}

/** The entry as a juror sees it. */
export function jurorEntryView(
  e: EntryForJury,
  mode: { blind: true; blindCode: string } | { blind: false },
): JurorEntryView {
  const ref = mode.blind ? mode.blindCode : (e.code ?? `#${e.id}`);
  return {
    ref,
    title: e.draft.title,
    form: e.draft.form,
    topicIndex: e.draft.topicIndex,
    synopsis: e.draft.synopsis,
    durationSec: e.durationSec,
    credit: mode.blind
      ? null
      : {
          authors: e.draft.authors.map((a) => a.fullName),
          groupName: e.draft.isGroup && e.draft.groupName ? e.draft.groupName : null,
          unitName: e.unitName,
        },
    downloadName: `${ref.replace(/[^\p{L}\p{N}_-]+/gu, '_')}.mp4`,
  };
}

/**
 * Blind codes for the entries that have none yet, keeping the ones already drawn. `random` must be unpredictable to
 * jurors in production (a cryptographic source); a code never depends on anything but the draw.
 */
export function drawBlindCodes(
  entryIds: readonly number[],
  existing: ReadonlyMap<number, string>,
  random: Random,
): Map<number, string> {
  const out = new Map(existing);
  const fresh = [...new Set(entryIds)].filter((id) => !existing.has(id)).sort((a, b) => a - b);
  if (fresh.length === 0) return out;
  const used = new Set(existing.values());
  const total = used.size + fresh.length;
  let width = 3;
  while (9 * 10 ** (width - 1) < 10 * total) width++;
  const low = 10 ** (width - 1);
  const span = 10 ** width - low;
  for (const id of fresh) {
    let code: string;
    do code = `${BLIND_CODE_PREFIX}${low + Math.floor(random() * span)}`;
    while (used.has(code));
    used.add(code);
    out.set(id, code);
  }
  return out;
}

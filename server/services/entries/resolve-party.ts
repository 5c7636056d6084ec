import { quotaKey } from '@core/eligibility.ts';
import type { EntryDraft } from '@core/entry.ts';
import { AppError } from '@core/errors.ts';
import { normalizePhone } from '@core/normalize.ts';
import type { Tx } from '../../db/dialect.ts';
import type { Actor } from '../../context.ts';
import { assertRepresents } from '../access/unit-representative.ts';

/**
 * Who enters and whose quota the entry uses. A unit entry needs its representative (or intake staff); a person's
 * quota follows the first author's phone (so entries sent online from several accounts, and one brought in person,
 * count together).
 */
export async function resolveParty(
  db: Tx,
  actor: Actor & { userId: number },
  contestId: number,
  draft: EntryDraft,
  opts: { intake: boolean },
) {
  if (draft.party.kind === 'unit') {
    const unit = await db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('id', '=', draft.party.unitId)
      .where('contest_id', '=', contestId)
      .executeTakeFirst();
    if (!unit) throw new AppError('unit.notFound');
    await assertRepresents(db, actor, { contest_id: contestId, unit_id: unit.id, is_intake: opts.intake });
    return {
      partyKind: 'unit' as const,
      unitId: unit.id,
      unitName: unit.name,
      quotaKey: quotaKey({ kind: 'unit', unitId: unit.id }),
    };
  }
  const phone = normalizePhone(draft.authors[0]?.phone ?? '');
  if (opts.intake && !phone) throw new AppError('account.phoneInvalid');
  // Until the author's phone is filled in, a draft is keyed to its account; submission keys it to the phone.
  return {
    partyKind: 'person' as const,
    unitId: null,
    unitName: null,
    quotaKey: quotaKey({ kind: 'person', phone, userId: opts.intake ? null : actor.userId }),
  };
}

/** A person's quota key at submission: the first author's phone, which `missingForSubmission` requires to be valid. */
export function personQuotaKey(draft: EntryDraft): string {
  const phone = normalizePhone(draft.authors[0]?.phone ?? '');
  if (!phone) throw new AppError('account.phoneInvalid');
  return quotaKey({ kind: 'person', phone, userId: null });
}

/** Keeps the entry's consent in the consents register as the draft's box is ticked or unticked (migration 0019). */
import type { Transaction } from 'kysely';
import { CURRENT_CONSENT_VERSION } from '@core/privacy.ts';
import type { DB } from '../../db/schema.ts';

export async function recordEntryConsent(
  trx: Transaction<DB>,
  entryId: number,
  userId: number | null,
  given: boolean,
  at: string,
): Promise<void> {
  const version = CURRENT_CONSENT_VERSION.entry!;
  if (given) {
    // The first time under this text: a new row. Ticked again after unticking: the same consent, in force again.
    await trx
      .insertInto('consents')
      .values({ user_id: userId, entry_id: entryId, purpose: 'entry', text_version: version, given_at: at })
      .onConflict((oc) => oc.columns(['entry_id', 'purpose', 'text_version']).doUpdateSet({ withdrawn_at: null }))
      .execute();
  } else {
    await trx
      .updateTable('consents')
      .set({ withdrawn_at: at })
      .where('entry_id', '=', entryId)
      .where('purpose', '=', 'entry')
      .where('withdrawn_at', 'is', null)
      .execute();
  }
}

import { AppError } from '@core/errors.ts';
import { changedRows, type Tx } from '../../db/dialect.ts';
import { auditDenied } from '../audit/append-audit.ts';
import type { Actor, Deps } from '../../context.ts';
import { entryAccess, type EntryAccess } from './entry-access.ts';
import { loadContest, type LoadedContest } from '../contests/load-contest.ts';
import { draftEditRefusal } from './edit-window.ts';

/**
 * Who may see an entry's subtitle tracks: whoever may see its other media, i.e. its owner and contest staff (others
 * get "not found"). The one place to widen when the public gallery shows them.
 */
export function subtitleReadAccess(deps: Deps, actor: Actor, entryId: number): Promise<EntryAccess> {
  return entryAccess(deps, actor, entryId, 'read');
}

/**
 * Whether the caller may add or delete an entry's subtitles now, for a caller who may see the entry.
 *
 * - Its owner: while the entry is a draft and drafts may still be edited (before the submission deadline, or a
 *   returned entry's fix deadline), as for the draft itself.
 * - Intake staff (secretariat, organizers): any entry of their contest, at any time: subtitles change nothing the
 *   rules or the jury judge, and the secretariat receives them by e-mail or USB as it receives entries. `asStaff`
 *   marks the change as a staff action, which is audited.
 */
export function subtitleWriteRefusal(
  access: EntryAccess,
  contest: LoadedContest,
  now: Date,
): { refusal: AppError | null; asStaff: boolean } {
  if (access.isOwner) {
    const refusal = ownerRefusal(access, contest, now);
    if (!refusal || !access.canIntake) return { refusal, asStaff: false };
  }
  if (access.canIntake) return { refusal: null, asStaff: true };
  // Staff who may read entries but not register them; everyone else was turned away by entryAccess already.
  return { refusal: new AppError('auth.forbidden'), asStaff: false };
}

function ownerRefusal(access: EntryAccess, contest: LoadedContest, now: Date): AppError | null {
  if (access.entry.status !== 'draft') return new AppError('entry.locked');
  return draftEditRefusal(contest, access.entry, now);
}

export interface SubtitleWriter {
  access: EntryAccess;
  contest: LoadedContest;
  asStaff: boolean;
}

/**
 * Throws unless the caller may change the entry's subtitles now (see `subtitleWriteRefusal`); staff refused are
 * audited.
 */
export async function subtitleWriteAccess(
  deps: Deps,
  actor: Actor,
  entryId: number,
  action: string,
): Promise<SubtitleWriter> {
  const access = await entryAccess(deps, actor, entryId, 'read');
  const contest = await loadContest(deps.db, { id: access.entry.contest_id });
  const { refusal, asStaff } = subtitleWriteRefusal(access, contest, deps.clock());
  if (refusal) {
    if (refusal.code === 'auth.forbidden')
      await auditDenied(deps, actor, { action, contestId: contest.id, target: `entry:${entryId}` });
    throw refusal;
  }
  return { access, contest, asStaff };
}

/**
 * Inside the transaction of an owner's change: the entry must still be a draft. A submission that commits first makes
 * this fail; one that comes after waits for this transaction (PostgreSQL row lock; SQLite has one writer).
 */
export async function holdOwnerDraft(trx: Tx, entryId: number, at: string): Promise<void> {
  const r = await trx
    .updateTable('entries')
    .set({ updated_at: at })
    .where('id', '=', entryId)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (changedRows(r) !== 1) throw new AppError('entry.locked');
}

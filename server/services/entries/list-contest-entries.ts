import { foldVietnamese } from '@core/normalize.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';
import { decodeDraft, decodeVerdict } from '../../db/json-columns.ts';

export interface EntryListFilter {
  q?: string;
  status?: 'draft' | 'submitted';
  unitId?: number;
  fileStatus?: 'refused' | 'accepted' | 'checking' | 'none';
}

/** Entries of a contest for the secretariat and committee: by unit and status, searchable without diacritics. */
export async function listContestEntries(deps: Deps, actor: Actor, slug: string, filter: EntryListFilter = {}) {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'entries.viewAll', { auditDenied: false });
  let q = deps.db
    .selectFrom('entries')
    .leftJoin('units', 'units.id', 'entries.unit_id')
    .leftJoin('uploads', 'uploads.id', 'entries.active_upload_id')
    .leftJoin('users', 'users.id', 'entries.owner_user_id')
    .select([
      'entries.id',
      'entries.code',
      'entries.status',
      'entries.draft_json',
      'entries.party_kind',
      'entries.is_intake',
      'entries.submitted_at',
      'entries.updated_at',
      'units.id as unitId',
      'units.name as unitName',
      'uploads.status as fileStatus',
      'uploads.verdict_json',
      'users.full_name as ownerName',
    ])
    .where('entries.contest_id', '=', contest.id);
  if (filter.status) q = q.where('entries.status', '=', filter.status);
  if (filter.unitId) q = q.where('entries.unit_id', '=', filter.unitId);
  if (filter.fileStatus === 'none') q = q.where('entries.active_upload_id', 'is', null);
  else if (filter.fileStatus) q = q.where('uploads.status', '=', filter.fileStatus);
  if (filter.q?.trim()) {
    const term = `%${foldVietnamese(filter.q).replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) =>
      eb.or([
        eb('entries.title_folded', 'like', term),
        eb('units.name_folded', 'like', term),
        eb('entries.code', 'like', filter.q!.trim().toUpperCase()),
      ]),
    );
  }
  const rows = await q.orderBy('entries.id').execute();
  return rows.map((r) => {
    const draft = decodeDraft(r.draft_json);
    const verdict = decodeVerdict(r.verdict_json);
    return {
      id: r.id,
      code: r.code,
      status: r.status,
      title: draft.title,
      form: draft.form,
      partyKind: r.party_kind,
      isIntake: r.is_intake,
      unitId: r.unitId,
      unitName: r.unitName,
      entrantName:
        draft.isGroup && draft.groupName ? draft.groupName : (draft.authors[0]?.fullName ?? r.ownerName ?? ''),
      fileStatus: (r.fileStatus ?? 'none') as string,
      fileFailures: verdict?.failures ?? [],
      submittedAt: r.submitted_at,
      updatedAt: r.updated_at,
    };
  });
}

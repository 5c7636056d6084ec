import { AppError } from '@core/errors.ts';
import { cleanFileName } from '@core/file-name.ts';
import { licenceText } from '@core/licence.ts';
import { formatDateTime } from '@core/time.ts';
import type { Actor, Deps } from '../../context.ts';
import { entryAccess } from '../access/entry-access.ts';
import { loadContest } from '../contests/load-contest.ts';
import type { Receipt } from './send-receipt.ts';
import { decodeEventDetails, decodeVerdict } from '../../db/json-columns.ts';

/** The receipt of a submitted entry, for its owner and the staff: to show again or print. */
export async function getReceipt(deps: Deps, actor: Actor, entryId: number): Promise<Receipt> {
  const { entry, draft } = await entryAccess(deps, actor, entryId, 'read');
  if (entry.status !== 'submitted' || !entry.code || !entry.submitted_at || !entry.accepted_upload_id)
    throw new AppError('entry.notFound');
  const contest = await loadContest(deps.db, { id: entry.contest_id });
  const upload = await deps.db
    .selectFrom('uploads')
    .selectAll()
    .where('id', '=', entry.accepted_upload_id)
    .executeTakeFirstOrThrow();
  const verdict = decodeVerdict(upload.verdict_json);
  const tz = contest.settings.timeZone;
  const events = await deps.db
    .selectFrom('entry_events')
    .select('details_json')
    .where('entry_id', '=', entry.id)
    .where('kind', '=', 'submitted')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    entryId: entry.id,
    code: entry.code,
    contestName: contest.settings.name,
    title: draft.title,
    submittedAt: entry.submitted_at,
    submittedAtLocal: formatDateTime(entry.submitted_at, tz),
    timeZone: tz,
    fileName: cleanFileName(upload.filename),
    fileSizeBytes: upload.size_bytes,
    sha256: upload.sha256 ?? '',
    checksPassed: verdict?.passed ?? [],
    inGrace: Boolean(events && decodeEventDetails(events.details_json).inGrace),
    licence: licenceText(entry.licence_version),
  };
}

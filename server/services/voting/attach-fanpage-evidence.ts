import { Readable } from 'node:stream';
import { EVIDENCE_EXTENSION, evidenceImageType, MAX_EVIDENCE_BYTES } from '@core/voting/evidence-image.ts';
import { problem } from '@core/voting/messages.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { changedRows } from '../../db/dialect.ts';
import { randomToken, sha256Hex } from '../../security/tokens.ts';
import { votingError } from './voting-errors.ts';
import { loadVotingContest } from './voting-contest.ts';

/**
 * Attaches the screenshot of the post to an entry's figures (PNG, JPEG or WebP by its bytes, at most 5 MB). The one
 * who attaches it becomes the row's last editor and the confirmation is cleared: the confirmer must see this image.
 * A replaced screenshot stays in storage (its key and hash are in the audit log).
 */
export async function attachFanpageEvidence(
  deps: Deps,
  actor: Actor,
  slug: string,
  entryId: number,
  bytes: Buffer,
): Promise<{ contentType: string; size: number }> {
  const v = await loadVotingContest(deps.db, { slug });
  await authorize(deps, actor, v.contest.id, 'fanpage.record');
  const type = Buffer.isBuffer(bytes) ? evidenceImageType(bytes) : null;
  if (!type)
    throw votingError(problem('fanpage.evidenceInvalid', { maxMb: MAX_EVIDENCE_BYTES / 1024 / 1024 }), v.timeZone);
  const row = await deps.db
    .selectFrom('fanpage_counts')
    .select(['evidence_key'])
    .where('contest_id', '=', v.contest.id)
    .where('entry_id', '=', entryId)
    .executeTakeFirst();
  if (!row) throw votingError(problem('fanpage.recordFirst'), v.timeZone);
  const sha256 = sha256Hex(bytes);
  const key = `contests/${v.contest.id}/fanpage/${entryId}-${randomToken(9)}.${EVIDENCE_EXTENSION[type]}`;
  await deps.storage.putStream(key, Readable.from([bytes]), { contentType: type, sha256 });
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const n = changedRows(
      await trx
        .updateTable('fanpage_counts')
        .set({
          evidence_key: key,
          evidence_type: type,
          edited_by: actor.userId!,
          edited_at: now,
          confirmed_by: null,
          confirmed_at: null,
        })
        .where('contest_id', '=', v.contest.id)
        .where('entry_id', '=', entryId)
        .executeTakeFirst(),
    );
    if (n !== 1) throw votingError(problem('fanpage.recordFirst'), v.timeZone);
    await appendAudit(trx, deps, actor, {
      action: 'fanpage.evidence',
      contestId: v.contest.id,
      target: `entry:${entryId}`,
      details: { key, contentType: type, size: bytes.length, sha256, replaced: row.evidence_key },
    });
  });
  return { contentType: type, size: bytes.length };
}

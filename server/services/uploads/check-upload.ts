import crypto from 'node:crypto';
import fs from 'node:fs';
import { VIDEO_RULES } from '@core/video-policy.ts';
import { checkVideoFile } from '../../media/check-video-file.ts';
import type { Deps } from '../../context.ts';
import { loadContest } from '../contests/load-contest.ts';
import { startMediaPipeline } from '../media/pipeline.ts';
import { recordEntryEvent } from '../entries/record-entry-event.ts';
import { uploadPath } from './upload-files.ts';
import { changedRows } from '../../db/dialect.ts';

async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Checks one finished upload against the contest's rules (R6, R7, integrity, decode) and records the verdict with
 * the file's SHA-256. A file that passes becomes the entry's file; one that fails stays refused with its reasons so
 * the entrant can upload a new one.
 */
export async function checkUpload(deps: Deps, uploadId: string): Promise<'accepted' | 'refused' | 'skipped'> {
  const upload = await deps.db.selectFrom('uploads').selectAll().where('id', '=', uploadId).executeTakeFirst();
  if (!upload || upload.status !== 'checking') return 'skipped';
  const entry = await deps.db
    .selectFrom('entries')
    .select(['id', 'contest_id'])
    .where('id', '=', upload.entry_id)
    .executeTakeFirstOrThrow();
  const contest = await loadContest(deps.db, { id: entry.contest_id });
  const file = uploadPath(deps, uploadId);
  const [sha256, result] = await Promise.all([sha256File(file), checkVideoFile(file, contest.settings.entryRules)]);
  const failed = new Set(result.failures.map((f) => f.rule));
  const verdict = {
    ok: result.ok,
    failures: result.failures,
    passed: VIDEO_RULES.filter((r) => !failed.has(r)),
    probe: result.probe,
  };
  const status = result.ok ? 'accepted' : 'refused';
  const at = deps.clock().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('uploads')
      .set({ status, sha256, verdict_json: JSON.stringify(verdict), checked_at: at })
      .where('id', '=', uploadId)
      .where('status', '=', 'checking')
      .executeTakeFirst();
    if (changedRows(done) !== 1) return;
    if (result.ok) {
      await trx
        .updateTable('entries')
        .set({ accepted_upload_id: uploadId, updated_at: at })
        .where('id', '=', entry.id)
        .where('active_upload_id', '=', uploadId)
        .where('status', '=', 'draft')
        .execute();
    }
    await recordEntryEvent(trx, entry.id, at, null, result.ok ? 'file.accepted' : 'file.refused', {
      rules: [...failed],
    });
  });
  // The move to S3, renditions and originality screening; a send lost here is made up by the worker's housekeeping.
  if (result.ok) await startMediaPipeline(deps, uploadId);
  return status;
}

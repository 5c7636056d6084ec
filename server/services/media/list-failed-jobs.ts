/**
 * The media jobs of a contest that failed for good (checks, moves to S3, renditions, fingerprints), with their last
 * error, for the organizer and secretariat to read and retry once the cause is fixed.
 */
import { authorize } from '../access/authorize.ts';
import type { Actor, Deps } from '../../context.ts';
import { findContestRow } from '../contests/load-contest.ts';
import { decodeDraft } from '../../db/json-columns.ts';

export interface FailedJobView {
  id: string;
  name: string;
  entryId: number;
  entryCode: string | null;
  entryTitle: string;
  attempts: number;
  maxAttempts: number;
  /** The last run's error, with the server's own paths taken out. */
  lastError: string | null;
  failedAt: string | null;
}

/** Error texts can carry file paths of this server; staff see them without. */
function scrubPaths(deps: Pick<Deps, 'config'>, text: string | null): string | null {
  if (text === null) return null;
  let out = text;
  for (const p of [deps.config.uploadDir, deps.config.dataDir].filter(Boolean)) out = out.split(p).join('…');
  return out.slice(0, 2000);
}

/** The failed jobs whose upload belongs to the contest, newest first. */
export async function failedJobsOfContest(deps: Deps, contestId: number): Promise<FailedJobView[]> {
  const failed = await deps.jobs.listFailed({ limit: 500 });
  const byUpload = new Map<string, typeof failed>();
  for (const j of failed) {
    const uploadId = (j.payload as { uploadId?: unknown } | null)?.uploadId;
    if (typeof uploadId === 'string') byUpload.set(uploadId, [...(byUpload.get(uploadId) ?? []), j]);
  }
  if (!byUpload.size) return [];
  const rows = await deps.db
    .selectFrom('uploads')
    .innerJoin('entries', 'entries.id', 'uploads.entry_id')
    .select(['uploads.id', 'entries.id as entryId', 'entries.code', 'entries.draft_json'])
    .where('entries.contest_id', '=', contestId)
    .where('uploads.id', 'in', [...byUpload.keys()])
    .execute();
  const out: FailedJobView[] = [];
  for (const r of rows) {
    const title = decodeDraft(r.draft_json).title;
    for (const j of byUpload.get(r.id) ?? []) {
      out.push({
        id: j.id,
        name: j.name,
        entryId: r.entryId,
        entryCode: r.code,
        entryTitle: title,
        attempts: j.attempts,
        maxAttempts: j.maxAttempts,
        lastError: scrubPaths(deps, j.lastError),
        failedAt: j.completedAt,
      });
    }
  }
  return out.sort((a, b) => String(b.failedAt).localeCompare(String(a.failedAt)));
}

export async function listFailedJobs(deps: Deps, actor: Actor, slug: string): Promise<FailedJobView[]> {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'media.manage', { auditDenied: false });
  return failedJobsOfContest(deps, contest.id);
}

/** Entries with a real accepted file, and their originality flags, for the R9 screening tests. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { expect } from 'vitest';
import { decodeRanges } from '../../server/db/json-columns.ts';
import { completeDraft } from './entries.ts';
import { loggedInClient, type TestApp } from './test-app.ts';
import { uploadPath } from '../../server/services/uploads/upload-files.ts';

export interface Owner {
  id: number;
  email: string;
  password: string;
}

export async function newEntry(t: TestApp, owner: Owner): Promise<number> {
  const c = await loggedInClient(t, owner.email, owner.password);
  const res = await c.post(
    `/api/contests/${t.demoSlug}/entries`,
    completeDraft({ kind: 'person' }, { title: `Phóng sự ${Math.random().toString(36).slice(2, 6)}` }),
  );
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

/** An entry whose accepted file is `file`, as the checks would leave it (no job queued: the tests run the service). */
export async function acceptedUpload(t: TestApp, owner: Owner, file: string): Promise<string> {
  const entryId = await newEntry(t, owner);
  const uploadId = crypto.randomBytes(24).toString('base64url');
  fs.copyFileSync(file, uploadPath(t.deps, uploadId));
  const at = new Date().toISOString();
  await t.deps.db
    .insertInto('uploads')
    .values({
      id: uploadId,
      entry_id: entryId,
      user_id: owner.id,
      size_bytes: fs.statSync(file).size,
      filename: 'phong-su.mp4',
      status: 'accepted',
      sha256: null,
      verdict_json: null,
      created_at: at,
      completed_at: at,
      checked_at: at,
    })
    .execute();
  await t.deps.db
    .updateTable('entries')
    .set({ active_upload_id: uploadId, accepted_upload_id: uploadId })
    .where('id', '=', entryId)
    .execute();
  return uploadId;
}

/** The flags raised by the screening of `uploadId`, ranges read as any reader would (`kind` defaults to video). */
export async function flagsOf(t: TestApp, uploadId: string) {
  const rows = await t.deps.db.selectFrom('originality_flags').selectAll().where('upload_id', '=', uploadId).execute();
  return rows.map((r) => ({
    other: r.other_upload_id,
    reference: r.reference_id === null ? null : Number(r.reference_id),
    score: Number(r.score),
    ranges: decodeRanges(r.ranges_json),
  }));
}

/**
 * The issued certificates for printing: the whole batch as one PDF, or as a ZIP of one PDF per certificate, both
 * written into a stream as they are drawn (ADR 0022: time and memory flat in the count); or one certificate alone.
 * Revoked and replaced certificates are not printed. Each download is audited.
 */
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { Zip, ZipPassThrough } from 'fflate';
import { AppError } from '@core/errors.ts';
import type { Actor, Deps } from '../../context.ts';
import { certificatesPdf, writeCertificates } from '../../documents/certificate-pdf.ts';
import { appendAudit } from '../audit/append-audit.ts';
import { authorize } from '../access/authorize.ts';
import { findContestRow, settingsOf } from '../contests/load-contest.ts';
import { modelOf, type CertificateRow } from './certificate-rows.ts';

async function validCertificates(deps: Deps, actor: Actor, slug: string, format: string, id?: number) {
  const contest = await findContestRow(deps.db, { slug });
  await authorize(deps, actor, contest.id, 'documents.generate');
  let q = deps.db
    .selectFrom('certificates')
    .selectAll()
    .where('contest_id', '=', contest.id)
    .where('status', '=', 'valid')
    .orderBy('year')
    .orderBy('seq');
  if (id !== undefined) q = q.where('id', '=', id);
  const rows = await q.execute();
  if (rows.length === 0) throw new AppError(id === undefined ? 'certificates.noneIssued' : 'certificates.notFound');
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps, actor, {
      action: 'certificates.printed',
      contestId: contest.id,
      target: id === undefined ? `contest:${contest.id}` : `certificate:${id}`,
      details: { format, count: rows.length },
    }),
  );
  const name = settingsOf(contest).name;
  const models = function* () {
    for (const r of rows) yield modelOf(r, name, deps.config.publicUrl);
  };
  return { rows, models };
}

/** One PDF, a page per certificate, streamed. */
export async function certificatesPdfStream(deps: Deps, actor: Actor, slug: string): Promise<Readable> {
  const { models } = await validCertificates(deps, actor, slug, 'pdf');
  const out = new PassThrough();
  writeCertificates(models(), out).catch((err: Error) => out.destroy(err));
  return out;
}

/** The file name of one certificate in the ZIP: its number, which is unique in the contest's year. */
export function certificateFileName(row: Pick<CertificateRow, 'year' | 'seq' | 'entry_code'>): string {
  return `GCN-${row.year}-${String(row.seq).padStart(3, '0')}-${row.entry_code.replace(/[^\w-]+/g, '_')}.pdf`;
}

/** A ZIP of single PDFs, each drawn and added in turn; PDFs are compressed already, so they are stored as they are. */
export async function certificatesZipStream(deps: Deps, actor: Actor, slug: string): Promise<Readable> {
  const { rows, models } = await validCertificates(deps, actor, slug, 'zip');
  const out = new PassThrough();
  const zip = new Zip((err, chunk, final) => {
    if (err) return void out.destroy(err);
    out.write(Buffer.from(chunk));
    if (final) out.end();
  });
  void (async () => {
    let i = 0;
    for (const model of models()) {
      const file = new ZipPassThrough(certificateFileName(rows[i++]!));
      zip.add(file);
      file.push(await certificatesPdf([model]), true);
      // Draw the next one only when the reader has taken this one: memory stays flat however slow the download.
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    zip.end();
  })().catch((err: Error) => out.destroy(err));
  return out;
}

export async function certificatePdf(deps: Deps, actor: Actor, slug: string, id: number): Promise<Buffer> {
  const { models } = await validCertificates(deps, actor, slug, 'pdf', id);
  return certificatesPdf(models());
}

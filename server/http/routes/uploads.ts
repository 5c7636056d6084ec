import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Server as TusServer } from '@tus/server';
import { AppError } from '@core/errors.ts';
import type { Deps } from '../../context.ts';
import { authorizeUpload } from '../../services/access/authorize-upload.ts';
import { checkUploadAllowed } from '../../services/uploads/begin-upload.ts';
import { setTusCaller, TUS_PATH, TUS_VERSION, uploadBadRequest, type UploadField } from '../../uploads/tus-server.ts';

function metadataOf(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (header ?? '').split(',')) {
    const [k, v] = pair.trim().split(' ');
    if (k) out[k] = v ? Buffer.from(v, 'base64').toString('utf8') : '';
  }
  return out;
}

/**
 * The tus endpoint. Authorization happens here, in the services, before the raw request reaches tus: creating an
 * upload needs write access to a draft entry while submissions are open; resuming needs the same person and the
 * entry's active upload. The body is streamed to disk by tus, never buffered.
 */
export function uploadRoutes(app: FastifyInstance, deps: Deps, createTus: () => TusServer): void {
  let tus: TusServer | null = null;
  app.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));

  async function handOver(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    // tus itself would answer this in plain text; the app's clients read the usual JSON error.
    if (req.headers['tus-resumable'] !== TUS_VERSION) throw new AppError('upload.tusResumable');
    setTusCaller(req.raw, req.actor, req.lang);
    reply.hijack();
    tus ??= createTus();
    await tus.handle(req.raw, reply.raw);
  }

  app.post(TUS_PATH, { schema: { hide: true } }, async (req, reply) => {
    if (req.actor.userId === null) throw new AppError('auth.required');
    const meta = metadataOf(req.headers['upload-metadata'] as string | undefined);
    const entryId = Number(meta.entryId);
    const size = Number(req.headers['upload-length']);
    const wrong: UploadField[] = [];
    if (!Number.isInteger(entryId) || entryId <= 0) wrong.push('Upload-Metadata.entryId');
    if (!Number.isFinite(size) || size < 0) wrong.push('Upload-Length');
    if (wrong.length) throw uploadBadRequest(wrong);
    await checkUploadAllowed(deps, req.actor, entryId, size);
    await handOver(req, reply);
  });

  for (const method of ['HEAD', 'PATCH', 'DELETE'] as const) {
    app.route({
      method,
      url: `${TUS_PATH}/:uploadId`,
      schema: { hide: true },
      handler: async (req, reply) => {
        if (req.actor.userId === null) throw new AppError('auth.required');
        // tus must act on the very upload authorized here: no query string, nothing after the id.
        if (req.raw.url?.includes('?')) throw new AppError('upload.notFound');
        await authorizeUpload(deps, req.actor, (req.params as { uploadId: string }).uploadId);
        await handOver(req, reply);
      },
    });
  }
}

import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { EVENTS, Server as TusServer } from '@tus/server';
import { FileStore } from '@tus/file-store';
import { AppError, errorMessage, type Lang } from '@core/errors.ts';
import { randomToken } from '../security/tokens.ts';
import type { Actor, Deps } from '../context.ts';
import { registerUpload } from '../services/uploads/begin-upload.ts';
import { finishUpload } from '../services/uploads/finish-upload.ts';
import { cancelUpload } from '../services/uploads/cancel-upload.ts';

export const TUS_PATH = '/api/uploads';
/** The tus protocol version this server speaks, required in every request's `Tus-Resumable` header. */
export const TUS_VERSION = '1.0.0';
const UPLOAD_URL = /^\/api\/uploads\/([A-Za-z0-9_-]{16,64})$/;

/** The caller of each tus request, set by the HTTP route before it hands the raw request to tus. */
const callers = new WeakMap<IncomingMessage, { actor: Actor; lang: Lang }>();

export function setTusCaller(req: IncomingMessage, actor: Actor, lang: Lang): void {
  callers.set(req, { actor, lang });
}

function callerOf(req: unknown): { actor: Actor; lang: Lang } {
  const node = (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
  const c = node && callers.get(node);
  if (!c) throw { status_code: 401, body: 'auth.required' };
  return c;
}

function tusError(err: unknown, lang: Lang): { status_code: number; body: string } {
  if (err instanceof AppError) {
    const error = { code: err.code, message: errorMessage(err.code, lang, err.params), details: err.details };
    return { status_code: err.status, body: JSON.stringify({ error }) };
  }
  throw err;
}

/**
 * tus's own refusals (a wrong `Upload-Offset`, an invalid header) are plain text; they become the app's JSON error
 * body with tus's status kept and its words as the reason. Our own refusals are JSON already.
 */
function tusProtocolError(req: unknown, err: { status_code?: number; body?: string }) {
  if (!err.body || err.body.startsWith('{')) return undefined;
  let lang: Lang = 'vi';
  try {
    lang = callerOf(req).lang;
  } catch {
    // No caller recorded: the default language.
  }
  const status = err.status_code ?? 500;
  // A server fault's text may name internals: the caller gets the usual "internal" message.
  if (status >= 500)
    return {
      status_code: status,
      body: JSON.stringify({ error: { code: 'internal', message: errorMessage('internal', lang) } }),
    };
  const reason = err.body.trim();
  const error = {
    code: 'upload.protocol',
    message: errorMessage('upload.protocol', lang, { reason }),
    details: { reason },
  };
  return { status_code: status, body: JSON.stringify({ error }) };
}

/** What a creation request must carry: the entry in its metadata, and the file's size. */
export type UploadField = 'Upload-Metadata.entryId' | 'Upload-Length';
const UPLOAD_FIELDS: Record<UploadField, { vi: string; en: string }> = {
  'Upload-Metadata.entryId': {
    vi: 'mã tác phẩm (khóa entryId của Upload-Metadata)',
    en: 'the entry id (key entryId of Upload-Metadata)',
  },
  'Upload-Length': { vi: 'dung lượng tệp (tiêu đề Upload-Length)', en: 'the file size (header Upload-Length)' },
};

/** `upload.badRequest` naming the headers that are missing or wrong, in the message and in `details.fields`. */
export function uploadBadRequest(fields: UploadField[]): AppError {
  const list = (lang: 'vi' | 'en') => fields.map((f) => UPLOAD_FIELDS[f][lang]).join(lang === 'vi' ? ' và ' : ' and ');
  return new AppError('upload.badRequest', { fields: { vi: list('vi'), en: list('en') } }, { fields });
}

/**
 * tus (resumable upload) server on local disk. Upload ids are 32 random bytes, so they cannot be guessed; the file on
 * disk is named by that id, never by the client's file name.
 */
export function createTusServer(deps: Deps): TusServer {
  fs.mkdirSync(deps.config.uploadDir, { recursive: true });
  const datastore = new FileStore({
    directory: deps.config.uploadDir,
    expirationPeriodInMilliseconds: deps.config.uploadExpiryHours * 3600000,
  });
  const server = new TusServer({
    path: TUS_PATH,
    datastore,
    relativeLocation: true,
    respectForwardedHeaders: deps.config.trustProxy !== false,
    maxSize: 64 * 1024 ** 3,
    namingFunction: () => randomToken(32),
    // The id comes from the URL's path alone, exactly as the HTTP route authorized it; never from a query string.
    getFileIdFromRequest: (req) => UPLOAD_URL.exec(new URL(req.url).pathname)?.[1],
    onResponseError: (req, err) => tusProtocolError(req, err as { status_code?: number; body?: string }),
    async onUploadCreate(req, upload) {
      const { actor, lang } = callerOf(req);
      if (actor.userId === null) throw tusError(new AppError('auth.required'), lang);
      const entryId = Number(upload.metadata?.entryId);
      const wrong: UploadField[] = [];
      if (!Number.isInteger(entryId) || entryId <= 0) wrong.push('Upload-Metadata.entryId');
      if (upload.size === undefined) wrong.push('Upload-Length');
      if (wrong.length || upload.size === undefined) throw tusError(uploadBadRequest(wrong), lang);
      try {
        const { replaced } = await registerUpload(
          deps,
          { ...actor, userId: actor.userId },
          { uploadId: upload.id, entryId, sizeBytes: upload.size, filename: upload.metadata?.filename ?? 'video.mp4' },
        );
        for (const id of replaced) await datastore.remove(id).catch(() => {});
      } catch (err) {
        throw tusError(err, lang);
      }
      return {};
    },
    async onUploadFinish(_req, upload) {
      await finishUpload(deps, upload.id);
      return {};
    },
  });
  server.on(EVENTS.POST_TERMINATE, (_req: unknown, _res: unknown, id: string) => {
    cancelUpload(deps, id).catch((err: unknown) =>
      deps.logger.error({ err, uploadId: id }, 'could not record a cancelled upload'),
    );
  });
  return server;
}

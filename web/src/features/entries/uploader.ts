/**
 * The resumable upload of an entry's video (tus, through Uppy), without Uppy's own interface: the page draws its
 * progress bar and buttons from the callbacks. Loaded on demand, so Uppy stays out of every other page's bundle.
 *
 * Resuming: Uppy keeps each upload's address in localStorage under a fingerprint made of this Uppy's id (one per
 * entry) and the file's name, type, size and date. When the page is closed and reopened, or the browser restarts, and
 * the same file is chosen again, the upload asks the server how far it got (HEAD) and sends only the rest.
 */
import Uppy, { type Meta } from '@uppy/core';
import Tus from '@uppy/tus';
import en_US from '@uppy/locales/lib/en_US.js';
import vi_VN from '@uppy/locales/lib/vi_VN.js';
import { currentCsrfToken, forgetCsrfToken } from '../../api/client.ts';

const CHUNK_SIZE = 50 * 1024 * 1024;

/**
 * Waits between retries after a failed request. A network that comes back resets the count (progress resets it),
 * and while the browser is offline the upload simply waits for it to come back online.
 */
const RETRY_DELAYS = [
  0, 1000, 2000, 3000, 5000, 10_000, 15_000, 20_000, 30_000, 30_000, 60_000, 60_000, 60_000, 60_000, 60_000,
];

interface UploadCallbacks {
  onProgress(bytesSent: number, bytesTotal: number): void;
  /** A request failed for the network; the upload will try again by itself. */
  onRetrying(): void;
  /** Bytes flow again after a failure. */
  onFlowing(): void;
  onSuccess(): void;
  /** The upload stopped for good: the server's message when it sent one (already in the user's language). */
  onError(serverMessage: string | null, status: number | null): void;
}

export interface UploadHandle {
  pause(): void;
  resume(): void;
  /** Stops and deletes the partial upload on the server. */
  cancel(): void;
  /** Stops without deleting: the upload can be resumed later with the same file. */
  dispose(): void;
}

type M = Meta & { entryId: string; filename: string };

function statusOf(err: unknown): number | null {
  const res = (err as { originalResponse?: { getStatus(): number } | null } | null)?.originalResponse;
  return res ? res.getStatus() : null;
}

function bodyOf(err: unknown): string {
  const res = (err as { originalResponse?: { getBody(): string } | null } | null)?.originalResponse;
  try {
    return res?.getBody() ?? '';
  } catch {
    return '';
  }
}

/** The `{error:{message}}` of the server's answer, when there is one. */
function serverMessage(text: string | undefined | null): string | null {
  if (!text) return null;
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } };
    return typeof body.error?.message === 'string' ? body.error.message : null;
  } catch {
    return null;
  }
}

export function startUpload(opts: { entryId: number; file: File; lang: 'vi' | 'en' } & UploadCallbacks): UploadHandle {
  const uppy = new Uppy<M, Record<string, never>>({
    id: `entry-${opts.entryId}`,
    autoProceed: false,
    allowMultipleUploadBatches: true,
    restrictions: { maxNumberOfFiles: 1 },
    locale: opts.lang === 'en' ? en_US : vi_VN,
  });
  let failing = false;
  let lastError: { message: string | null; status: number | null } = { message: null, status: null };

  uppy.use(Tus, {
    endpoint: '/api/uploads',
    chunkSize: CHUNK_SIZE,
    retryDelays: RETRY_DELAYS,
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
    allowedMetaFields: ['entryId', 'filename'],
    limit: 1,
    // The token is read before every request, so that one refreshed after a refusal is used at once.
    async onBeforeRequest(req) {
      req.setHeader('X-CSRF-Token', await currentCsrfToken());
      req.setHeader('X-Lang', opts.lang);
      req.setHeader('Accept-Language', opts.lang);
    },
    onShouldRetry(err, attempt, _options, next) {
      const status = statusOf(err);
      if (status === 403 && bodyOf(err).includes('auth.csrf') && attempt < 2) {
        forgetCsrfToken();
        return true;
      }
      const retry = next(err);
      if (retry && (status === null || status >= 500)) {
        failing = true;
        opts.onRetrying();
      }
      if (!retry) lastError = { message: serverMessage(bodyOf(err)), status };
      return retry;
    },
  });

  const offline = () => {
    failing = true;
    opts.onRetrying();
  };
  uppy.on('upload-progress', (_file, p) => {
    const total = p.bytesTotal ?? opts.file.size;
    // "Everything sent" is said by the server's answer (success), not by the browser: when a connection breaks,
    // Chromium may report the whole body as sent although the server never got it.
    if (p.bytesUploaded >= total) return;
    if (failing) {
      failing = false;
      opts.onFlowing();
    }
    opts.onProgress(p.bytesUploaded, total);
  });
  uppy.on('upload-success', () => {
    window.removeEventListener('offline', offline);
    opts.onSuccess();
  });
  uppy.on('upload-error', (_file, error, response) => {
    window.removeEventListener('offline', offline);
    const xhr = (response?.body as { xhr?: XMLHttpRequest } | undefined)?.xhr;
    const message =
      serverMessage(xhr?.responseText) ??
      lastError.message ??
      serverMessage(bodyOf((error as { cause?: unknown }).cause));
    opts.onError(message, response?.status ?? lastError.status ?? statusOf(error));
  });
  window.addEventListener('offline', offline);

  const fileId = uppy.addFile({
    name: opts.file.name,
    type: opts.file.type || 'video/mp4',
    data: opts.file,
    source: 'local',
    meta: { entryId: String(opts.entryId), filename: opts.file.name },
  });
  void uppy.upload().catch(() => {
    /* reported through upload-error */
  });

  return {
    pause: () => {
      if (!uppy.getFile(fileId)?.isPaused) uppy.pauseResume(fileId);
    },
    resume: () => {
      if (uppy.getFile(fileId)?.isPaused) uppy.pauseResume(fileId);
    },
    cancel: () => {
      window.removeEventListener('offline', offline);
      uppy.removeFile(fileId);
      uppy.destroy();
    },
    dispose: () => {
      window.removeEventListener('offline', offline);
      // Pausing aborts the request without deleting the upload on the server, so it can be resumed later.
      const f = uppy.getFile(fileId);
      if (f && !f.progress.uploadComplete && !f.isPaused) uppy.pauseResume(fileId);
    },
  };
}

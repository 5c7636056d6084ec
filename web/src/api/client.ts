import { currentLanguage } from '../i18n/index.ts';

/** One field's complaint from the server, e.g. `{ path: 'prizes.0.amountVnd', message: '…' }`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** An error answered by the API: `message` is already in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The validation issues of a `validation` error (empty for other errors). */
  get issues(): FieldIssue[] {
    const issues = (this.details as { issues?: unknown } | undefined)?.issues;
    if (!Array.isArray(issues)) return [];
    return issues.filter((i): i is FieldIssue => typeof i?.path === 'string' && typeof i?.message === 'string');
  }
}

let csrfToken: string | null = null;

/** The token every state-changing request echoes; set from the session and from the login answer. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is, e.g. a file picked for import. */
  raw?: { body: Blob; contentType: string };
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', 'X-Lang': currentLanguage() };
  let body: BodyInit | undefined;
  if (opts.raw) {
    headers['Content-Type'] = opts.raw.contentType;
    body = opts.raw.body;
  } else if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  }
  if (method !== 'GET') {
    if (csrfToken === null) await refreshCsrfToken();
    headers['X-CSRF-Token'] = csrfToken ?? '';
  }
  return fetch(path, { method, headers, body, credentials: 'same-origin' });
}

/** The token for a request made outside `api()` (the resumable uploads), fetched first when not known yet. */
export async function currentCsrfToken(): Promise<string> {
  if (csrfToken === null) await refreshCsrfToken();
  return csrfToken ?? '';
}

/** Forgets the token after the server refused it, so that the next request fetches a fresh one. */
export function forgetCsrfToken(): void {
  csrfToken = null;
}

async function refreshCsrfToken(): Promise<void> {
  const res = await fetch('/api/auth/session', {
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-Lang': currentLanguage() },
  });
  if (res.ok) setCsrfToken(((await res.json()) as { csrfToken: string }).csrfToken);
}

async function toError(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; details?: unknown };
  } | null;
  const e = body?.error;
  return new ApiError(res.status, e?.code ?? 'internal', e?.message ?? res.statusText, e?.details);
}

/**
 * Calls the API and returns its JSON. A request refused for its CSRF token (the session changed in another tab,
 * or expired) is retried once with a fresh token.
 */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  let res = await send(path, opts);
  if (res.status === 403 && (opts.method ?? 'GET') !== 'GET') {
    const err = await toError(res);
    if (err.code !== 'auth.csrf') throw err;
    await refreshCsrfToken();
    res = await send(path, opts);
  }
  if (!res.ok) throw await toError(res);
  return (await res.json()) as T;
}

/** A path segment or query value, encoded. */
export function enc(s: string | number): string {
  return encodeURIComponent(String(s));
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, CONTEST_ROLES } from '@core/roles.ts';
import type { ErrorBody, ValidationIssue } from '../helpers/api-types.ts';
import { dialectUnderTest } from '../helpers/test-db.ts';
import { Client, loggedInClient, startTestApp, type TestApp } from '../helpers/test-app.ts';

interface Operation {
  summary?: string;
  description?: string;
  'x-roles'?: string[];
  parameters?: { name: string; in: string; required?: boolean; schema?: { enum?: string[] } }[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
  responses: Record<string, { description?: string; headers?: Record<string, unknown> }>;
}

interface OpenApiDoc {
  openapi: string;
  info: { description: string };
  paths: Record<string, Record<string, Operation> & { description?: string }>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** The tus routes: registered hidden (no zod schema), described by hand in server/uploads/tus-openapi.ts. */
const TUS_OPERATIONS = [
  'POST /api/uploads',
  'HEAD /api/uploads/:uploadId',
  'PATCH /api/uploads/:uploadId',
  'DELETE /api/uploads/:uploadId',
];
const CALLERS = ['anyone', 'signedIn', 'entryOwner', 'siteAdmin', ...CONTEST_ROLES];

async function openApi(): Promise<OpenApiDoc> {
  return (await new Client(t.app).get('/api/openapi.json')).json<OpenApiDoc>();
}

function operations(doc: OpenApiDoc): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.entries(item)
      .filter(([m]) => METHODS.includes(m))
      .map(([m, op]): [string, Operation] => [`${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`, op as Operation]),
  );
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('API description', () => {
  it('documents every endpoint in OpenAPI with its request and response schemas', async () => {
    const doc = await openApi();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = operations(doc).map(([op]) => op);
    const registered = t.app.apiRoutes.filter((r) => !r.hidden).map((r) => `${r.method} ${r.url}`);
    const hidden = t.app.apiRoutes.filter((r) => r.hidden).map((r) => `${r.method} ${r.url}`);
    expect(hidden).toEqual(expect.arrayContaining(TUS_OPERATIONS));
    expect(documented.sort()).toEqual([...registered, ...TUS_OPERATIONS].sort());
    const put = doc.paths['/api/contests/{slug}']!.put!;
    expect(put.requestBody!.content['application/json']!.schema.properties).toHaveProperty('entryRules');
    expect(put.responses).toHaveProperty('200');
  });

  it('gives every operation a summary, a description and the roles that may call it', async () => {
    const doc = await openApi();
    const lacking = operations(doc)
      .filter(([, op]) => !op.summary?.trim() || !op.description?.trim() || !op['x-roles']?.length)
      .map(([name]) => name);
    expect(lacking).toEqual([]);
    for (const [name, op] of operations(doc)) {
      const roles = op['x-roles']!;
      expect(
        roles.filter((r) => !CALLERS.includes(r)),
        name,
      ).toEqual([]);
      expect(op.description, name).toContain('Roles: ');
    }
    // The roles come from core/roles.ts, the rules the services apply.
    const units = doc.paths['/api/contests/{slug}/units']!;
    expect(units.get!['x-roles']).toEqual([...ACTIONS['units.view'], 'siteAdmin']);
    expect(units.post!['x-roles']).toEqual([...ACTIONS['units.edit'], 'siteAdmin']);
    expect(doc.paths['/api/entries/{entryId}/reviews']!.post!['x-roles']).toEqual([
      ...ACTIONS['entries.review'],
      'siteAdmin',
    ]);
    expect(doc.paths['/api/public/contests/{slug}/gallery']!.get!['x-roles']).toEqual(['anyone']);
    expect(doc.info.description).toContain('X-CSRF-Token');
  });

  it('describes the tus endpoint: methods, headers, metadata keys, the query-string rule, errors', async () => {
    const doc = await openApi();
    const create = doc.paths['/api/uploads']!;
    const upload = doc.paths['/api/uploads/{uploadId}']!;
    expect(Object.keys(create).filter((k) => METHODS.includes(k))).toEqual(['post']);
    expect(
      Object.keys(upload)
        .filter((k) => METHODS.includes(k))
        .sort(),
    ).toEqual(['delete', 'head', 'patch']);
    const headers = (op: Operation) => (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
    expect(headers(create.post!)).toEqual(['Tus-Resumable', 'Upload-Length', 'Upload-Metadata', 'X-CSRF-Token']);
    expect(headers(upload.patch!)).toEqual(['Tus-Resumable', 'Upload-Offset', 'Content-Type', 'X-CSRF-Token']);
    expect(headers(upload.delete!)).toEqual(['Tus-Resumable', 'X-CSRF-Token']);
    expect(headers(upload.head!)).toEqual(['Tus-Resumable']);
    const contentType = upload.patch!.parameters!.find((p) => p.name === 'Content-Type')!;
    expect(contentType.schema!.enum).toEqual(['application/offset+octet-stream']);
    expect(create.post!.description).toMatch(/`entryId`.*`filename`/s);
    expect(create.post!.responses['201']!.headers).toHaveProperty('Location');
    expect(upload.head!.responses['200']!.headers).toHaveProperty('Upload-Offset');
    expect(Object.keys(create.post!.responses)).toEqual(['201', '400', '401', '403', '404', '409', '412', '413']);
    expect(upload.patch!.responses['409']!.description).toContain('Upload-Offset conflict');
    expect(upload.description).toContain('query string');
    expect(create.description).toContain('`OPTIONS` (tus discovery) is not served (404)');
  });

  it('answers the tus endpoint as its description says', async () => {
    const c = await loggedInClient(t, t.admin.email, t.admin.password);
    const tus = (method: string, url: string, headers: Record<string, string>) =>
      c.request(method, url, undefined, { headers: { 'tus-resumable': '1.0.0', ...headers } });
    const noEntry = await tus('POST', '/api/uploads', { 'upload-length': '10' });
    expect(noEntry.statusCode).toBe(400);
    expect(noEntry.json<ErrorBody>().error).toEqual({
      code: 'upload.badRequest',
      message: 'Yêu cầu tải lên không hợp lệ: thiếu hoặc sai mã tác phẩm (khóa entryId của Upload-Metadata).',
      details: { fields: ['Upload-Metadata.entryId'] },
    });
    c.lang = 'en';
    const neither = await tus('POST', '/api/uploads', { 'upload-metadata': 'filename dmlkZW8ubXA0' });
    expect(neither.json<ErrorBody>().error).toMatchObject({
      message:
        'The upload request is not valid; missing or wrong: the entry id (key entryId of Upload-Metadata) and ' +
        'the file size (header Upload-Length).',
      details: { fields: ['Upload-Metadata.entryId', 'Upload-Length'] },
    });
    const noCsrf = await tus('PATCH', '/api/uploads/AAAAAAAAAAAAAAAAAAAAAA', { 'x-csrf-token': '' });
    expect(noCsrf.json<ErrorBody>().error.code).toBe('auth.csrf');
    const withQuery = await tus('PATCH', '/api/uploads/AAAAAAAAAAAAAAAAAAAAAA?x=1', {});
    expect(withQuery.json<ErrorBody>().error.code).toBe('upload.notFound');
    expect((await c.request('OPTIONS', '/api/uploads')).statusCode).toBe(404);
  });

  it('reports health with the database in use', async () => {
    const res = await new Client(t.app).get('/api/health');
    expect(res.json()).toMatchObject({ status: 'ok', database: dialectUnderTest });
  });

  it("answers unknown API paths with a JSON error in the caller's language", async () => {
    const c = new Client(t.app);
    expect((await c.get('/api/khong-co')).json()).toEqual({ error: { code: 'notFound', message: 'Không tìm thấy.' } });
    c.lang = 'en';
    expect((await c.get('/api/nothing')).json().error.message).toBe('Not found.');
  });

  it('refuses malformed JSON with a clear error, not a crash', async () => {
    const c = new Client(t.app);
    await c.refresh();
    const res = await c.request('POST', '/api/auth/login', undefined, {
      raw: Buffer.from('{"identifier":'),
      contentType: 'application/json',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation');
  });

  it('names each wrong field of a body, query or path and what it expects, in Vietnamese and English', async () => {
    const c = new Client(t.app);
    const body = { fullName: 'X', email: 'khong-phai-thu', password: 'mat-khau-du-dai', locale: 'fr' };
    const vi = (await c.post('/api/auth/register', body)).json<ErrorBody>().error;
    expect(vi.code).toBe('validation');
    expect(vi.message).toBe(
      'Dữ liệu gửi lên không hợp lệ ở 3 trường: fullName, email, locale. ' +
        'Hãy sửa theo hướng dẫn ở từng trường rồi gửi lại.',
    );
    expect((vi.details as { issues: ValidationIssue[] }).issues).toEqual([
      { in: 'body', path: 'fullName', code: 'too_small', message: 'Cần ít nhất 2 ký tự.' },
      {
        in: 'body',
        path: 'email',
        code: 'invalid_format',
        message: 'Địa chỉ thư điện tử không hợp lệ (ví dụ đúng: ten@example.vn).',
      },
      { in: 'body', path: 'locale', code: 'invalid_value', message: 'Phải là một trong các giá trị: "vi", "en".' },
    ]);

    c.lang = 'en';
    const en = (await c.post('/api/auth/register', body)).json<ErrorBody>().error;
    expect(en.message).toBe(
      'The data sent is not valid in 3 fields: fullName, email, locale. Fix each as its message says and send ' +
        'it again.',
    );
    expect((en.details as { issues: ValidationIssue[] }).issues.map((i) => i.message)).toEqual([
      'Needs at least 2 characters.',
      'Not a valid e-mail address (for example name@example.vn).',
      'Must be one of: "vi", "en".',
    ]);
    const missing = (await c.post('/api/auth/login', {})).json<ErrorBody>().error;
    expect((missing.details as { issues: ValidationIssue[] }).issues).toEqual([
      {
        in: 'body',
        path: 'identifier',
        code: 'invalid_type',
        message: 'Missing or of the wrong type: expected a string.',
      },
      {
        in: 'body',
        path: 'password',
        code: 'invalid_type',
        message: 'Missing or of the wrong type: expected a string.',
      },
    ]);

    const admin = await loggedInClient(t, t.admin.email, t.admin.password);
    admin.lang = 'en';
    const query = (await admin.get(`/api/contests/${t.demoSlug}/entries?status=sent`)).json<ErrorBody>().error;
    expect(query.message).toContain('in one field: query parameter status.');
    expect((query.details as { issues: ValidationIssue[] }).issues).toEqual([
      { in: 'querystring', path: 'status', code: 'invalid_value', message: 'Must be one of: "draft", "submitted".' },
    ]);
    admin.lang = 'vi';
    const param = (await admin.get('/api/entries/0')).json<ErrorBody>().error;
    expect(param.message).toContain('ở 1 trường: tham số đường dẫn entryId.');
    expect((param.details as { issues: ValidationIssue[] }).issues[0]).toMatchObject({
      in: 'params',
      message: 'Mã số phải viết bằng chữ số thập phân, không có số 0 ở đầu, dấu hay khoảng trắng (ví dụ đúng: 42).',
    });
  });
});

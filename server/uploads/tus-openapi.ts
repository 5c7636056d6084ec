import { ERRORS } from '@core/errors.ts';
import type { Caller } from '../http/openapi.ts';
import { TUS_PATH } from './tus-server.ts';

/**
 * The tus endpoint in the OpenAPI document. Its routes hand the raw request to @tus/server, so they have no zod
 * schemas to describe them; this is written by hand from server/http/routes/uploads.ts, server/uploads/tus-server.ts
 * and ADR 0005, and tests/integration/api.test.ts checks it against what the server does.
 */

const ROLES: Caller[] = ['entryOwner', 'organizer', 'secretariat', 'siteAdmin'];
const ROLES_TEXT =
  '\n\nRoles: entryOwner, and for an entry registered through intake the organizer or secretariat (siteAdmin too).';

const jsonError = (codes: string[], note = '') => ({
  description:
    `JSON error body \`{ error: { code, message, details } }\` with code ${codes.map((c) => `\`${c}\``).join(', ')}` +
    `${note}.`,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/TusError' } } },
});
const tusText = (text: string) => ({
  description: `Plain-text answer of the tus server: "${text}".`,
  content: { 'text/plain': { schema: { type: 'string' } } },
});
const either = (json: ReturnType<typeof jsonError>, text: string) => ({
  description: `${json.description} Or, from the tus server, the plain text "${text}".`,
  content: { ...json.content, ...tusText(text).content },
});

const header = (name: string, description: string, schema: object = { type: 'string' }, required = true) => ({
  name,
  in: 'header',
  required,
  description,
  schema,
});
const TUS_RESUMABLE = header(
  'Tus-Resumable',
  'The tus protocol version: `1.0.0`. Without it the tus server answers 412 "Tus-Resumable Required".',
  { type: 'string', enum: ['1.0.0'] },
);
const CSRF = header(
  'X-CSRF-Token',
  "The session's `csrfToken` from `GET /api/auth/session` or the login answer (403 `auth.csrf` without it).",
);
const responseHeader = (description: string, schema: object = { type: 'string' }) => ({ description, schema });

const UPLOAD_ID = {
  name: 'uploadId',
  in: 'path',
  required: true,
  description: 'The id at the end of the `Location` that creation returned (32 random bytes, base64url).',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,64}$' },
};

const PATH_RULE =
  'The upload URL is exactly `/api/uploads/{uploadId}`: a request to it with a query string is refused ' +
  '(`upload.notFound`), so that the upload the server authorized is the one tus acts on.';

const DESCRIPTION = [
  "Resumable upload of an entry's video with the [tus 1.0.0 protocol](https://tus.io/protocols/resumable-upload)",
  '(core protocol, `creation` and `termination`). Any tus client works (tus-js-client, Uppy; curl',
  'too), given the session cookie, the `X-CSRF-Token` header on POST, PATCH and DELETE, and the metadata below.',
  '',
  '1. `POST /api/uploads` with `Upload-Length` and `Upload-Metadata: entryId <base64>,filename <base64>` creates',
  "   the upload; the answer's `Location` is the upload URL. A new upload replaces every earlier one of the entry.",
  '2. `PATCH` the upload URL with `Upload-Offset` and the bytes from that offset',
  '   (`Content-Type: application/offset+octet-stream`), in one request or in chunks.',
  '3. After a break, `HEAD` the upload URL: `Upload-Offset` says how many bytes the server has; PATCH the rest.',
  "4. After the last byte the server checks the file against the contest's rules off the request: read",
  '   `upload.status` (`checking`, then `accepted` or `refused` with `verdict.failures`) from',
  '   `GET /api/entries/{entryId}`, then submit the entry.',
  '',
  'Unfinished uploads expire after `UPLOAD_EXPIRY_HOURS` (the `Upload-Expires` header). An upload may be created',
  "while the entry is an editable draft (before the submission deadline, or a returned entry's fix deadline); one",
  "begun before the deadline may be continued during the contest's grace period.",
  '',
  "Errors the server decides (session, CSRF, access, the contest's rules) are JSON",
  "`{ error: { code, message, details } }` in the caller's language; errors of the tus protocol itself (missing",
  "tus headers, offset conflicts) are the tus server's short plain-text answers. HEAD answers carry no body: the",
  'status alone says what went wrong.',
  '',
  '`OPTIONS` (tus discovery) is not served (404): the server speaks tus 1.0.0 with the `creation` and',
  '`termination` extensions; `Upload-Defer-Length` and `Upload-Concat` are not accepted. ' + PATH_RULE,
].join('\n');

/** OpenAPI paths of the tus endpoint, merged into the generated document. */
export function tusOpenApiPaths(): Record<string, object> {
  return {
    [TUS_PATH]: {
      description: DESCRIPTION,
      post: {
        tags: ['uploads'],
        summary: 'Create an upload for an entry (tus)',
        description:
          'Creates an upload of `Upload-Length` bytes for the draft entry named in `Upload-Metadata`, after checking ' +
          "that the caller may change it now and that the size is within the contest's limit. `Upload-Metadata` is " +
          "comma-separated `key base64(value)` pairs; the server reads `entryId` (required: the entry's id, a " +
          'positive integer) and `filename` (optional: the name shown to staff and on the receipt, `video.mp4` by ' +
          'default); other keys are kept by tus and ignored. `Upload-Defer-Length` is not accepted.' +
          ROLES_TEXT,
        'x-roles': ROLES,
        security: [{ session: [], csrf: [] }],
        parameters: [
          TUS_RESUMABLE,
          header('Upload-Length', 'The size of the whole file in bytes.', { type: 'integer', minimum: 0 }),
          header(
            'Upload-Metadata',
            'tus metadata: `entryId <base64 of the entry id>,filename <base64 of the file name>`.',
            { type: 'string', example: 'entryId MQ==,filename dmlkZW8ubXA0' },
          ),
          CSRF,
        ],
        responses: {
          201: {
            description: 'Created. PATCH the bytes to `Location`.',
            headers: {
              Location: responseHeader('The upload URL, `/api/uploads/{uploadId}` (relative).'),
              'Tus-Resumable': responseHeader('`1.0.0`.'),
              'Upload-Expires': responseHeader('When the unfinished upload will be deleted (RFC 9110 date).'),
            },
          },
          400: either(
            jsonError(
              ['upload.badRequest'],
              ': `entryId` missing from the metadata or `Upload-Length` missing or wrong; `details.fields` names ' +
                'them (`Upload-Metadata.entryId`, `Upload-Length`)',
            ),
            'Invalid upload-metadata',
          ),
          401: jsonError(['auth.required']),
          403: jsonError(
            ['auth.csrf', 'auth.forbidden'],
            ' (staff who may see the entry but not change it get `auth.forbidden`)',
          ),
          404: jsonError(['entry.notFound'], ': no such entry, or not one the caller may change'),
          409: jsonError(
            [
              'entry.locked',
              'phase.submissionNotOpen',
              'phase.submissionClosed',
              'phase.unscheduled',
              'entry.fixDeadlinePassed',
            ],
            ': the entry was submitted (withdraw it first), or drafts cannot be changed now',
          ),
          412: tusText('Tus-Resumable Required'),
          413: jsonError(['upload.tooLarge'], ": `Upload-Length` is above the contest's size limit"),
        },
      },
    },
    [`${TUS_PATH}/{uploadId}`]: {
      description: PATH_RULE,
      parameters: [UPLOAD_ID],
      head: {
        tags: ['uploads'],
        summary: 'How far an upload got (tus)',
        description:
          'The number of bytes the server has (`Upload-Offset`), to resume from there. No CSRF token needed. ' +
          "Only the entry's current upload, while it is still uploading, is found: a finished, replaced or " +
          "cancelled upload, someone else's, or a URL with a query string answers 404." +
          ROLES_TEXT,
        'x-roles': ROLES,
        security: [{ session: [] }],
        parameters: [TUS_RESUMABLE],
        responses: {
          200: {
            description: 'The upload exists and is still uploading.',
            headers: {
              'Upload-Offset': responseHeader('Bytes received so far.', { type: 'integer' }),
              'Upload-Length': responseHeader('The size declared at creation.', { type: 'integer' }),
              'Upload-Metadata': responseHeader('The metadata sent at creation.'),
              'Cache-Control': responseHeader('`no-store`.'),
            },
          },
          401: { description: '`auth.required` (no body, as for every HEAD).' },
          404: { description: '`upload.notFound` (no body).' },
          409: { description: 'The deadline passed (`phase.submissionClosed`, `entry.fixDeadlinePassed`; no body).' },
          412: { description: 'Tus-Resumable missing (no body).' },
        },
      },
      patch: {
        tags: ['uploads'],
        summary: 'Send bytes of an upload (tus)',
        description:
          'Appends the request body at `Upload-Offset`, which must equal the bytes the server has (HEAD tells). ' +
          'Chunks of any size; the last one completes the upload and queues the checks of the file.' +
          ROLES_TEXT,
        'x-roles': ROLES,
        security: [{ session: [], csrf: [] }],
        parameters: [
          TUS_RESUMABLE,
          header('Upload-Offset', 'Where these bytes start: the offset the server has.', {
            type: 'integer',
            minimum: 0,
          }),
          header('Content-Type', 'Must be `application/offset+octet-stream`.', {
            type: 'string',
            enum: ['application/offset+octet-stream'],
          }),
          CSRF,
        ],
        requestBody: {
          required: true,
          content: { 'application/offset+octet-stream': { schema: { type: 'string', format: 'binary' } } },
        },
        responses: {
          204: {
            description: 'Stored. `Upload-Offset` is the new offset; at `Upload-Length` the upload is complete.',
            headers: {
              'Upload-Offset': responseHeader('Bytes received so far.', { type: 'integer' }),
              'Tus-Resumable': responseHeader('`1.0.0`.'),
            },
          },
          400: tusText('Invalid content-type'),
          401: jsonError(['auth.required']),
          403: either(jsonError(['auth.csrf', 'auth.forbidden']), 'Upload-Offset header required'),
          404: jsonError(
            ['upload.notFound'],
            ": unknown, finished, replaced or someone else's upload, or a query string",
          ),
          409: either(
            jsonError(
              ['phase.submissionClosed', 'entry.fixDeadlinePassed'],
              ': the deadline (and grace period) passed',
            ),
            'Upload-Offset conflict',
          ),
          412: tusText('Tus-Resumable Required'),
          413: tusText("upload's size exceeded"),
        },
      },
      delete: {
        tags: ['uploads'],
        summary: 'Cancel an upload (tus termination)',
        description:
          'Deletes an unfinished upload and its bytes; the entry is left without a file in progress.' + ROLES_TEXT,
        'x-roles': ROLES,
        security: [{ session: [], csrf: [] }],
        parameters: [TUS_RESUMABLE, CSRF],
        responses: {
          204: { description: 'Cancelled.' },
          401: jsonError(['auth.required']),
          403: jsonError(['auth.csrf', 'auth.forbidden']),
          404: jsonError(['upload.notFound']),
          412: tusText('Tus-Resumable Required'),
        },
      },
    },
  };
}

/** The error body of the tus routes' JSON answers (the other routes inline the same schema). */
export const tusErrorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERRORS) },
        message: { type: 'string', description: "In the caller's language." },
        details: { description: 'What is wrong, when the code has more to say (e.g. `fields`).' },
      },
    },
  },
};

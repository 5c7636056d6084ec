import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema, idParam } from '@core/api.ts';
import type { Deps } from '../../context.ts';
import { certificateIssueSchema } from '@core/documents/certificate-issue.ts';
import { issueCertificates } from '../../services/certificates/issue-certificates.ts';
import { listCertificates } from '../../services/certificates/list-certificates.ts';
import { certificatesPdfStream, certificatesZipStream } from '../../services/certificates/render-certificates.ts';
import { revokeCertificate, revokeCertificateSchema } from '../../services/certificates/revoke-certificate.ts';
import { reissueCertificate, reissueCertificateSchema } from '../../services/certificates/reissue-certificate.ts';
import { verifyCertificate } from '../../services/certificates/verify-certificate.ts';
import { limiter } from '../plugins/rate-limit.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
/** The answers are built by the services from whitelists; documented as objects. */
const body = z.looseObject({});
const slugParams = z.object({ slug: z.string().min(1).max(80) });
const GENERATE = allowedBy('documents.generate');

export function certificateRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['certificates'];
  const verifications = limiter(deps, 'certificate-verification', 60, 60);

  r.get(
    '/api/contests/:slug/certificates',
    {
      schema: {
        tags,
        ...operationDoc(
          'The certificate register',
          'Every certificate issued in the contest: number, recipient, entry, prize, date, state and the address ' +
            'its QR code opens.',
          GENERATE,
        ),
        params: slugParams,
        response: { 200: z.array(body), ...errors },
      },
    },
    async (req) => listCertificates(deps, req.actor, req.params.slug),
  );
  r.post(
    '/api/contests/:slug/certificates',
    {
      schema: {
        tags,
        ...operationDoc(
          'Issue the certificates of the announced winners',
          'One per prize won, numbered per contest and year in the structure’s order, each with its verification ' +
            'code. `place` (the date line), `superior` (the body above the committee), `signer` (default: the ' +
            'roster’s head of the organizing committee). Issuing again adds only the missing ones. ' +
            '`certificates.notAnnounced` before the results are announced. Audited.',
          GENERATE,
        ),
        params: slugParams,
        body: certificateIssueSchema,
        response: { 200: z.object({ issued: z.number(), total: z.number() }), ...errors },
      },
    },
    async (req) => issueCertificates(deps, req.actor, req.params.slug, req.body),
  );
  for (const format of ['pdf', 'zip'] as const) {
    r.get(
      `/api/contests/:slug/certificates.${format}`,
      {
        schema: {
          tags,
          ...operationDoc(
            format === 'pdf' ? 'All valid certificates as one PDF' : 'All valid certificates as a ZIP of PDFs',
            'A4 landscape, one certificate per page (or per file), with its number and its QR code; revoked and ' +
              'replaced ones left out. Streamed. `certificates.noneIssued` when there is nothing to print. Audited.',
            GENERATE,
          ),
          params: slugParams,
          produces: [format === 'pdf' ? 'application/pdf' : 'application/zip'],
        },
      },
      async (req, reply) => {
        const stream =
          format === 'pdf'
            ? await certificatesPdfStream(deps, req.actor, req.params.slug)
            : await certificatesZipStream(deps, req.actor, req.params.slug);
        return reply
          .headers({
            'content-type': format === 'pdf' ? 'application/pdf' : 'application/zip',
            'content-disposition': `attachment; filename="giay-chung-nhan-${req.params.slug}.${format}"`,
            'cache-control': 'private, no-store',
          })
          .send(stream);
      },
    );
  }
  r.post(
    '/api/contests/:slug/certificates/:certificateId/revoke',
    {
      schema: {
        tags,
        ...operationDoc(
          'Revoke a certificate',
          '`reason` (10 characters or more). Its verification page says it was revoked, when and why; the number ' +
            'is never given again. Audited.',
          GENERATE,
        ),
        params: slugParams.extend({ certificateId: idParam }),
        body: revokeCertificateSchema,
        response: { 200: z.object({ status: z.literal('revoked') }), ...errors },
      },
    },
    async (req) => revokeCertificate(deps, req.actor, req.params.slug, req.params.certificateId, req.body.reason),
  );
  r.post(
    '/api/contests/:slug/certificates/:certificateId/reissue',
    {
      schema: {
        tags,
        ...operationDoc(
          'Reissue a certificate',
          'With corrected names: `recipient`, optional `members`, `reason` (10 characters or more). A new ' +
            'certificate with the next number and a new code; the old one is marked replaced and its verification ' +
            'page names the new number. `certificates.notValid` when it was already revoked or replaced. Audited.',
          GENERATE,
        ),
        params: slugParams.extend({ certificateId: idParam }),
        body: reissueCertificateSchema,
        response: { 200: z.object({ id: z.number(), number: z.string(), replaced: z.string() }), ...errors },
      },
    },
    async (req) => reissueCertificate(deps, req.actor, req.params.slug, req.params.certificateId, req.body),
  );
  r.get(
    '/api/public/certificates/:code',
    {
      schema: {
        tags,
        ...operationDoc(
          'Verify a certificate',
          'What the QR code of a certificate opens: `outcome` genuine (with the certificate as issued, its state ' +
            'and, when `number` is given, whether it is the certificate’s number), invalidCode, unknown or altered. ' +
            'Rate-limited per address.',
          ['anyone'],
        ),
        params: z.object({ code: z.string().max(64) }),
        querystring: z.object({ number: z.string().max(40).optional() }),
        response: { 200: body, ...errors },
      },
    },
    async (req, reply) => {
      await verifications(req.ip);
      reply.header('cache-control', 'no-store');
      return verifyCertificate(deps, req.params.code, req.query.number);
    },
  );
}

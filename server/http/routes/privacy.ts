import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

import type { Deps } from '../../context.ts';
import { personalDataPdf } from '../../documents/personal-data-pdf.ts';
import { exportPersonalData } from '../../services/privacy/export-personal-data.ts';
import { operationDoc } from '../openapi.ts';
import { limiter } from '../plugins/rate-limit.ts';

/** A person's own data (Luật 91/2025/QH15): the download of everything we hold about them. */
export function privacyRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Each export reads every table about the person: a few an hour is plenty.
  const perUser = limiter(deps, 'personal-data-user', 10, 3600);

  r.get(
    '/api/account/personal-data',
    {
      schema: {
        tags: ['account'],
        ...operationDoc(
          'Download my personal data (JSON)',
          'Everything the platform holds about the caller: account, sessions, roles, consents with their texts, ' +
            "the entries they own with the authors' details, files, review outcomes and history, notifications, " +
            'reports they sent and the audit records about them. Audited; at most 10 an hour.',
          ['signedIn'],
        ),
        produces: ['application/json'],
      },
    },
    async (req, reply) => {
      if (req.actor.userId !== null) await perUser(`export:${req.actor.userId}`);
      const data = await exportPersonalData(deps, req.actor);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="du-lieu-ca-nhan.json"')
        .header('cache-control', 'private, no-store')
        .send(JSON.stringify(data, null, 2));
    },
  );

  r.get(
    '/api/account/personal-data.pdf',
    {
      schema: {
        tags: ['account'],
        ...operationDoc(
          'Download my personal data (PDF)',
          "The same data as the JSON download, laid out to read, in the caller's language. Audited; at most 10 an " +
            'hour, together with the JSON.',
          ['signedIn'],
        ),
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      if (req.actor.userId !== null) await perUser(`export:${req.actor.userId}`);
      const data = await exportPersonalData(deps, req.actor);
      const pdf = await personalDataPdf(data, data.account.locale === 'en' ? 'en' : 'vi', deps.config.timeZone);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', 'attachment; filename="du-lieu-ca-nhan.pdf"')
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}

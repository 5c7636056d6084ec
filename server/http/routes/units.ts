import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  errorBodySchema,
  idParam,
  importResultSchema,
  okSchema,
  unitReminderResultSchema,
  unitViewSchema,
} from '@core/api.ts';
import { unitInputSchema } from '@core/units.ts';
import type { Deps } from '../../context.ts';
import { deleteUnit } from '../../services/units/delete-unit.ts';
import { importUnits } from '../../services/units/import-units.ts';
import { listUnits } from '../../services/units/list-units.ts';
import { remindUnit } from '../../services/units/remind-unit.ts';
import { saveUnit } from '../../services/units/save-unit.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const slugParams = z.object({ slug: z.string().min(1).max(80) });
const unitParams = slugParams.extend({ unitId: idParam });

export function unitRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/contests/:slug/units',
    {
      schema: {
        tags: ['units'],
        ...operationDoc(
          'List units',
          'The units (communes, towns, agencies) of the contest with their category; `q` searches names without ' +
            'diacritics.',
          allowedBy('units.view'),
        ),
        params: slugParams,
        querystring: z.object({ q: z.string().max(100).optional() }),
        response: { 200: z.array(unitViewSchema), ...errors },
      },
    },
    async (req) => listUnits(deps, req.actor, req.params.slug, { q: req.query.q }),
  );

  r.post(
    '/api/contests/:slug/units',
    {
      schema: {
        tags: ['units'],
        ...operationDoc(
          'Add a unit',
          'Adds a unit with its name, category code and optional contact person (name, position, phone, e-mail). ' +
            'Audited. Errors: ' +
            '`unit.nameTaken`, `unit.categoryUnknown` (its message lists the valid categories).',
          allowedBy('units.edit'),
        ),
        params: slugParams,
        body: unitInputSchema,
        response: { 201: z.object({ id: z.number() }), ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await saveUnit(deps, req.actor, req.params.slug, req.body)),
  );

  r.put(
    '/api/contests/:slug/units/:unitId',
    {
      schema: {
        tags: ['units'],
        ...operationDoc(
          'Change a unit',
          'Renames a unit or changes its category or contact person (name, position, phone, e-mail; what is left ' +
            'out is cleared). Audited without the phone or e-mail.',
          allowedBy('units.edit'),
        ),
        params: unitParams,
        body: unitInputSchema,
        response: { 200: z.object({ id: z.number() }), ...errors },
      },
    },
    async (req) => saveUnit(deps, req.actor, req.params.slug, req.body, req.params.unitId),
  );

  r.delete(
    '/api/contests/:slug/units/:unitId',
    {
      schema: {
        tags: ['units'],
        ...operationDoc(
          'Delete a unit',
          'Deletes a unit that has no representative and no entry (`unit.inUse` otherwise). Audited.',
          allowedBy('units.edit'),
        ),
        params: unitParams,
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await deleteUnit(deps, req.actor, req.params.slug, req.params.unitId);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/contests/:slug/units/:unitId/remind',
    {
      schema: {
        tags: ['units'],
        ...operationDoc(
          'Remind a unit below its minimum ("Nhắc nhở")',
          "Sends the unit's contact person an e-mail and a text message with the unit's submitted entries against " +
            'its minimum and the submission deadline. Audited. Errors: `unit.reminderNotNeeded` (the unit has its ' +
            'minimum), `unit.reminderClosed` (no deadline, or it has passed), `unit.contactMissing` (no e-mail or ' +
            'phone), `unit.reminderTooSoon` (429: at most one reminder per unit every 12 hours).',
          allowedBy('units.remind'),
        ),
        params: unitParams,
        response: { 200: unitReminderResultSchema, ...errors },
      },
    },
    async (req) => remindUnit(deps, req.actor, req.params.slug, req.params.unitId),
  );

  // The file is the raw request body (CSV or XLSX), so that no multipart parser is needed and nothing touches disk.
  r.post(
    '/api/contests/:slug/units/import',
    {
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        tags: ['units'],
        ...operationDoc(
          'Import units from CSV or XLSX',
          'The request body is the file itself (`text/csv`, `application/octet-stream` or the XLSX type; at ' +
            'most 5 MiB) with a header row `ten, loai` (name, category), optionally `email`, `nguoi lien he`, ' +
            '`chuc vu`, `dien thoai` (the contact person). `filename` tells XLSX from CSV when the ' +
            'bytes do not. All or nothing: any bad row rejects the file with `import.rowErrors`, every bad row ' +
            'listed in `details.rows`. Units with the same name are updated. Audited.',
          allowedBy('units.edit'),
        ),
        params: slugParams,
        querystring: z.object({ filename: z.string().max(255).default('units.csv') }),
        response: { 200: importResultSchema, ...errors },
      },
    },
    async (req) => importUnits(deps, req.actor, req.params.slug, req.body as Buffer, req.query.filename),
  );
}

import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { documentSettingsSchema } from '@core/documents/document-settings.ts';
import { rosterDecisionOptionsSchema } from '@core/documents/roster-decision.ts';
import type { Deps } from '../../context.ts';
import {
  awardDecisionOptionsSchema,
  renderAwardDecision,
  renderCchcList,
  renderPaymentList,
} from '../../services/documents/render-award-documents.ts';
import { renderRosterDecision } from '../../services/documents/render-roster-decision.ts';
import { getDocumentSettings } from '../../services/documents/get-document-settings.ts';
import { updateDocumentSettings } from '../../services/documents/update-document-settings.ts';
import { exportArchive } from '../../services/archive/export-archive.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const slugParams = z.object({ slug: z.string().min(1).max(80) });
const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
const download = (name: string, type: string) => ({
  'content-type': type,
  'content-disposition': `attachment; filename="${name}"`,
  'cache-control': 'private, no-store',
});
/** The line above a list's title; default: the contest's stored issuing body. */
const issuerQuery = z.object({ issuer: z.string().trim().min(1).max(200).optional() });

const settingsAnswer = z.object({
  settings: documentSettingsSchema,
  stored: z.boolean(),
  updatedAt: z.string().nullable(),
});

export function documentRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/contests/:slug/document-settings',
    {
      schema: {
        tags: ['documents'],
        ...operationDoc(
          'The contest’s document details',
          'Parent and issuing body, abbreviation, place of the date line, the decisions’ signer and the ' +
            'certificates’ ' +
            'signer with their capacity (TM., KT.), extra recipients. Every document takes them as defaults. ' +
            '`stored` false: nothing saved yet, the defaults (the organizing committee and its head) are shown.',
          allowedBy('documents.generate'),
        ),
        params: slugParams,
      },
    },
    async (req) => getDocumentSettings(deps, req.actor, req.params.slug),
  );
  r.put(
    '/api/contests/:slug/document-settings',
    {
      schema: {
        tags: ['documents'],
        ...operationDoc(
          'Save the contest’s document details',
          'Names are stored composed (NFC); the issuing body, the place and each signer’s position and name must not ' +
            'be empty; lengths are limited to what the certificate and decision layouts hold. Issued certificates ' +
            'keep what they were printed with. Audited.',
          allowedBy('documents.settings'),
        ),
        params: slugParams,
        body: documentSettingsSchema,
        response: { 200: settingsAnswer },
      },
    },
    async (req) => updateDocumentSettings(deps, req.actor, req.params.slug, req.body),
  );
  for (const format of ['docx', 'pdf'] as const) {
    r.get(
      `/api/contests/:slug/documents/roster-decision.${format}`,
      {
        schema: {
          tags: ['documents'],
          ...operationDoc(
            `Decision establishing the organizing committee or the jury (${format.toUpperCase()})`,
            'A draft laid out per Nghị định 30/2020 from the roster: `body` (organizing_committee or jury), ' +
              '`issuer` (the People’s Committee), `abbr`, `place` of the date line, `signer` (each default: the ' +
              'stored document details), further `grounds` one per line. Members head first, with position and ' +
              'role; no contacts. Audited.',
            allowedBy('documents.generate'),
          ),
          params: slugParams,
          querystring: rosterDecisionOptionsSchema,
          produces: [TYPES[format]],
        },
      },
      async (req, reply) => {
        const file = await renderRosterDecision(deps, req.actor, req.params.slug, format, req.query);
        const name = req.query.body === 'jury' ? 'qd-thanh-lap-ban-giam-khao' : 'qd-thanh-lap-ban-to-chuc';
        return reply
          .headers({
            'content-type': TYPES[format],
            'content-disposition': `attachment; filename="${name}.${format}"`,
            'cache-control': 'private, no-store',
          })
          .send(file);
      },
    );
  }
  r.get(
    '/api/contests/:slug/documents/award-decision.docx',
    {
      schema: {
        tags: ['documents'],
        ...operationDoc(
          'Draft award decision (Quyết định khen thưởng), DOCX',
          'Per Nghị định 30/2020, from the announced results: Điều 1 the winners (annex), Điều 2 certificate and ' +
            'money with the total in figures and words and `fundingSource`, Điều 3 who carries it out. `issuer`, ' +
            '`abbr`, `place`, `signer` (default: the stored document details), further `grounds`. ' +
            '`certificates.notAnnounced` before announcement. Audited.',
          allowedBy('documents.generate'),
        ),
        params: slugParams,
        querystring: awardDecisionOptionsSchema,
        produces: [TYPES.docx],
      },
    },
    async (req, reply) =>
      reply
        .headers(download('qd-khen-thuong.docx', TYPES.docx))
        .send(await renderAwardDecision(deps, req.actor, req.params.slug, req.query)),
  );
  r.get(
    '/api/contests/:slug/documents/payment-list.xlsx',
    {
      schema: {
        tags: ['documents'],
        ...operationDoc(
          'Prize payment list (danh sách chi thưởng), XLSX',
          'One row per paid prize (a unit that won twice signs twice), the total and the total in words; from the ' +
            'announced results. `issuer` is the line above the title (default: the stored issuing body). Audited.',
          allowedBy('budget.view'),
        ),
        params: slugParams,
        querystring: issuerQuery,
        produces: [TYPES.xlsx],
      },
    },
    async (req, reply) =>
      reply
        .headers(download('danh-sach-chi-thuong.xlsx', TYPES.xlsx))
        .send(await renderPaymentList(deps, req.actor, req.params.slug, req.query.issuer)),
  );
  r.get(
    '/api/contests/:slug/documents/cchc-list.xlsx',
    {
      schema: {
        tags: ['documents'],
        ...operationDoc(
          'CCHC list per unit, XLSX',
          'Each unit with its winning entries and prizes, for the bonus points in the administrative reform index ' +
            'and the year’s task assessment; entries whose unit could not be matched listed apart. Audited.',
          allowedBy('documents.generate'),
        ),
        params: slugParams,
        querystring: issuerQuery,
        produces: [TYPES.xlsx],
      },
    },
    async (req, reply) =>
      reply
        .headers(download('danh-sach-cchc.xlsx', TYPES.xlsx))
        .send(await renderCchcList(deps, req.actor, req.params.slug, req.query.issuer)),
  );
  r.get(
    '/api/contests/:slug/archive.zip',
    {
      schema: {
        tags: ['documents'],
        ...operationDoc(
          'The contest archive (ZIP)',
          'The whole contest for the records: settings, entries (no contacts), reviews, judging, decisions, ' +
            'results, vote log, audit log, certificate register and budget as JSON under `data/`, the jury’s ' +
            'minutes and the certificates under `documents/`, `data/media.json` (original videos with SHA-256), ' +
            'with `media=files` the videos themselves, with `media=all` also each entry’s streaming renditions ' +
            '(HLS playlists and segments), poster, preview strip and subtitle tracks, and `manifest.json` ' +
            '(every file’s size and SHA-256; check with `npm run archive:verify FILE`). Only once the results ' +
            'are announced (`archive.notAnnounced`). ' +
            '`place`: the date line of the minutes (default: the certificates’ place). Streamed. Audited with the ' +
            'manifest’s SHA-256.',
          allowedBy('archive.export'),
        ),
        params: slugParams,
        querystring: z.object({
          media: z.enum(['manifest', 'files', 'all']).default('manifest'),
          place: z.string().trim().max(100).default(''),
        }),
        produces: ['application/zip'],
      },
    },
    async (req, reply) => {
      const { stream, fileName } = await exportArchive(
        deps,
        req.actor,
        req.params.slug,
        req.query.media,
        req.query.place,
      );
      return reply.headers(download(fileName, 'application/zip')).send(stream);
    },
  );
}

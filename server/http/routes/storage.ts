import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema, failedJobSchema, okSchema, orphanReportSchema, storageUsageSchema } from '@core/api.ts';
import type { Deps } from '../../context.ts';
import { findOrphanedMedia, removeOrphanedMedia } from '../../services/media/find-orphaned-media.ts';
import { getStorageUsage } from '../../services/media/get-storage-usage.ts';
import { listFailedJobs } from '../../services/media/list-failed-jobs.ts';
import { retryFailedJob } from '../../services/media/retry-failed-job.ts';
import { allowedBy, operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const slugParams = z.object({ slug: z.string().min(1).max(80) });

/** Storage housekeeping: a contest's dashboard and failed media jobs; the installation's orphaned files. */
export function storageRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/contests/:slug/storage',
    {
      schema: {
        tags: ['storage'],
        ...operationDoc(
          'Storage use of a contest',
          'Bytes by kind (originals, renditions, subtitles, uploads in progress, superseded files), the entries ' +
            'that use most and the free space of the data disk.',
          allowedBy('media.manage'),
        ),
        params: slugParams,
        response: { 200: storageUsageSchema, ...errors },
      },
    },
    async (req) => getStorageUsage(deps, req.actor, req.params.slug),
  );

  r.get(
    '/api/contests/:slug/jobs/failed',
    {
      schema: {
        tags: ['storage'],
        ...operationDoc(
          'Failed media jobs of a contest',
          'Media jobs (checks, moves to storage, renditions, fingerprints) that failed for good, with their ' +
            'last error (server paths removed).',
          allowedBy('media.manage'),
        ),
        params: slugParams,
        response: { 200: z.array(failedJobSchema), ...errors },
      },
    },
    async (req) => listFailedJobs(deps, req.actor, req.params.slug),
  );

  r.post(
    '/api/contests/:slug/jobs/:jobId/retry',
    {
      schema: {
        tags: ['storage'],
        ...operationDoc(
          'Retry a failed media job',
          'Gives a failed job one more run. Audited. Errors: `jobs.notFound`, `jobs.notRetryable` (still ' +
            'waiting or running).',
          allowedBy('media.manage'),
        ),
        params: slugParams.extend({ jobId: z.string().min(1).max(100) }),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await retryFailedJob(deps, req.actor, req.params.slug, req.params.jobId);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/admin/storage/orphans',
    {
      schema: {
        tags: ['storage'],
        ...operationDoc(
          'Find orphaned files',
          'Files in storage or the upload folder that nothing in the database points at, older than an hour.',
          ['siteAdmin'],
        ),
        response: { 200: orphanReportSchema, ...errors },
      },
    },
    async (req) => findOrphanedMedia(deps, req.actor),
  );

  r.post(
    '/api/admin/storage/orphans/delete',
    {
      schema: {
        tags: ['storage'],
        ...operationDoc(
          'Remove orphaned files',
          'Removes the orphaned files a fresh scan finds (never a list sent by the client) and returns how many ' +
            'and how many bytes. Audited. `storage.orphansNotRemoved` (424) when none could be removed.',
          ['siteAdmin'],
        ),
        response: { 200: z.object({ removed: z.number(), bytes: z.number() }), ...errors },
      },
    },
    async (req) => removeOrphanedMedia(deps, req.actor),
  );
}

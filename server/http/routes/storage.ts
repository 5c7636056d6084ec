import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema, failedJobSchema, okSchema, orphanReportSchema, storageUsageSchema } from '@core/api.ts';
import type { Deps } from '../../context.ts';
import { findOrphanedMedia, removeOrphanedMedia } from '../../services/media/find-orphaned-media.ts';
import { getStorageUsage } from '../../services/media/get-storage-usage.ts';
import { listFailedJobs } from '../../services/media/list-failed-jobs.ts';
import { retryFailedJob } from '../../services/media/retry-failed-job.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };
const slugParams = z.object({ slug: z.string().min(1).max(80) });

/** Storage housekeeping: a contest's dashboard and failed media jobs; the installation's orphaned files. */
export function storageRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/contests/:slug/storage',
    { schema: { tags: ['storage'], params: slugParams, response: { 200: storageUsageSchema, ...errors } } },
    async (req) => getStorageUsage(deps, req.actor, req.params.slug),
  );

  r.get(
    '/api/contests/:slug/jobs/failed',
    { schema: { tags: ['storage'], params: slugParams, response: { 200: z.array(failedJobSchema), ...errors } } },
    async (req) => listFailedJobs(deps, req.actor, req.params.slug),
  );

  r.post(
    '/api/contests/:slug/jobs/:jobId/retry',
    {
      schema: {
        tags: ['storage'],
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
    { schema: { tags: ['storage'], response: { 200: orphanReportSchema, ...errors } } },
    async (req) => findOrphanedMedia(deps, req.actor),
  );

  r.post(
    '/api/admin/storage/orphans/delete',
    {
      schema: {
        tags: ['storage'],
        description: 'Removes the orphaned files a fresh scan finds (older than an hour).',
        response: { 200: z.object({ removed: z.number(), bytes: z.number() }), ...errors },
      },
    },
    async (req) => removeOrphanedMedia(deps, req.actor),
  );
}

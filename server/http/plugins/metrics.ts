import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AppError } from '@core/errors.ts';
import type { Deps } from '../../context.ts';
import { readOperationalCounts } from '../../services/system/read-operational-counts.ts';

/** Label of a request that matched no route: one series for every unknown URL, never the URL itself. */
const UNMATCHED = 'unmatched';

function sameToken(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the comparison takes the same time whatever was sent.
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/**
 * Prometheus metrics at GET /metrics, behind `Authorization: Bearer <METRICS_TOKEN>` (404 when no token is set):
 * requests and their latency by route pattern, jobs by name and state, uploads in progress, and the process's own.
 * Each app has its own registry, so several apps in one process (tests) do not mix their figures.
 */
export function registerMetrics(app: FastifyInstance, deps: Deps): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'vicontest_' });
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({
    name: 'vicontest_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'vicontest_http_request_duration_seconds',
    help: 'Time from receiving a request to sending its answer, by method, route pattern and status code.',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const jobs = new Gauge({
    name: 'vicontest_jobs',
    help: 'Jobs in the queue, by job name and state (completed jobs are purged after some days).',
    labelNames: ['name', 'state'] as const,
    registers: [registry],
  });
  const uploadsReceiving = new Gauge({
    name: 'vicontest_uploads_in_progress',
    help: 'tus uploads still receiving bytes, in every web process.',
    registers: [registry],
  });
  const uploadsChecking = new Gauge({
    name: 'vicontest_uploads_checking',
    help: 'Finished uploads waiting for or in their check.',
    registers: [registry],
  });

  app.addHook('onResponse', async (req, reply) => {
    const labels = {
      method: req.method,
      route: req.routeOptions.url ?? UNMATCHED,
      status_code: String(reply.statusCode),
    };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });

  app.get(
    '/metrics',
    // Not part of the API's description (docs/api.md, OpenAPI): it is for the operator's Prometheus.
    { schema: { hide: true } },
    async (req, reply) => {
      const expected = deps.config.metricsToken;
      if (!expected) throw new AppError('notFound');
      const m = /^Bearer ([\x21-\x7e]+)$/.exec(req.headers.authorization ?? '');
      if (!m || !sameToken(m[1]!, expected)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new AppError('metrics.token');
      }
      const counts = await readOperationalCounts(deps);
      jobs.reset();
      for (const j of counts.jobs) jobs.set({ name: j.name, state: j.state }, j.count);
      uploadsReceiving.set(counts.uploadsReceiving);
      uploadsChecking.set(counts.uploadsChecking);
      return reply
        .header('content-type', registry.contentType)
        .header('cache-control', 'no-store')
        .send(await registry.metrics());
    },
  );
}

import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Deps } from '../context.ts';
import { registerCsrf } from './plugins/csrf.ts';
import { frameworkErrorHandler, registerErrorHandler } from './plugins/errors.ts';
import { registerMetrics } from './plugins/metrics.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { registerSession } from './plugins/session.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { challengeRoutes } from './routes/challenge.ts';
import { contestRoutes } from './routes/contests.ts';
import { healthRoutes } from './routes/health.ts';
import { roleRoutes } from './routes/roles.ts';
import { rosterRoutes } from './routes/roster.ts';
import { budgetRoutes } from './routes/budget.ts';
import { documentRoutes } from './routes/documents.ts';
import { certificateRoutes } from './routes/certificates.ts';
import { unitRoutes } from './routes/units.ts';
import { entryRoutes } from './routes/entries.ts';
import { uploadRoutes } from './routes/uploads.ts';
import { mediaRoutes } from './routes/media.ts';
import { subtitleRoutes } from './routes/subtitles.ts';
import { storageRoutes } from './routes/storage.ts';
import { referenceClipRoutes } from './routes/reference-clips.ts';
import { sharePageRoutes } from './share-page.ts';
import { spaIndex } from './spa-index.ts';
import { publicPageRoutes } from './ssr/public-pages.ts';
import { SSR_ENTRY } from '../web-build.ts';
import { publicRoutes } from './routes/public.ts';
import { publicationRoutes } from './routes/publication.ts';
import { privacyRoutes } from './routes/privacy.ts';
import { erasureRoutes } from './routes/erasure.ts';
import { reviewRoutes } from './routes/reviews.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { awardsRoutes } from './routes/awards.ts';
import { judgingRoutes } from './routes/judging.ts';
import { votingRoutes } from './routes/voting.ts';
import { votingResidentRoutes } from './routes/voting-residents.ts';
import { votingResultRoutes } from './routes/voting-results.ts';
import { createTusServer } from '../uploads/tus-server.ts';
import { tusErrorSchema, tusOpenApiPaths } from '../uploads/tus-openapi.ts';
import { API_DESCRIPTION } from './openapi.ts';

export interface RouteInfo {
  method: string;
  url: string;
  hidden: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route, for the OpenAPI document and the role-matrix test. */
    apiRoutes: RouteInfo[];
  }
}

export interface AppOptions {
  /** Folder of the built web app; served with a fallback to index.html for client-side routes. */
  webDir?: string | null;
  /** The server-rendering bundle of the public pages (dist/ssr/entry-server.js by default). */
  ssrEntry?: string;
  /** The process's pino logger; without it the app logs nothing (tests). */
  logger?: Logger;
}

/** A hop count trusts exactly that many proxies in front; an address list trusts those proxies only. */
function trustProxyOption(
  setting: false | number | string,
): boolean | string | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting;
}

export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger as unknown as FastifyBaseLogger } : { logger: false }),
    trustProxy: trustProxyOption(deps.config.trustProxy),
    bodyLimit: 1024 * 1024,
    // Long enough that an odd media name gets the service's "not found" rather than a bare 414.
    routerOptions: { maxParamLength: 1024 },
    genReqId: () => Math.random().toString(36).slice(2, 12),
    frameworkErrors: frameworkErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('apiRoutes', [] as RouteInfo[]);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    for (const method of [route.method].flat()) {
      // Fastify adds a HEAD twin to every GET; only HEAD routes of our own (tus) are listed.
      if (method === 'HEAD' && app.apiRoutes.some((r) => r.method === 'GET' && r.url === route.url)) continue;
      app.apiRoutes.push({
        method,
        url: route.url,
        hidden: Boolean((route.schema as { hide?: boolean } | undefined)?.hide),
      });
    }
  });
  app.addContentTypeParser(
    ['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    { parseAs: 'buffer' },
    (_req, body, done) => done(null, body),
  );

  registerSecurityHeaders(app, deps.config);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Cuộc thi video — API', description: API_DESCRIPTION, version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sid' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    transform: jsonSchemaTransform,
    // The tus routes hand the raw request to @tus/server and have no zod schema: their description is written by hand.
    transformObject: (doc) => {
      if (!('openapiObject' in doc)) return doc.swaggerObject;
      const openapi = doc.openapiObject;
      return {
        ...openapi,
        paths: { ...openapi.paths, ...tusOpenApiPaths() },
        components: { ...openapi.components, schemas: { ...openapi.components?.schemas, TusError: tusErrorSchema } },
      } as typeof openapi;
    },
  });
  registerSession(app, deps);
  registerCsrf(app, deps.config.publicUrl);
  const webDir = opts.webDir && fs.existsSync(path.join(opts.webDir, 'index.html')) ? opts.webDir : null;
  const indexHtml = webDir ? spaIndex(webDir) : null;
  registerErrorHandler(app, { spaIndex: indexHtml });

  registerMetrics(app, deps);
  healthRoutes(app, deps);
  challengeRoutes(app, deps);
  authRoutes(app, deps);
  contestRoutes(app, deps);
  unitRoutes(app, deps);
  rosterRoutes(app, deps);
  budgetRoutes(app, deps);
  documentRoutes(app, deps);
  certificateRoutes(app, deps);
  roleRoutes(app, deps);
  auditRoutes(app, deps);
  entryRoutes(app, deps);
  mediaRoutes(app, deps);
  subtitleRoutes(app, deps);
  storageRoutes(app, deps);
  referenceClipRoutes(app, deps);
  reviewRoutes(app, deps);
  notificationRoutes(app, deps);
  judgingRoutes(app, deps);
  votingRoutes(app, deps);
  awardsRoutes(app, deps);
  votingResidentRoutes(app, deps);
  votingResultRoutes(app, deps);
  publicRoutes(app, deps);
  publicationRoutes(app, deps);
  privacyRoutes(app, deps);
  erasureRoutes(app, deps);
  uploadRoutes(app, deps, () => createTusServer(deps));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (webDir) {
    const rendered = await publicPageRoutes(app, deps, {
      webDir,
      ssrEntry: opts.ssrEntry ?? SSR_ENTRY,
      indexHtml: indexHtml!,
    });
    // Without the server-rendering bundle, an entry's page and the results still carry their share previews.
    if (!rendered) sharePageRoutes(app, deps, indexHtml!);
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      // The build writes .br and .gz beside each asset (web/precompress.ts).
      preCompressed: true,
      // Cache headers come from setHeaders alone (the module's own default would overwrite them on compressed copies).
      cacheControl: false,
      // @fastify/static 10 passes Fastify's reply here (it was the raw response before).
      setHeaders(reply, file) {
        reply.header(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  return app;
}

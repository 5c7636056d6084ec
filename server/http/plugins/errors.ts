import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorMessage } from '@core/errors.ts';
import { localizeIssue, validationSummary, type IssueLocation } from '@core/validation-messages.ts';
import { langOf } from '../request-context.ts';

/**
 * Errors Fastify raises before routing (a path whose percent-encoding does not decode, a parameter over the length
 * limit): the app's JSON error instead of Fastify's own body. No hook has run, so the headers that matter are set here.
 */
export function frameworkErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const code = err.code === 'FST_ERR_BAD_URL' ? 'request.badUrl' : 'validation';
  void reply
    .code(err.statusCode ?? 400)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'")
    .send({ error: { code, message: errorMessage(code, langOf(req)) } });
}

/**
 * A request for a file the build does not have (an icon, a script, a map): the app's routes never end in these, and
 * answering them with the app's page would give a browser HTML for an image and a crawler a page for its favicon.
 */
const FILE_PATH = /\.(?:ico|png|jpe?g|gif|webp|avif|svg|js|mjs|css|map|json|webmanifest|txt|xml|woff2?|ttf)$/i;

/**
 * Turns every failure into `{ error: { code, message, details } }` in the caller's language. With `spaIndex`,
 * a GET outside /api/ that matches nothing gets the web app's index.html (client-side routes), unless it asks for a
 * file by its extension.
 */
export function registerErrorHandler(app: FastifyInstance, opts: { spaIndex?: (() => string) | null } = {}): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      return reply.code(err.status).send({
        error: { code: err.code, message: errorMessage(err.code, req.lang, err.params), details: err.details },
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where: IssueLocation = err.validationContext ?? 'body';
      // One entry per wrong field: where it is, its path, zod's issue code and what it expects.
      const issues = err.validation.map((v) => ({
        in: where,
        path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
        code: v.keyword,
        message: localizeIssue({ ...(v.params as object), code: v.keyword, message: v.message }, req.lang),
      }));
      return reply
        .code(400)
        .send({ error: { code: 'validation', message: validationSummary(issues, req.lang), details: { issues } } });
    }
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      const code =
        status === 404
          ? 'notFound'
          : status === 413
            ? 'request.tooLarge'
            : status === 415
              ? 'request.unsupportedType'
              : 'validation';
      return reply.code(status).send({ error: { code, message: errorMessage(code, req.lang) } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'internal', message: errorMessage('internal', req.lang) } });
  });
  app.setNotFoundHandler((req, reply) => {
    const pathname = req.url.split('?')[0]!;
    if (opts.spaIndex && req.method === 'GET' && !pathname.startsWith('/api/') && !FILE_PATH.test(pathname))
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(opts.spaIndex());
    return reply.code(404).send({ error: { code: 'notFound', message: errorMessage('notFound', req.lang) } });
  });
}

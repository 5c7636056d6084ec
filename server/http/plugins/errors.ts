import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorMessage } from '@core/errors.ts';
import { localizeIssue } from '@core/validation-messages.ts';

/**
 * Turns every failure into `{ error: { code, message, details } }` in the caller's language. With `spaIndex`,
 * a GET outside /api/ that matches nothing gets the web app's index.html (client-side routes).
 */
export function registerErrorHandler(app: FastifyInstance, opts: { spaIndex?: (() => string) | null } = {}): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      return reply.code(err.status).send({
        error: { code: err.code, message: errorMessage(err.code, req.lang, err.params), details: err.details },
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
        message: localizeIssue({ ...(v.params as object), code: v.keyword, message: v.message }, req.lang),
      }));
      return reply
        .code(400)
        .send({ error: { code: 'validation', message: errorMessage('validation', req.lang), details: { issues } } });
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
    if (opts.spaIndex && req.method === 'GET' && !req.url.startsWith('/api/'))
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(opts.spaIndex());
    return reply.code(404).send({ error: { code: 'notFound', message: errorMessage('notFound', req.lang) } });
  });
}

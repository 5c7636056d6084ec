import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import type { Config } from '../../config.ts';

/** Where pages may be framed: the embeddable player under /embed/ anywhere, every other page nowhere. */
const EMBED_PREFIX = '/embed/';

/**
 * Security headers on every response (docs/decisions/0027), the API's, the web app's, media and errors alike: a
 * Content-Security-Policy that runs only our own scripts, `nosniff`, a same-origin referrer, no framing except the
 * embed page, and HSTS when the site is served over https.
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  // With S3, browsers fetch segments, posters and downloads from the bucket through presigned URLs.
  const bucket = config.storage.kind === 's3' ? [new URL(config.storage.endpoint).origin] : [];
  const https = config.publicUrl.startsWith('https://');
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles into <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...bucket],
        // hls.js plays through MediaSource (blob: URLs) and fetches segments itself; it may run in a blob: worker.
        mediaSrc: ["'self'", 'blob:', ...bucket],
        connectSrc: ["'self'", ...bucket],
        workerSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    hsts: https ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    // Embedded players on other sites must still load their posters and segments.
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  // Runs after helmet's own hook, which has written the headers onto the raw response.
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith(EMBED_PREFIX)) return;
    const csp = String(reply.raw.getHeader('content-security-policy') ?? '');
    reply.raw.setHeader('content-security-policy', csp.replace("frame-ancestors 'none'", 'frame-ancestors *'));
    reply.raw.removeHeader('x-frame-options');
  });
}

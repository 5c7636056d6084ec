import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../../config.ts';

/** Where pages may be framed: the embeddable player under /embed/ anywhere, every other page nowhere. */
const EMBED_PREFIX = '/embed/';

/**
 * Security headers on every response (docs/decisions/0027), the API's, the web app's, media and errors alike: a
 * Content-Security-Policy that runs only our own scripts, `nosniff`, a same-origin referrer, no framing except the
 * embed page, and HSTS when the site is served over https.
 */
export function registerSecurityHeaders(app: FastifyInstance, config: Config): void {
  // With S3, browsers fetch segments, posters and downloads from the bucket through presigned URLs.
  const bucket = config.storage.kind === 's3' ? [new URL(config.storage.endpoint).origin] : [];
  const https = config.publicUrl.startsWith('https://');
  const options = (frameAncestors: string): HelmetOptions => ({
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
        frameAncestors: [frameAncestors],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: frameAncestors === "'none'" ? { action: 'deny' } : false,
    referrerPolicy: { policy: 'same-origin' },
    hsts: https ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    // Embedded players on other sites must still load their posters and segments.
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  const pages = headerList(helmet(options("'none'")));
  const embeds = headerList(helmet(options('*')));
  app.addHook('onRequest', (req, reply, done) => {
    const res = reply.raw;
    for (const [name, value] of req.url.startsWith(EMBED_PREFIX) ? embeds : pages) res.setHeader(name, value);
    res.removeHeader('x-powered-by');
    done();
  });
}

/**
 * The headers a helmet middleware sets, worked out once: its options hold no per-request values (no nonces), and it
 * only sets headers and removes X-Powered-By, so a request needs only to copy them.
 */
function headerList(middleware: ReturnType<typeof helmet>): [string, string][] {
  const headers: [string, string][] = [];
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.push([name, String(value)]),
    removeHeader: () => {},
  };
  middleware({} as IncomingMessage, res as unknown as ServerResponse, () => {});
  return headers;
}

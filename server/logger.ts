import pino from 'pino';

/** Keys whose values are personal data or secrets, wherever they sit in a logged object. */
const PERSONAL_KEYS = ['password', 'phone', 'address', 'email', 'identifier', 'to', 'fullName', 'full_name'];

/** Redaction paths for those keys at the top level, one or two levels down, and in arrays (e.g. `entry.authors`). */
const PERSONAL_PATHS = PERSONAL_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*[*].${k}`, `*.*[*].${k}`]);

/**
 * Errors as pino logs them, less what a database puts in them about the row: PostgreSQL's `detail` quotes the values
 * of a violated key ("Key (email)=(…) already exists"), and `parameters` would be the bound values of a query.
 */
function errorWithoutValues(err: Error): Record<string, unknown> {
  const out = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  delete out.detail;
  delete out.parameters;
  return out;
}

/** pino with personal data redacted wherever it might appear in a logged object. */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino(
    {
      level,
      serializers: {
        // Query strings can carry tokens (password-reset links) and search terms: log the path only.
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: errorWithoutValues,
      },
      redact: {
        paths: [
          ...PERSONAL_PATHS,
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

import pino from 'pino';

/** pino with personal data redacted wherever it might appear in a logged object. */
export function createLogger(level: string) {
  return pino({
    level,
    serializers: {
      // Query strings can carry tokens (password-reset links) and search terms: log the path only.
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    redact: {
      paths: [
        '*.password',
        '*.phone',
        '*.address',
        '*.email',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
  });
}

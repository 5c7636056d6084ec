import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '@core/errors.ts';

/** A per-key limiter that throws the user-facing "wait N seconds" error. */
export function limiter(points: number, durationSec: number) {
  const rl = new RateLimiterMemory({ points, duration: durationSec });
  return async (key: string): Promise<void> => {
    try {
      await rl.consume(key);
    } catch (e) {
      if (e instanceof RateLimiterRes)
        throw new AppError('auth.rateLimited', { seconds: Math.ceil(e.msBeforeNext / 1000) });
      throw e;
    }
  };
}

import type { MIN_PASSWORD_LENGTH as CORE_MIN } from '@core/account.ts';

/**
 * The shortest password the server accepts. Written here rather than imported because core/account.ts also builds
 * zod schemas, which would add zod to the public pages; the type ties this value to core's, so tsc fails if they part.
 */
export const MIN_PASSWORD_LENGTH: typeof CORE_MIN = 10;

export function longEnough(password: string): boolean {
  return [...password.normalize('NFC')].length >= MIN_PASSWORD_LENGTH;
}

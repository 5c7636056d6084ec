import { ApiError } from './client.ts';

/**
 * The message to show for a failed call: the server's (already in the user's language), or the given fallback when
 * the server was not reached.
 */
export function errorText(err: unknown, unreachable: string): string {
  return err instanceof ApiError ? err.message : unreachable;
}

/** Validation issues keyed by field path ("email", "prizes.0.amountVnd"); the first issue of a field wins. */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (err instanceof ApiError) for (const i of err.issues) out[i.path] ??= i.message;
  return out;
}

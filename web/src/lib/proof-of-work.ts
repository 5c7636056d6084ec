import { api, ApiError } from '../api/client.ts';
import type { Challenge } from 'altcha/lib';

/**
 * Fetches a proof-of-work challenge and solves it in this browser (a second or two of hashing), returning what the
 * server takes as `altcha`. The solver is loaded only when a challenge is asked for.
 */
export async function solveFreshChallenge(): Promise<string> {
  const challenge = await api<Challenge>('/api/challenge');
  const { solveChallenge, sha } = await import('altcha/lib');
  const solution = await solveChallenge({ challenge, deriveKey: sha.deriveKey });
  if (!solution) throw new Error('proof-of-work not solved');
  const payload = { challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution };
  return btoa(JSON.stringify(payload));
}

/**
 * Sends a request; when the server answers that it needs a solved challenge (`code`), solves one and sends the
 * request once more with it. `onSolving` lets the page say what the wait is for.
 */
export async function withChallengeIfAsked<T>(
  code: string,
  send: (altcha?: string) => Promise<T>,
  onSolving?: () => void,
): Promise<T> {
  try {
    return await send();
  } catch (e) {
    if (!(e instanceof ApiError) || e.code !== code) throw e;
    onSolving?.();
    return send(await solveFreshChallenge());
  }
}

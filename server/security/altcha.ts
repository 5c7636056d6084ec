/**
 * Proof-of-work challenges (ALTCHA, protocol v2 of altcha-lib): a browser spends a second or two of work before it
 * may ask for a one-time code or cast a vote, which makes scripted floods cost something. Deterministic mode: the
 * server picks the number the browser must find and signs the derived key, so that checking a solution is two
 * HMACs. Each solution is accepted once (`altcha_spent`); a replay is refused. Used by voting and, later, by the
 * throttling of log-ins, hence the small interface: `createChallenge` and `verifyChallenge`.
 */
import crypto from 'node:crypto';
import { createChallenge as createAltchaChallenge, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';

export const CHALLENGE_ALGORITHM = 'SHA-256';
export const CHALLENGE_TTL_MS = 10 * 60_000;

export interface ChallengeDeps {
  db: Kysely<DB>;
  clock: () => Date;
  keys: { altcha: string };
  config: { altchaComplexity: number };
}

export type ChallengeFailure = 'missing' | 'malformed' | 'expired' | 'invalid' | 'replayed';
export type ChallengeVerdict = { ok: true } | { ok: false; reason: ChallengeFailure };

/** The derived key is signed with its own secret, derived from the one key so that one variable suffices. */
const keySecrets = new Map<string, string>();
function keySignatureSecret(key: string): string {
  let secret = keySecrets.get(key);
  if (secret === undefined) {
    secret = crypto.createHmac('sha256', key).update('altcha:derived-key').digest('hex');
    keySecrets.set(key, secret);
  }
  return secret;
}

/**
 * altcha-lib's canonical form of the signed parameters, `JSON.stringify` of them with keys sorted at every level of
 * objects and undefined values left out, written directly (no sorted copy: it runs for every vote).
 */
function canonicalJson(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return JSON.stringify(value);
  let out = '';
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    out += `${out ? ',' : ''}${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `{${out}}`;
}

function sameText(a: string, b: string): boolean {
  return a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * altcha-lib's `verifySolution` for a challenge of ours (it carries a key signature: steps 3 and 4a of the library),
 * with node's HMAC: the library's goes through WebCrypto, whose asynchronous jobs cost several times the hash itself
 * on a vote's hot path. The same checks, in the same order; `verifySolution` still checks anything else.
 */
function verifySignedSolution(
  decoded: z.infer<typeof payloadSchema>,
  key: string,
): { expired: boolean; verified: boolean } {
  const params = decoded.challenge.parameters;
  if (params.expiresAt && params.expiresAt < Date.now() / 1000) return { expired: true, verified: false };
  const signature = crypto.createHmac('sha256', key).update(canonicalJson(params)).digest('hex');
  if (!sameText(decoded.challenge.signature, signature)) return { expired: false, verified: false };
  const { derivedKey, counter } = decoded.solution;
  if (!/^(?:[0-9a-f]{2})+$/.test(derivedKey) || !Number.isInteger(counter) || counter < 0 || counter > 0xffffffff)
    return { expired: false, verified: false };
  const keySignature = crypto
    .createHmac('sha256', keySignatureSecret(key))
    .update(Buffer.from(derivedKey, 'hex'))
    .digest('hex');
  return { expired: false, verified: sameText(params.keySignature!, keySignature) };
}

/** A signed challenge for the `altcha` widget, valid `CHALLENGE_TTL_MS`. */
export async function createChallenge(deps: ChallengeDeps): Promise<Challenge> {
  const max = deps.config.altchaComplexity;
  return createAltchaChallenge({
    algorithm: CHALLENGE_ALGORITHM,
    cost: 1,
    deriveKey,
    counter: crypto.randomInt(Math.ceil(max / 2), max + 1),
    expiresAt: Math.floor((deps.clock().getTime() + CHALLENGE_TTL_MS) / 1000),
    hmacSignatureSecret: deps.keys.altcha,
    hmacKeySignatureSecret: keySignatureSecret(deps.keys.altcha),
  });
}

const payloadSchema = z.object({
  challenge: z.object({
    parameters: z
      .object({
        algorithm: z.literal(CHALLENGE_ALGORITHM),
        nonce: z.string(),
        salt: z.string(),
        cost: z.number(),
        keyLength: z.number(),
        keyPrefix: z.string(),
        keySignature: z.string().optional(),
        expiresAt: z.number(),
      })
      .catchall(z.unknown()),
    signature: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  solution: z.object({ counter: z.number(), derivedKey: z.string(), time: z.number().optional() }),
});

function decodePayload(payload: string): z.infer<typeof payloadSchema> | null {
  if (payload.length > 4096) return null;
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type ChallengeCheck =
  { ok: true; signature: string; expiresAt: string } | { ok: false; reason: ChallengeFailure };

/**
 * Checks a solved challenge (the widget's base64 payload) without spending it: its form, expiry (by the deps' clock)
 * and signatures. Reads nothing, so it runs outside any transaction; `spendChallenge` then spends it where it counts.
 */
export async function checkChallenge(deps: ChallengeDeps, payload: string | null | undefined): Promise<ChallengeCheck> {
  if (!payload) return { ok: false, reason: 'missing' };
  const decoded = decodePayload(payload);
  if (!decoded) return { ok: false, reason: 'malformed' };
  const expiresAt = new Date(decoded.challenge.parameters.expiresAt * 1000);
  if (expiresAt.getTime() <= deps.clock().getTime()) return { ok: false, reason: 'expired' };
  const result = decoded.challenge.parameters.keySignature
    ? verifySignedSolution(decoded, deps.keys.altcha)
    : await verifySolution({
        challenge: decoded.challenge as Challenge,
        solution: decoded.solution,
        deriveKey,
        hmacSignatureSecret: deps.keys.altcha,
        hmacKeySignatureSecret: keySignatureSecret(deps.keys.altcha),
      });
  if (result.expired) return { ok: false, reason: 'expired' };
  if (!result.verified) return { ok: false, reason: 'invalid' };
  return { ok: true, signature: decoded.challenge.signature, expiresAt: expiresAt.toISOString() };
}

/** Spends a checked challenge once; false when it was spent before (a replay). `db` may be a transaction. */
export async function spendChallenge(
  db: Kysely<DB>,
  checked: { signature: string; expiresAt: string },
): Promise<boolean> {
  const spent = await db
    .insertInto('altcha_spent')
    .values({ signature: checked.signature, expires_at: checked.expiresAt })
    .onConflict((oc) => oc.columns(['expires_at', 'signature']).doNothing())
    .executeTakeFirst();
  return Number(spent.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Checks a solved challenge and spends it. `db` may be a transaction, so that the challenge is spent together with
 * what it allowed.
 */
export async function verifyChallenge(
  deps: ChallengeDeps,
  payload: string | null | undefined,
  db: Kysely<DB> = deps.db,
): Promise<ChallengeVerdict> {
  const checked = await checkChallenge(deps, payload);
  if (!checked.ok) return checked;
  return (await spendChallenge(db, checked)) ? { ok: true } : { ok: false, reason: 'replayed' };
}

/** Forgets spent challenges that have expired anyway (housekeeping). */
export async function pruneSpentChallenges(deps: Pick<ChallengeDeps, 'db' | 'clock'>): Promise<number> {
  const r = await deps.db
    .deleteFrom('altcha_spent')
    .where('expires_at', '<', deps.clock().toISOString())
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

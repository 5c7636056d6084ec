import type { DialectName, Tx } from '../../db/dialect.ts';
import { preparedQuery } from '../../db/prepared-query.ts';
import { sha256Hex } from '../../security/tokens.ts';

export interface SessionVoter {
  id: number;
  contestId: number;
  kind: 'phone' | 'email';
  display: string;
  pseudonym: string;
  emailDomain: string | null;
  verifiedAt: string;
  deviceId: string;
}

const sessionVoter = preparedQuery((db: Tx, tokenHash: string, contestId: number) =>
  db
    .selectFrom('voter_sessions as s')
    .innerJoin('voters as v', 'v.id', 's.voter_id')
    .select(['v.id', 'v.contest_id', 'v.kind', 'v.display', 'v.pseudonym', 'v.email_domain', 'v.verified_at'])
    .select(['s.device_id', 's.expires_at'])
    .where('s.token_hash', '=', tokenHash)
    .where('v.contest_id', '=', contestId),
);

/** A voter-session cookie's value worth looking up (the cookie is ours: anything else is no session). */
export function plausibleToken(token: string | undefined): token is string {
  return !!token && token.length <= 100;
}

/** A session still holds now, shown from the device that verified it (`deviceHash`: the device cookie's keyed hash). */
export function sessionHolds(
  session: { expires_at: string; device_id: string },
  deviceHash: string,
  now: Date,
): boolean {
  return Date.parse(session.expires_at) > now.getTime() && session.device_id === deviceHash;
}

/**
 * The verified voter behind a voter-session cookie in this contest, or null (none, expired, another contest, or
 * presented from another device than the one that verified: `deviceHash` is the keyed hash of the device cookie).
 */
export async function resolveVoter(
  db: { db: Tx; dialect: DialectName },
  contestId: number,
  token: string | undefined,
  deviceHash: string | null,
  now: Date,
): Promise<SessionVoter | null> {
  if (!plausibleToken(token) || !deviceHash) return null;
  const [row] = await sessionVoter(db.db, db.dialect, sha256Hex(token), contestId);
  if (!row || !sessionHolds(row, deviceHash, now)) return null;
  return {
    id: row.id,
    contestId: row.contest_id,
    kind: row.kind,
    display: row.display,
    pseudonym: row.pseudonym,
    emailDomain: row.email_domain,
    verifiedAt: row.verified_at,
    deviceId: row.device_id,
  };
}

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
  if (!token || token.length > 100 || !deviceHash) return null;
  const [row] = await sessionVoter(db.db, db.dialect, sha256Hex(token), contestId);
  if (!row || Date.parse(row.expires_at) <= now.getTime() || row.device_id !== deviceHash) return null;
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

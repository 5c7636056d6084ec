import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's second recommended profile (19 MiB, t=2): about 30 ms on this class of machine.
export const PASSWORD_HASH_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
// Under the test runner only (vitest sets VITEST, and the server processes tests start inherit it): the suite hashes
// and checks passwords thousands of times, and what it tests is the logic, not the cost. Still argon2id; a hash made
// either way verifies either way, since the parameters are in the hash.
const OPTIONS =
  process.env.VITEST === 'true' ? { memoryCost: 1024, timeCost: 1, parallelism: 1 } : PASSWORD_HASH_OPTIONS;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** Verifying against this keeps a login for an unknown account as slow as one for a known account. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-0000');
  return dummyHash;
}

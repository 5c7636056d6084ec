import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';

/** The keys the server signs and hashes with (ADR 0026). */
export interface SecretKeys {
  /** Signs proof-of-work challenges (ALTCHA). */
  altcha: string;
  /** Keys the hashes of voters' phone numbers and e-mail addresses, and of one-time codes. */
  voterHash: string;
  /** Keys the pseudonyms in the public vote log: a second key, so the log cannot be matched against phone hashes. */
  voteLog: string;
  /** Computes the verification codes printed on certificates (ADR 0022). */
  certificate: string;
}

const FILES: Record<keyof SecretKeys, { env: string; file: string }> = {
  altcha: { env: 'ALTCHA_HMAC_KEY', file: 'altcha-hmac.key' },
  voterHash: { env: 'VOTER_HASH_KEY', file: 'voter-hash.key' },
  voteLog: { env: 'VOTE_LOG_KEY', file: 'vote-log.key' },
  certificate: { env: 'CERTIFICATE_KEY', file: 'certificate.key' },
};

/**
 * A key from the environment, or else the one in DATA_DIR/secrets, written there (32 random bytes, mode 0600) the
 * first time. Stable across restarts of one installation; several machines must share the environment's keys.
 */
function resolveKey(dataDir: string, name: keyof SecretKeys, fromEnv: string | null, logger: Logger): string {
  if (fromEnv) return fromEnv;
  const dir = path.join(dataDir, 'secrets');
  const file = path.join(dir, FILES[name].file);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
    logger.warn({ file: `secrets/${FILES[name].file}` }, `${FILES[name].env} not set: generated a key in DATA_DIR`);
  } catch (err) {
    // Another process wrote it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export function loadSecretKeys(config: Config, logger: Logger): SecretKeys {
  return {
    altcha: resolveKey(config.dataDir, 'altcha', config.keys.altcha, logger),
    voterHash: resolveKey(config.dataDir, 'voterHash', config.keys.voterHash, logger),
    voteLog: resolveKey(config.dataDir, 'voteLog', config.keys.voteLog, logger),
    certificate: resolveKey(config.dataDir, 'certificate', config.keys.certificate, logger),
  };
}

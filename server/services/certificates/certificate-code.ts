import crypto from 'node:crypto';
import { certificatePayload, codeFromMac, type CertificateFacts } from '@core/documents/verification-code.ts';
import type { SecretKeys } from '../../security/secret-keys.ts';

/** A short name of the key, stored with each certificate so that a rotated key is noticed, never the key. */
export function certificateKeyId(keys: Pick<SecretKeys, 'certificate'>): string {
  return crypto.createHash('sha256').update(`certificate-key:${keys.certificate}`).digest('hex').slice(0, 12);
}

/** The verification code of a certificate: the first 100 bits of HMAC-SHA256(key, payload), in Crockford base32. */
export function certificateCode(keys: Pick<SecretKeys, 'certificate'>, facts: CertificateFacts): string {
  return codeFromMac(crypto.createHmac('sha256', keys.certificate).update(certificatePayload(facts)).digest());
}

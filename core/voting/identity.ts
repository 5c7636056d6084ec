/**
 * A voter's identity: a verified mobile number or e-mail address. The server keeps only a keyed hash (HMAC-SHA-256
 * with a key from the environment) of `hashInput` and the display form; the raw value is dropped once verified.
 */
import { parseEmail } from './email.ts';
import { problem, type VotingProblem } from './messages.ts';
import { maskPhone, parseVietnameseMobile } from './phone.ts';
import { type IdentityKind, usableIdentityKinds, type VotingSettings } from './settings.ts';

export interface Identity {
  kind: IdentityKind;
  /** E.164 for a phone, the canonical address for an e-mail: where the code is sent. */
  value: string;
  /** The text to hash: kind and value, so a phone and an e-mail can never share a hash. */
  hashInput: string;
  display: string;
  /** The e-mail's domain (kept for the integrity checks), null for a phone. */
  emailDomain: string | null;
}

export type IdentityCheck = { ok: true; identity: Identity } | { ok: false; problem: VotingProblem };

const KIND_NAMES = {
  phone: { vi: 'số điện thoại di động', en: 'mobile phone number' },
  email: { vi: 'thư điện tử', en: 'e-mail' },
} as const;

export function parseIdentity(
  kind: IdentityKind,
  input: string,
  settings: Pick<VotingSettings, 'identities' | 'residentListOnly' | 'disposableDomains'>,
): IdentityCheck {
  const usable = usableIdentityKinds(settings);
  if (!usable.includes(kind)) {
    const allowed = {
      vi: usable.map((k) => KIND_NAMES[k].vi).join(' hoặc '),
      en: usable.map((k) => KIND_NAMES[k].en).join(' or '),
    };
    return { ok: false, problem: problem('vote.identityKindNotAllowed', { allowed }) };
  }
  if (kind === 'phone') {
    const p = parseVietnameseMobile(input);
    if (!p.ok) return p;
    return {
      ok: true,
      identity: {
        kind,
        value: p.e164,
        hashInput: `phone:${p.e164}`,
        display: maskPhone(p.last4),
        emailDomain: null,
      },
    };
  }
  const e = parseEmail(input, settings.disposableDomains);
  if (!e.ok) return e;
  return {
    ok: true,
    identity: {
      kind,
      value: e.canonical,
      hashInput: `email:${e.canonical}`,
      display: e.display,
      emailDomain: e.domain,
    },
  };
}

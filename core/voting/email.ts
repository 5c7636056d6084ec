/**
 * E-mail addresses for voter verification: one canonical form per mailbox (so that aliases of one mailbox are one
 * voter), a syntax check, and the disposable-domain check.
 */
import { DISPOSABLE_DOMAINS } from './disposable-domains.ts';
import { problem, type VotingProblem } from './messages.ts';

export type EmailCheck =
  | {
      ok: true;
      /** The form that is hashed and compared: lower case, "+tag" removed, Gmail's dots removed. */
      canonical: string;
      domain: string;
      /** What the voter and staff see: "n•••@gmail.com". */
      display: string;
    }
  | { ok: false; problem: VotingProblem };

/** Domains where dots in the local part are ignored by the provider (and googlemail.com is gmail.com). */
const DOTLESS: Readonly<Record<string, string>> = { 'gmail.com': 'gmail.com', 'googlemail.com': 'gmail.com' };

const DISPOSABLE_SET = new Set(DISPOSABLE_DOMAINS);

const LOCAL_RE = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_RE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

export interface DisposableOverrides {
  extra: readonly string[];
  allowed: readonly string[];
}

export function parseEmail(input: string, disposable: DisposableOverrides = { extra: [], allowed: [] }): EmailCheck {
  const address = input.normalize('NFC').trim().toLowerCase();
  if (address === '') return { ok: false, problem: problem('email.empty') };
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  let domain = address.slice(at + 1);
  if (at < 1 || address.length > 254 || local.length > 64 || !LOCAL_RE.test(local) || !DOMAIN_RE.test(domain)) {
    return { ok: false, problem: problem('email.format') };
  }
  if (isDisposableDomain(domain, disposable)) return { ok: false, problem: problem('email.disposable', { domain }) };
  let box = local.split('+')[0]!;
  if (box === '') return { ok: false, problem: problem('email.format') };
  const dotless = DOTLESS[domain];
  if (dotless) {
    domain = dotless;
    box = box.replace(/\./g, '');
  }
  return { ok: true, canonical: `${box}@${domain}`, domain, display: `${box[0]}•••@${domain}` };
}

/** Whether the domain, or a domain it belongs to, is disposable after the contest's additions and exceptions. */
export function isDisposableDomain(domain: string, o: DisposableOverrides = { extra: [], allowed: [] }): boolean {
  const d = domain.toLowerCase();
  const parents: string[] = [];
  const labels = d.split('.');
  for (let i = 0; i < labels.length - 1; i++) parents.push(labels.slice(i).join('.'));
  if (parents.some((p) => o.allowed.includes(p))) return false;
  return parents.some((p) => DISPOSABLE_SET.has(p) || o.extra.includes(p));
}

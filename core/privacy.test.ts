import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONSENT_TEXTS, CURRENT_CONSENT_VERSION, consentText } from './privacy.ts';
import { CONSENT_PURPOSE } from './entry.ts';

const i18n = (lang: 'vi' | 'en') =>
  JSON.parse(fs.readFileSync(new URL(`../web/src/i18n/${lang}.json`, import.meta.url), 'utf8')) as {
    entry: { form: { consent: string } };
    register: { consent: string };
    vote: { consent: string; sendCode: string };
  };

describe('consent texts', () => {
  it('the current entry consent is exactly what the entry form shows (change one, add a version)', () => {
    const v = CURRENT_CONSENT_VERSION.entry!;
    for (const lang of ['vi', 'en'] as const)
      expect(consentText(v, lang)).toBe(`${i18n(lang).entry.form.consent} ${CONSENT_PURPOSE[lang]}`);
  });

  it('the current account consent is exactly what the registration form shows', () => {
    const v = CURRENT_CONSENT_VERSION.account!;
    for (const lang of ['vi', 'en'] as const) expect(consentText(v, lang)).toBe(i18n(lang).register.consent);
  });

  it('the current voting consent is exactly what the vote sheet shows beside its send-code button', () => {
    const v = CURRENT_CONSENT_VERSION.voting!;
    for (const lang of ['vi', 'en'] as const) {
      expect(consentText(v, lang)).toBe(i18n(lang).vote.consent);
      // It names the button that gives it.
      expect(i18n(lang).vote.consent).toContain(i18n(lang).vote.sendCode);
    }
  });

  it('every current version exists, every text is NFC, and an unknown version has no text', () => {
    for (const v of Object.values(CURRENT_CONSENT_VERSION)) if (v) expect(CONSENT_TEXTS[v]).toBeDefined();
    for (const t of Object.values(CONSENT_TEXTS)) expect(t.vi).toBe(t.vi.normalize('NFC'));
    expect(consentText('entry-v0', 'vi')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { CONSENT_PURPOSE as CORE_CONSENT_PURPOSE } from '@core/entry.ts';
import { CONSENT_PURPOSE } from './draft.ts';

describe('the consent on the entry form', () => {
  it('states the purpose in the very words the server records with the consent', () => {
    expect(CONSENT_PURPOSE).toEqual(CORE_CONSENT_PURPOSE);
  });
});

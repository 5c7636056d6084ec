import { describe, expect, it } from 'vitest';
import { CURRENT_LICENCE, licenceText, USAGE_LICENCES } from './licence.ts';

describe('usage licence', () => {
  it('says in both languages that winning works are republished on the portal and social media, author named', () => {
    expect(CURRENT_LICENCE.vi).toMatch(/đoạt giải/);
    expect(CURRENT_LICENCE.vi).toMatch(/Cổng thông tin điện tử/);
    expect(CURRENT_LICENCE.vi).toMatch(/mạng xã hội/);
    expect(CURRENT_LICENCE.vi).toMatch(/ghi rõ tên tác giả/);
    expect(CURRENT_LICENCE.en).toMatch(/wins a prize.*portal.*social media.*author named/);
  });

  it('is written in NFC, with unique versions, the current one last', () => {
    for (const l of USAGE_LICENCES) {
      expect(l.vi).toBe(l.vi.normalize('NFC'));
      expect(l.vi).not.toMatch(/\(R\d+\)/);
    }
    expect(new Set(USAGE_LICENCES.map((l) => l.version)).size).toBe(USAGE_LICENCES.length);
    expect(CURRENT_LICENCE).toBe(USAGE_LICENCES.at(-1));
  });

  it('finds the text of a stored version, and nothing for an entry without one', () => {
    expect(licenceText(CURRENT_LICENCE.version)).toBe(CURRENT_LICENCE);
    expect(licenceText(null)).toBeNull();
    expect(licenceText('0.0')).toBeNull();
  });
});

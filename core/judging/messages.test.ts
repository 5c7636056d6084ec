import { describe, expect, it } from 'vitest';
import { JUDGING_ERRORS, judgingErrorMessage, problem, PROBLEMS } from './messages.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('judging messages', () => {
  it('have both languages, different, NFC, with the same placeholders', () => {
    for (const [code, m] of [...Object.entries(JUDGING_ERRORS), ...Object.entries(PROBLEMS)]) {
      expect(m.vi.trim(), code).not.toBe('');
      expect(m.en.trim(), code).not.toBe('');
      expect(m.vi, code).not.toBe(m.en);
      expect(m.vi, code).toBe(m.vi.normalize('NFC'));
      expect(placeholders(m.vi), code).toEqual(placeholders(m.en));
      // No internal rule codes in what users read.
      expect(m.vi + m.en, code).not.toMatch(/\bR\d+\b/);
    }
  });

  it('refuse with client-error statuses, so they can join ERRORS', () => {
    for (const [code, m] of Object.entries(JUDGING_ERRORS)) expect(m.status >= 400 && m.status < 500, code).toBe(true);
  });

  it('write numbers the way each language does and take per-language names', () => {
    const p = problem('sheet.offScale', { criterion: { vi: 'Nội dung', en: 'Content' }, value: 10.5, min: 0, max: 10 });
    expect(p.message.vi).toBe('Tiêu chí "Nội dung": điểm 10,5 nằm ngoài thang điểm 0–10. Hãy cho điểm từ 0 đến 10.');
    expect(p.message.en).toBe('Criterion "Content": 10.5 is outside the scale 0–10. Give a score from 0 to 10.');
  });

  it('insert user text literally', () => {
    expect(judgingErrorMessage('judging.roundNotOpen', 'en', { round: '$& {round}' })).toBe(
      'The judging round "$& {round}" is not open yet, so scores cannot be saved. Wait for the jury chair to open it.',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode, errorMessage, ERRORS } from './errors.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('errorMessage', () => {
  it('fills in parameters in Vietnamese and English', () => {
    expect(errorMessage('auth.slowDown', 'vi', { seconds: 8 })).toBe(
      'Đã nhập sai mật khẩu nhiều lần. Vui lòng chờ 8 giây rồi thử lại, hoặc đặt lại mật khẩu.',
    );
    expect(errorMessage('auth.slowDown', 'en', { seconds: 8 })).toBe(
      'The password was wrong several times. Wait 8 seconds and try again, or reset your password.',
    );
  });

  it('fills in several parameters, each wherever it appears', () => {
    const vi = errorMessage('unit.categoryUnknown', 'vi', {
      category: 'Huyện',
      allowed: 'Xã, thị trấn; Cơ quan cấp huyện',
    });
    expect(vi).toBe('Loại đơn vị "Huyện" không có trong cuộc thi. Các loại hợp lệ: Xã, thị trấn; Cơ quan cấp huyện.');
    expect(errorMessage('unit.categoryUnknown', 'en', { category: 'x', allowed: 'a, b' })).toBe(
      'Unit category "x" is not defined for this contest. Valid categories: a, b.',
    );
  });

  it('writes a zero rather than leaving the placeholder', () => {
    expect(errorMessage('auth.rateLimited', 'en', { seconds: 0 })).toBe(
      'Too many requests. Please wait 0 seconds and try again.',
    );
  });

  it('leaves a placeholder visible when its parameter is missing', () => {
    expect(errorMessage('import.rowErrors', 'en')).toContain('{count}');
  });

  it('inserts user text literally, without replacement patterns such as $&', () => {
    expect(errorMessage('unit.nameTaken', 'en', { name: 'A$&B$1' })).toBe(
      'A unit named "A$&B$1" already exists in this contest.',
    );
  });

  it('does not expand placeholders found inside a parameter value', () => {
    expect(errorMessage('unit.nameTaken', 'vi', { name: '{name}' })).toBe(
      'Đã có đơn vị tên "{name}" trong cuộc thi này.',
    );
  });

  it('returns the message unchanged when it has no placeholders', () => {
    expect(errorMessage('contest.notFound', 'vi', { extra: 1 })).toBe('Không tìm thấy cuộc thi.');
  });
});

describe('ERRORS', () => {
  const codes = Object.keys(ERRORS) as ErrorCode[];

  it('has a message in both languages for every code, with the same placeholders', () => {
    for (const code of codes) {
      const e = ERRORS[code];
      expect(e.vi.trim(), code).not.toBe('');
      expect(e.en.trim(), code).not.toBe('');
      expect(e.vi, code).not.toBe(e.en);
      expect(placeholders(e.vi), code).toEqual(placeholders(e.en));
    }
  });

  it('uses client-error statuses, except for the internal error and text messages paused or over budget', () => {
    for (const code of codes) {
      const { status } = ERRORS[code];
      if (code === 'internal') expect(status).toBe(500);
      else if (code === 'send.smsPaused' || code === 'send.smsBudget') expect(status).toBe(503);
      else expect(status >= 400 && status < 500, code).toBe(true);
    }
  });
});

describe('AppError', () => {
  it('carries the code, parameters and the status of the code', () => {
    const e = new AppError('auth.slowDown', { seconds: 15 }, { until: 'x' });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('AppError');
    expect(e.code).toBe('auth.slowDown');
    expect(e.status).toBe(429);
    expect(errorMessage(e.code, 'vi', e.params)).toContain('15 giây');
    expect(e.details).toEqual({ until: 'x' });
    expect(new AppError('auth.forbidden').status).toBe(403);
  });
});

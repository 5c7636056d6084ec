import { describe, expect, it } from 'vitest';
import { cleanFileName, MAX_FILE_NAME_CHARS } from './file-name.ts';

describe('cleanFileName', () => {
  it('keeps an ordinary Vietnamese name, in NFC', () => {
    expect(cleanFileName('Phóng sự Vĩnh Thái.mp4')).toBe('Phóng sự Vĩnh Thái.mp4');
    const nfd = 'Cầu Hiền Lương.mov'.normalize('NFD');
    expect(cleanFileName(nfd)).toBe('Cầu Hiền Lương.mov'.normalize('NFC'));
  });

  it('drops path parts, with either slash', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\An\\Videos\\phong su.mp4')).toBe('phong su.mp4');
    expect(cleanFileName('/var/../video.mp4')).toBe('video.mp4');
  });

  it('turns CR, LF and tab into a space, and removes NUL, DEL and C1 controls', () => {
    expect(cleanFileName('a\u0000b.mp4')).toBe('ab.mp4');
    expect(cleanFileName('phong su\r\nContent-Type: x.mp4')).toBe('phong su Content-Type: x.mp4');
    expect(cleanFileName('a\tb\u007f\u0085c.mp4')).toBe('a bc.mp4');
  });

  it('removes bidirectional overrides that disguise the extension', () => {
    expect(cleanFileName('video\u202egpj.exe')).toBe('videogpj.exe');
    expect(cleanFileName('\u2066a\u2069\u202a.mp4')).toBe('a.mp4');
  });

  it('collapses spaces and trims dots and spaces at the ends', () => {
    expect(cleanFileName('  a    b .mp4 . ')).toBe('a b .mp4');
    expect(cleanFileName('.hidden.mp4')).toBe('hidden.mp4');
  });

  it('falls back when nothing is left', () => {
    expect(cleanFileName('')).toBe('video.mp4');
    expect(cleanFileName('../..')).toBe('video.mp4');
    expect(cleanFileName('dir/')).toBe('video.mp4');
    expect(cleanFileName('\u0000\r\n', 'x.mov')).toBe('x.mov');
  });

  it('cuts to 255 characters (not UTF-16 units) and keeps the extension', () => {
    const long = 'Đ'.repeat(300) + '.mp4';
    const out = cleanFileName(long);
    expect([...out]).toHaveLength(MAX_FILE_NAME_CHARS);
    expect(out.endsWith('Đ.mp4')).toBe(true);
    const emoji = cleanFileName('🎬'.repeat(400));
    expect([...emoji]).toHaveLength(MAX_FILE_NAME_CHARS);
    expect(emoji).toBe('🎬'.repeat(MAX_FILE_NAME_CHARS));
    expect(cleanFileName('a'.repeat(255))).toBe('a'.repeat(255));
  });

  it('gives the same name when cleaned twice', () => {
    for (const s of ['../x\u0000.mp4', ' .a. ', 'Đ'.repeat(300) + '.mp4', 'a\u202eb'])
      expect(cleanFileName(cleanFileName(s))).toBe(cleanFileName(s));
  });
});

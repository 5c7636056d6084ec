import { describe, expect, it } from 'vitest';
import { errorMessage, ERRORS } from './errors.ts';
import { SUBTITLE_LANGUAGES, SUBTITLE_MAX_BYTES, SUBTITLE_MAX_CUES } from './subtitle-languages.ts';
import {
  firstInvalidUtf8,
  formatCueTime,
  parseCueTime,
  parseSubtitles,
  type CleanSubtitles,
  type SubtitleFailure,
} from './subtitles.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

function utf16(s: string, littleEndian: boolean, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
  let o = 0;
  if (bom) {
    out.set(littleEndian ? [0xff, 0xfe] : [0xfe, 0xff]);
    o = 2;
  }
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    out[o++] = littleEndian ? u & 0xff : u >> 8;
    out[o++] = littleEndian ? u >> 8 : u & 0xff;
  }
  return out;
}

function ok(input: string | Uint8Array): CleanSubtitles {
  const r = parseSubtitles(typeof input === 'string' ? utf8(input) : input);
  if (!r.ok) throw new Error(`expected success, got ${r.code} ${JSON.stringify(r.params)}`);
  return r;
}

function refused(input: string | Uint8Array): SubtitleFailure {
  const r = parseSubtitles(typeof input === 'string' ? utf8(input) : input);
  if (r.ok) throw new Error(`expected a refusal, got:\n${r.vtt}`);
  return r;
}

const SRT = [
  '1',
  '00:00:01,000 --> 00:00:04,500',
  'Xin chào bà con xã Vĩnh Thái.',
  '',
  '2',
  '00:00:05,250 --> 00:00:08,000',
  'Hôm nay chúng tôi giới thiệu',
  'dịch vụ công trực tuyến.',
  '',
].join('\n');

const SRT_AS_VTT = [
  'WEBVTT',
  '',
  '00:00:01.000 --> 00:00:04.500',
  'Xin chào bà con xã Vĩnh Thái.',
  '',
  '00:00:05.250 --> 00:00:08.000',
  'Hôm nay chúng tôi giới thiệu',
  'dịch vụ công trực tuyến.',
  '',
].join('\n');

describe('parseSubtitles: WebVTT', () => {
  it('keeps the cues, their valid settings and WebVTT tags, and drops header metadata, notes and identifiers', () => {
    const r = ok(
      [
        'WEBVTT - Phóng sự cải cách hành chính',
        'Kind: captions',
        'Language: vi',
        '',
        'NOTE Bản dịch của Phòng Văn hóa',
        '',
        'mo-dau',
        '00:01.000 --> 00:04.000 line:0 align:start position:10%,line-left size:80% bogus:1 vertical:xx',
        '<v Người dẫn>Chào mừng quý vị</v>',
        '',
        '00:00:04.000 --> 00:00:06.000',
        '<i>Một cửa</i>, <b>một dấu</b>, <c.yellow>nhanh gọn</c>',
        '',
      ].join('\n'),
    );
    expect(r.format).toBe('vtt');
    expect(r.encoding).toBe('utf-8');
    expect(r.cueCount).toBe(2);
    expect(r.vtt).toBe(
      [
        'WEBVTT',
        '',
        '00:00:01.000 --> 00:00:04.000 line:0 align:start position:10%,line-left size:80%',
        '<v Người dẫn>Chào mừng quý vị</v>',
        '',
        '00:00:04.000 --> 00:00:06.000',
        '<i>Một cửa</i>, <b>một dấu</b>, <c.yellow>nhanh gọn</c>',
        '',
      ].join('\n'),
    );
    expect(r.removed).toEqual({ styleBlocks: 0, regionBlocks: 0, tags: 0, emptyCues: 0 });
  });

  it('drops STYLE blocks (with their url() and @import) and REGION blocks, and counts them', () => {
    const r = ok(
      [
        'WEBVTT',
        '',
        'STYLE',
        '::cue { background-image: url("https://tracker.example/x.png"); }',
        '@import url(https://evil.example/a.css);',
        '',
        'REGION',
        'id:fred width:40% lines:3 regionanchor:0%,100% viewportanchor:10%,90% scroll:up',
        '',
        '00:00:01.000 --> 00:00:02.000 region:fred',
        'Nội dung',
        '',
      ].join('\n'),
    );
    expect(r.vtt).toBe('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nNội dung\n');
    expect(r.vtt).not.toMatch(/url|import|STYLE|REGION|region/);
    expect(r.removed).toMatchObject({ styleBlocks: 1, regionBlocks: 1 });
  });

  it('accepts overlapping cues and puts cues in order of their start', () => {
    const r = ok(
      'WEBVTT\n\n00:00:05.000 --> 00:00:09.000\nB\n\n00:00:01.000 --> 00:00:06.000\nA\n\n00:00:02.000 --> ' +
        '00:00:03.000\nA2\n',
    );
    expect(r.vtt).toBe(
      'WEBVTT\n\n00:00:01.000 --> 00:00:06.000\nA\n\n00:00:02.000 --> 00:00:03.000\nA2\n\n00:00:05.000 --> ' +
        '00:00:09.000\nB\n',
    );
  });

  it('refuses a header-only file: there is nothing to show', () => {
    expect(refused('WEBVTT\n\nNOTE nothing yet\n').code).toBe('subtitles.noCues');
  });
});

describe('parseSubtitles: SubRip', () => {
  it('converts numbering and comma decimals to WebVTT', () => {
    const r = ok(SRT);
    expect(r.format).toBe('srt');
    expect(r.cueCount).toBe(2);
    expect(r.vtt).toBe(SRT_AS_VTT);
  });

  it('reads the loose forms editing tools write: short fractions, one-digit fields, no spaces around the arrow', () => {
    const r = ok('1\n0:0:1,5-->0:00:02.25\nMột\n\n2\n00:00:03 --> 00:00:04,000\nHai\n');
    expect(r.vtt).toBe('WEBVTT\n\n00:00:01.500 --> 00:00:02.250\nMột\n\n00:00:03.000 --> 00:00:04.000\nHai\n');
  });

  it('splits cues that lack the blank line between them, and keeps text that goes on after a blank line', () => {
    const r = ok(
      '1\n00:00:01,000 --> 00:00:02,000\nMột\n2\n00:00:03,000 --> 00:00:04,000\nHai\n\ncâu tiếp\n\n3\n' +
        '00:00:05,000 --> 00:00:06,000\nBa\n',
    );
    expect(r.vtt).toBe(
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nMột\n\n00:00:03.000 --> 00:00:04.000\nHai\ncâu tiếp\n\n' +
        '00:00:05.000 --> 00:00:06.000\nBa\n',
    );
  });

  it('turns the {\\an8} position code into cue settings and drops other SubStation codes and <font>', () => {
    const r = ok('1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<font color="#ffff00">Phía trên</font> {\\b1}đậm{\\b0}\n');
    expect(r.vtt).toBe('WEBVTT\n\n00:00:01.000 --> 00:00:02.000 line:0\nPhía trên đậm\n');
    expect(r.removed.tags).toBe(4);
  });

  it('ignores the X1/Y1 box some tools add to the timing line', () => {
    expect(ok('1\n00:00:01,000 --> 00:00:02,000 X1:100 X2:600 Y1:10 Y2:50\nA\n').vtt).toBe(
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n',
    );
  });

  it('refuses a file with no timing line at all', () => {
    const r = refused('Đây là kịch bản, không phải phụ đề.\nCảnh 1: UBND xã.\n');
    expect(r.code).toBe('subtitles.format');
    expect(errorMessage(r.code, 'en', r.params)).toContain('00:00:01,000 --> 00:00:04,000');
  });
});

describe('parseSubtitles: encodings and line ends', () => {
  it('gives the same WebVTT for UTF-8 with and without BOM, and UTF-16 LE and BE with BOM', () => {
    const inputs: [Uint8Array, CleanSubtitles['encoding']][] = [
      [utf8(SRT), 'utf-8'],
      [new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(SRT)]), 'utf-8'],
      [utf16(SRT, true), 'utf-16le'],
      [utf16(SRT, false), 'utf-16be'],
    ];
    for (const [bytes, encoding] of inputs) {
      const r = ok(bytes);
      expect(r.encoding).toBe(encoding);
      expect(r.vtt).toBe(SRT_AS_VTT);
    }
  });

  it('reads a WebVTT header after a BOM, in UTF-16 too', () => {
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nChữ Việt có dấu\n';
    expect(ok(utf16(vtt, true)).format).toBe('vtt');
    expect(ok(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(vtt)])).vtt).toBe(vtt);
  });

  it('reads CRLF and CR line ends and writes LF', () => {
    expect(ok(SRT.replace(/\n/g, '\r\n')).vtt).toBe(SRT_AS_VTT);
    expect(ok(SRT.replace(/\n/g, '\r')).vtt).toBe(SRT_AS_VTT);
  });

  it('normalizes decomposed Vietnamese (NFD, as some Mac tools write it) to NFC', () => {
    const r = ok(SRT.normalize('NFD'));
    expect(r.vtt).toBe(SRT_AS_VTT);
    expect(r.vtt).toBe(r.vtt.normalize('NFC'));
  });

  it('refuses Windows-1258 text that is not valid UTF-8, naming the line, in Vietnamese and English', () => {
    // "Xin chào Việt Nam" in Windows-1258: à = E0, ệ = ê (EA) + combining dot below (F2).
    const cp1258 = new Uint8Array([
      ...utf8('1\r\n00:00:01,000 --> 00:00:02,000\r\nXin ch'),
      0xe0,
      ...utf8('o Vi'),
      0xea,
      0xf2,
      ...utf8('t Nam\r\n'),
    ]);
    const r = refused(cp1258);
    expect(r).toEqual({ ok: false, code: 'subtitles.encoding', params: { line: 3 } });
    expect(errorMessage(r.code, 'vi', r.params)).toBe(
      'Tệp phụ đề không dùng bảng mã Unicode (UTF-8): từ dòng 3 có ký tự không đọc được, có thể tệp được lưu ' +
        'bằng bảng mã cũ như Windows-1258, TCVN3 (ABC) hoặc VNI. Hãy mở tệp bằng phần mềm biên tập phụ đề hoặc ' +
        'Notepad, lưu lại với bảng mã UTF-8 rồi tải lên lại.',
    );
    expect(errorMessage(r.code, 'en', r.params)).toBe(
      'The subtitle file is not in Unicode (UTF-8): from line 3 it has characters that cannot be read, ' +
        'probably because it was saved in an older encoding such as Windows-1258, TCVN3 (ABC) or VNI. Open it in ' +
        'your subtitle editor or Notepad, save it again as UTF-8 and upload it again.',
    );
  });

  it('refuses UTF-16 saved without its byte order mark, and UTF-16 with a broken surrogate pair', () => {
    expect(refused(utf16(SRT, true, false)).code).toBe('subtitles.encoding');
    const lone = utf16('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\uD800B\n', true);
    expect(refused(lone)).toEqual({ ok: false, code: 'subtitles.encoding', params: { line: 4 } });
    expect(refused(utf16(SRT, true).subarray(0, 21)).code).toBe('subtitles.encoding');
  });

  it('finds invalid UTF-8: stray continuation bytes, overlong forms, surrogates, truncated sequences', () => {
    expect(firstInvalidUtf8(utf8('Việt Nam'))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0xc0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0xe0, 0x80, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xe1, 0xba]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(utf8('😀'))).toBe(-1);
  });
});

describe('parseSubtitles: timings', () => {
  it('refuses a cue that ends before it starts, or when it starts, naming the line', () => {
    const r = refused('1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:05,000 --> 00:00:04,000\nB\n');
    expect(r).toEqual({
      ok: false,
      code: 'subtitles.timing',
      params: { line: 6, start: '00:00:05,000', end: '00:00:04,000' },
    });
    expect(errorMessage(r.code, 'vi', r.params)).toBe(
      'Dòng 6: câu phụ đề kết thúc lúc 00:00:04,000, không sau thời điểm bắt đầu 00:00:05,000. Mỗi câu phải ' +
        'kết thúc sau khi bắt đầu; hãy sửa thời gian ở dòng này rồi tải lên lại.',
    );
    expect(refused('WEBVTT\n\n00:00:03.000 --> 00:00:03.000\nA\n').code).toBe('subtitles.timing');
  });

  it('refuses a malformed timestamp (minutes past 59, missing parts), naming it', () => {
    expect(refused('1\n00:75:00,000 --> 00:76:00,000\nA\n')).toEqual({
      ok: false,
      code: 'subtitles.timestamp',
      params: { line: 2, value: '00:75:00,000' },
    });
    expect(refused('1\n00:00:01,000 --> later\nA\n').params).toEqual({ line: 2, value: 'later' });
    expect(refused('WEBVTT\n\nintro\n --> 00:00:02.000\nA\n').params).toEqual({ line: 4, value: '' });
  });

  it('refuses a cue that ends after the sane limit', () => {
    const r = refused('1\n05:00:00,000 --> 05:00:02,000\nA\n');
    expect(r).toEqual({
      ok: false,
      code: 'subtitles.tooLong',
      params: { line: 2, end: '05:00:02,000', max: '04:00:00.000' },
    });
  });

  it('parses and formats cue times', () => {
    expect(parseCueTime('01:02:03.004')).toBe(3_723_004);
    expect(parseCueTime('02:03,5')).toBe(123_500);
    expect(parseCueTime('1:60:00.000')).toBeNull();
    expect(parseCueTime('00:00:01.0000')).toBeNull();
    expect(formatCueTime(3_723_004)).toBe('01:02:03.004');
    expect(formatCueTime(0)).toBe('00:00:00.000');
  });
});

describe('parseSubtitles: markup and text', () => {
  it('strips scripts with their content and HTML tags, keeping the words', () => {
    const r = ok(
      '1\n00:00:01,000 --> 00:00:02,000\n<script>alert("x")</script>Xin <span style="color:red">chào</span> ' +
        '<img src=x onerror=alert(1)><a href="javascript:alert(1)">bà con</a>\n<b ' +
        'onclick="steal()">đậm</b><STYLE>.x{}</STYLE>\n',
    );
    expect(r.vtt).toBe('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nXin chào bà con\n<b>đậm</b>\n');
    expect(r.vtt).not.toMatch(/alert|script|onclick|onerror|href|style/i);
    expect(r.removed.tags).toBe(7);
  });

  it('keeps WebVTT tags with safe classes and annotations, balances them, and drops what is not valid', () => {
    const r = ok(
      [
        'WEBVTT',
        '',
        '00:00:01.000 --> 00:00:05.000',
        '<v.loud Bà Lan &amp; ông Nam>Chào</v> <lang en>hello</lang> <lang "x">bad</lang> ' +
          '<ruby>漢<rt>kan</rt></ruby> <rt>lạc</rt>',
        '<i>mở mà không đóng <u>gạch <00:00:02.000>chân <00:00:09.000>hết',
        '',
      ].join('\n'),
    );
    expect(r.vtt).toBe(
      [
        'WEBVTT',
        '',
        '00:00:01.000 --> 00:00:05.000',
        '<v.loud Bà Lan &amp; ông Nam>Chào</v> <lang en>hello</lang> bad <ruby>漢<rt>kan</rt></ruby> lạc',
        '<i>mở mà không đóng <u>gạch <00:00:02.000>chân hết</u></i>',
        '',
      ].join('\n'),
    );
  });

  it('escapes text that would read as markup or as a timing line, and decodes character references', () => {
    const r = ok(
      '1\n00:00:01,000 --> 00:00:02,000\na < b && c > d --&gt; e &quot;f&quot; &hellip; &#7879; &constructor; &#0;\n',
    );
    expect(r.vtt).toBe(
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\na &lt; b &amp;&amp; c &gt; d --&gt; e "f" … ệ &amp;constructor;\n',
    );
  });

  it('removes control characters and turns tabs into spaces', () => {
    expect(ok('1\n00:00:01,000 --> 00:00:02,000\nA\u0007B\tC\u009bD\n').vtt).toBe(
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAB CD\n',
    );
  });

  it('drops cues left empty, and lines that show nothing, without unbalancing tags', () => {
    const r = ok('1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n\n2\n00:00:03,000 --> 00:00:04,000\n<i>\nChữ</i>\n   \n');
    expect(r.vtt).toBe('WEBVTT\n\n00:00:03.000 --> 00:00:04.000\n<i>Chữ</i>\n');
    expect(r.removed.emptyCues).toBe(1);
    expect(r.cueCount).toBe(1);
  });
});

describe('parseSubtitles: limits', () => {
  it('refuses a file over the size limit, with its size', () => {
    const big = new Uint8Array(SUBTITLE_MAX_BYTES + 1).fill(0x41);
    const r = refused(big);
    expect(r).toEqual({ ok: false, code: 'subtitles.tooLarge', params: { size: '1025 KB', max: '1024 KB' } });
    expect(errorMessage(r.code, 'vi', r.params)).toContain('vượt giới hạn 1024 KB');
  });

  it('refuses more cues than the limit', () => {
    const cues = Array.from(
      { length: SUBTITLE_MAX_CUES + 1 },
      (_, i) => `${formatCueTime(i * 100)} --> ${formatCueTime(i * 100 + 50)}\n${i}`,
    );
    const r = refused(`WEBVTT\n\n${cues.join('\n\n')}\n`);
    expect(r).toEqual({
      ok: false,
      code: 'subtitles.tooManyCues',
      params: { count: SUBTITLE_MAX_CUES + 1, max: SUBTITLE_MAX_CUES },
    });
  });

  it('refuses an empty or blank file', () => {
    expect(refused(new Uint8Array()).code).toBe('subtitles.empty');
    expect(refused('\uFEFF \r\n\n').code).toBe('subtitles.empty');
  });
});

describe('subtitle languages and messages', () => {
  it('lists distinct BCP-47 tags with labels in NFC', () => {
    const codes = SUBTITLE_LANGUAGES.map((l) => l.lang);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.slice(0, 2)).toEqual(['vi', 'en']);
    for (const l of SUBTITLE_LANGUAGES) {
      expect(l.lang).toMatch(/^[a-z]{2,3}$/);
      expect(l.label).toBe(l.label.normalize('NFC'));
    }
  });

  it('has every subtitle error message in NFC, in both languages', () => {
    const codes = Object.keys(ERRORS).filter((c) => c.startsWith('subtitles.')) as (keyof typeof ERRORS)[];
    expect(codes.length).toBeGreaterThanOrEqual(10);
    for (const c of codes)
      for (const lang of ['vi', 'en'] as const) expect(ERRORS[c][lang]).toBe(ERRORS[c][lang].normalize('NFC'));
  });
});

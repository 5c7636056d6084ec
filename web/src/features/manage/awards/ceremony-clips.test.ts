import { describe, expect, it } from 'vitest';
import { chooseVariant, clipPlaylist, masterVariants, memoryLoader } from './ceremony-clips.ts';

const BASE = 'https://thi.example.vn/api/public/entries/7/media/master.m3u8';
const MASTER = [
  '#EXTM3U',
  '#EXT-X-VERSION:3',
  '#EXT-X-STREAM-INF:BANDWIDTH=1020800,RESOLUTION=640x360,CODECS="avc1.64001e,mp4a.40.2"',
  '360p/index.m3u8',
  '#EXT-X-STREAM-INF:BANDWIDTH=3132800,RESOLUTION=1280x720',
  '720p/index.m3u8',
  '#EXT-X-STREAM-INF:BANDWIDTH=5486000,RESOLUTION=1920x1080',
  '1080p/index.m3u8',
  '',
].join('\n');

const media = (durations: number[]) =>
  [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    '#EXT-X-TARGETDURATION:6',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    ...durations.flatMap((d, i) => [`#EXTINF:${d.toFixed(6)},`, `seg_${String(i).padStart(5, '0')}.ts`]),
    '#EXT-X-ENDLIST',
    '',
  ].join('\n');

describe('ceremony clips', () => {
  it('reads the ladder and picks 720p, else the largest below, else the smallest above', () => {
    const v = masterVariants(MASTER, BASE);
    expect(v.map((x) => [x.url, x.height, x.bandwidth])).toEqual([
      ['https://thi.example.vn/api/public/entries/7/media/360p/index.m3u8', 360, 1020800],
      ['https://thi.example.vn/api/public/entries/7/media/720p/index.m3u8', 720, 3132800],
      ['https://thi.example.vn/api/public/entries/7/media/1080p/index.m3u8', 1080, 5486000],
    ]);
    expect(chooseVariant(v)?.height).toBe(720);
    expect(chooseVariant([v[0]!, v[2]!])?.height).toBe(360);
    expect(chooseVariant([v[2]!])?.height).toBe(1080);
    // A portrait film: its short side is what counts.
    expect(masterVariants('#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=720x1280\na.m3u8', BASE)[0]?.height).toBe(720);
    expect(chooseVariant([])).toBeNull();
  });

  it('cuts the playlist after the segment that reaches the clip length and ends it', () => {
    const base = 'https://thi.example.vn/m/720p/index.m3u8';
    const c = clipPlaylist(media([6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 4.5]), base, 20);
    expect(c.segments).toEqual([0, 1, 2, 3].map((i) => `https://thi.example.vn/m/720p/seg_0000${i}.ts`));
    expect(c.seconds).toBe(24);
    expect(c.text.trim().split('\n').slice(-3)).toEqual([
      '#EXTINF:6.000000,',
      'https://thi.example.vn/m/720p/seg_00003.ts',
      '#EXT-X-ENDLIST',
    ]);
    expect(c.text).toContain('#EXT-X-TARGETDURATION:6');
    // A film shorter than the clip is kept whole; one long segment is still one segment.
    expect(clipPlaylist(media([6, 2]), base, 60).segments).toHaveLength(2);
    expect(clipPlaylist(media([90]), base, 60).seconds).toBe(90);
    // fMP4: the init segment is loaded with the others.
    const fmp4 = clipPlaylist('#EXTM3U\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:6,\nseg_00000.m4s\n', base, 60);
    expect(fmp4.segments[0]).toBe('https://thi.example.vn/m/720p/init.mp4');
    expect(fmp4.text).toContain('#EXT-X-MAP:URI="https://thi.example.vn/m/720p/init.mp4"');
  });

  it('answers hls.js from memory and refuses what was not preloaded', async () => {
    const bytes = new Uint8Array([0x47, 1, 2]).buffer;
    const Loader = memoryLoader(
      new Map<string, string | ArrayBuffer>([
        ['https://x/a.ts', bytes],
        ['https://x/p.m3u8', '#EXTM3U'],
      ]),
    );
    const load = (url: string, responseType: string) =>
      new Promise<{ ok: boolean; data?: unknown; code?: number }>((resolve) => {
        new Loader().load({ url, responseType, type: 'manifest' as never }, {} as never, {
          onSuccess: (r) => resolve({ ok: true, data: r.data }),
          onError: (e) => resolve({ ok: false, code: e.code }),
          onTimeout: () => resolve({ ok: false }),
        });
      });
    expect(await load('https://x/a.ts', 'arraybuffer')).toEqual({ ok: true, data: bytes });
    expect(await load('https://x/p.m3u8', 'text')).toEqual({ ok: true, data: '#EXTM3U' });
    expect(await load('https://x/other.ts', 'arraybuffer')).toEqual({ ok: false, code: 404 });
  });
});

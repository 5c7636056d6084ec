/**
 * Subtitle tracks through HTTP, on local storage and on a real S3 protocol server (s3rver): the entrant uploads a
 * SubRip or WebVTT file while the entry is editable, gets it back as clean WebVTT, sees it in the player's data and
 * deletes it; intake staff may change tracks at any time (audited); everyone else is refused as for other entry media.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBTITLE_MAX_BYTES } from '@core/subtitle-languages.ts';
import type { Deps } from '../../server/context.ts';
import { saveEntrySubtitles, subtitleKey } from '../../server/services/media/save-entry-subtitles.ts';
import type { MediaStorage } from '../../server/storage/storage.ts';
import type { ContestView, EntryView, ErrorBody, SubtitleList } from '../helpers/api-types.ts';
import { attachAcceptedFile, completeDraft } from '../helpers/entries.ts';
import { startS3rver, type TestS3 } from '../helpers/s3rver.ts';
import { Client, loggedInClient, makeUser, startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.ts';

const SRT =
  '1\r\n00:00:01,000 --> 00:00:04,000\r\nXin chào bà con <font color="red">Vĩnh Linh</font>\r\n\r\n2\r\n' +
  '00:00:04,500 --> 00:00:07,250\r\n<i>Dịch vụ công trực tuyến</i>\r\n';
const SRT_AS_VTT =
  'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nXin chào bà con Vĩnh Linh\n\n00:00:04.500 --> 00:00:07.250\n' +
  '<i>Dịch vụ công trực tuyến</i>\n';
const VTT_EN = 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello, Vĩnh Linh\n';

function utf16le(s: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
}

async function readObject(storage: MediaStorage, key: string): Promise<string | null> {
  const obj = await storage.get(key);
  if (!obj) return null;
  const chunks: Buffer[] = [];
  for await (const c of obj.body) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

for (const kind of ['local', 's3'] as const) {
  describe(`subtitles (${kind} storage)`, () => {
    let s3: TestS3 | null = null;
    let t: TestApp;
    let owner: Client;
    let ownerId: number;
    let ownerEmail: string;
    let stranger: Client;
    let juror: Client;
    let secretary: Client;
    let secretariat: Client;
    let admin: Client;
    let phone = 0;

    const put = (
      c: Client,
      entryId: number,
      lang: string,
      body: Buffer | string,
      contentType = 'application/x-subrip',
      query = '',
    ) =>
      c.request('PUT', `/api/entries/${entryId}/subtitles/${lang}${query}`, undefined, {
        raw: Buffer.isBuffer(body) ? body : Buffer.from(body),
        contentType,
      });
    const errorOf = (res: { json<T>(): T }) => res.json<Partial<ErrorBody>>().error?.code;

    /** A fresh draft of the owner's (a distinct phone each, so that submitting never meets the person quota). */
    async function draft(): Promise<number> {
      const d = completeDraft({ kind: 'person' }, { title: `Phụ đề ${++phone}` });
      d.authors[0]!.phone = `0912 000 ${String(phone).padStart(3, '0')}`;
      const res = await owner.post(`/api/contests/${t.demoSlug}/entries`, d);
      if (res.statusCode !== 201) throw new Error(`draft: ${res.statusCode} ${res.body}`);
      return res.json().id;
    }

    async function submitted(): Promise<number> {
      const id = await draft();
      await attachAcceptedFile(t, id);
      const res = await owner.post(`/api/entries/${id}/submit`);
      if (res.statusCode !== 200) throw new Error(`submit: ${res.statusCode} ${res.body}`);
      return id;
    }

    async function contestId(): Promise<number> {
      return Number(
        (await t.deps.db.selectFrom('contests').select('id').where('slug', '=', t.demoSlug).executeTakeFirstOrThrow())
          .id,
      );
    }

    async function auditActions(): Promise<
      { action: string; outcome: string; target: string | null; details: Record<string, unknown> }[]
    > {
      const rows = await t.deps.db
        .selectFrom('audit_log')
        .select(['action', 'outcome', 'target', 'details_json'])
        .orderBy('seq')
        .execute();
      return rows.map((r) => ({
        action: r.action,
        outcome: r.outcome,
        target: r.target,
        details: JSON.parse(r.details_json) as Record<string, unknown>,
      }));
    }

    beforeAll(async () => {
      if (kind === 's3') s3 = await startS3rver();
      t = await startTestApp({ env: s3?.env ?? {} });
      const [o, x, j, sy, sc] = await Promise.all([
        makeUser(t),
        makeUser(t),
        makeUser(t, { role: 'juror' }),
        makeUser(t, { role: 'secretary' }),
        makeUser(t, { role: 'secretariat' }),
      ]);
      ownerId = o.id;
      ownerEmail = o.email;
      [owner, stranger, juror, secretary, secretariat, admin] = await Promise.all([
        loggedInClient(t, o.email, o.password),
        loggedInClient(t, x.email, x.password),
        loggedInClient(t, j.email, j.password),
        loggedInClient(t, sy.email, sy.password),
        loggedInClient(t, sc.email, sc.password),
        loggedInClient(t, t.admin.email, t.admin.password),
      ]);
    }, 60_000);

    afterAll(async () => {
      await t?.close();
      await s3?.close();
    });

    it('converts an uploaded .srt to clean WebVTT, stores it under the entry and serves it as text/vtt', async () => {
      expect(t.deps.storage.kind).toBe(kind);
      const id = await draft();
      const res = await put(owner, id, 'vi', SRT);
      expect(res.statusCode).toBe(200);
      const saved = res.json();
      expect(saved).toMatchObject({
        lang: 'vi',
        label: 'Tiếng Việt',
        isDefault: true,
        cueCount: 2,
        sourceFormat: 'srt',
        sizeBytes: Buffer.byteLength(SRT_AS_VTT),
        removed: { tags: 2, styleBlocks: 0, regionBlocks: 0, emptyCues: 0 },
      });
      expect(saved.url).toMatch(new RegExp(`^/api/entries/${id}/subtitles/vi\\.vtt\\?v=\\d+$`));

      const key = subtitleKey(await contestId(), id, 'vi');
      expect(key).toBe(`contests/${await contestId()}/entries/${id}/subtitles/vi.vtt`);
      expect(await readObject(t.deps.storage, key)).toBe(SRT_AS_VTT);

      const file = await owner.get(saved.url);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('text/vtt; charset=utf-8');
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['cache-control']).toMatch(/^private/);
      expect(file.body).toBe(SRT_AS_VTT);

      const { removed: _removed, ...track } = saved;
      expect((await owner.get(`/api/entries/${id}/subtitles`)).json()).toEqual({ canEdit: true, tracks: [track] });
      const entry = (await owner.get(`/api/entries/${id}`)).json<EntryView>();
      expect(entry.events.map((e) => e.kind)).toContain('subtitles.saved');
    });

    it('takes UTF-16 WebVTT with a label, lists Vietnamese first, and gives the tracks to the player', async () => {
      const id = await draft();
      const en = await put(
        owner,
        id,
        'en',
        utf16le(VTT_EN),
        'text/vtt',
        `?label=${encodeURIComponent('English (phụ đề)')}`,
      );
      expect(en.statusCode).toBe(200);
      expect(en.json()).toMatchObject({
        lang: 'en',
        label: 'English (phụ đề)',
        isDefault: false,
        sourceFormat: 'vtt',
        cueCount: 1,
      });
      expect((await put(owner, id, 'VI', Buffer.from(SRT), 'text/plain; charset=windows-1258')).statusCode).toBe(200);
      const tracks = (await owner.get(`/api/entries/${id}/subtitles`)).json<SubtitleList>().tracks;
      expect(tracks.map((tr) => [tr.lang, tr.isDefault])).toEqual([
        ['vi', true],
        ['en', false],
      ]);
      expect((await owner.get(tracks[1]!.url)).body).toBe(VTT_EN);
      const renditions = (await secretariat.get(`/api/entries/${id}/renditions`)).json();
      expect(renditions.status).toBe('none');
      expect(renditions.subtitles).toEqual(tracks);
    });

    it('replaces a track in the same language, with a new URL version', async () => {
      const id = await draft();
      const first = (await put(owner, id, 'vi', SRT)).json();
      await new Promise((r) => setTimeout(r, 5));
      const second = await put(
        owner,
        id,
        'vi',
        '1\n00:00:02,000 --> 00:00:03,000\nBản sửa\n',
        'application/octet-stream',
      );
      expect(second.statusCode).toBe(200);
      expect(second.json().cueCount).toBe(1);
      expect(second.json().url).not.toBe(first.url);
      expect((await owner.get(second.json().url)).body).toBe('WEBVTT\n\n00:00:02.000 --> 00:00:03.000\nBản sửa\n');
      expect((await owner.get(`/api/entries/${id}/subtitles`)).json().tracks).toHaveLength(1);
    });

    it("refuses bad files with the rule and the fix, in the caller's language", async () => {
      const id = await draft();
      const cp1258 = Buffer.concat([
        Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nXin ch'),
        Buffer.from([0xe0]),
        Buffer.from('o\n'),
      ]);
      const vi = await put(owner, id, 'vi', cp1258);
      expect(vi.statusCode).toBe(400);
      expect(vi.json().error).toMatchObject({ code: 'subtitles.encoding' });
      expect(vi.json().error.message).toContain('từ dòng 3 có ký tự không đọc được');
      const enClient = await loggedInClient(t, ownerEmail, TEST_PASSWORD);
      enClient.lang = 'en';
      const en = await put(enClient, id, 'vi', cp1258);
      expect(en.json().error.message).toContain('save it again as UTF-8');

      const timing = await put(owner, id, 'vi', '1\n00:00:05,000 --> 00:00:04,000\nA\n');
      expect(timing.json().error).toMatchObject({ code: 'subtitles.timing' });
      expect(timing.json().error.message).toContain('Dòng 2');
      expect(errorOf(await put(owner, id, 'vi', ''))).toBe('subtitles.empty');
      expect(errorOf(await put(owner, id, 'vi', 'không phải phụ đề'))).toBe('subtitles.format');
      const lang = await put(owner, id, 'xx', SRT);
      expect(lang.statusCode).toBe(400);
      expect(lang.json().error.code).toBe('subtitles.lang');
      expect(lang.json().error.message).toContain('vi, en');

      const big = await put(owner, id, 'vi', Buffer.alloc(SUBTITLE_MAX_BYTES + 10, 0x41));
      expect(big.statusCode).toBe(413);
      expect(errorOf(big)).toBe('subtitles.tooLarge');
      const huge = await put(owner, id, 'vi', Buffer.alloc(2 * SUBTITLE_MAX_BYTES + 10, 0x41));
      expect(huge.statusCode).toBe(413);
      expect(errorOf(huge)).toBe('request.tooLarge');
      const png = await put(owner, id, 'vi', SRT, 'image/png');
      expect(png.statusCode).toBe(415);
      expect(errorOf(png)).toBe('request.unsupportedType');
      // Nothing was stored by any of these.
      expect((await owner.get(`/api/entries/${id}/subtitles`)).json().tracks).toEqual([]);
      expect(await t.deps.storage.head(subtitleKey(await contestId(), id, 'vi'))).toBeNull();
    });

    it('needs the CSRF token to change tracks', async () => {
      const id = await draft();
      const res = await owner.request('PUT', `/api/entries/${id}/subtitles/vi`, undefined, {
        raw: Buffer.from(SRT),
        contentType: 'application/x-subrip',
        headers: { 'x-csrf-token': 'wrong' },
      });
      expect(res.statusCode).toBe(403);
      expect(errorOf(res)).toBe('auth.csrf');
      expect((await put(owner, id, 'vi', SRT)).statusCode).toBe(200);
      const del = await owner.request('DELETE', `/api/entries/${id}/subtitles/vi`, undefined, {
        headers: { 'x-csrf-token': '' },
      });
      expect(errorOf(del)).toBe('auth.csrf');
      expect((await owner.get(`/api/entries/${id}/subtitles`)).json().tracks).toHaveLength(1);
    });

    it('hides the tracks from anonymous, other entrants and staff without access; the secretary reads', async () => {
      const id = await draft();
      const url = (await put(owner, id, 'vi', SRT)).json().url;
      const anonymous = new Client(t.app);
      for (const [c, code] of [
        [anonymous, 'auth.required'],
        [stranger, 'entry.notFound'],
        [juror, 'entry.notFound'],
      ] as const) {
        expect(errorOf(await c.get(`/api/entries/${id}/subtitles`))).toBe(code);
        expect(errorOf(await c.get(url))).toBe(code);
        expect(errorOf(await put(c, id, 'vi', SRT))).toBe(code);
        expect(errorOf(await c.delete(`/api/entries/${id}/subtitles/vi`))).toBe(code);
      }
      expect((await secretary.get(url)).body).toBe(SRT_AS_VTT);
      expect((await secretary.get(`/api/entries/${id}/subtitles`)).json().canEdit).toBe(false);
      expect(errorOf(await put(secretary, id, 'en', VTT_EN))).toBe('auth.forbidden');
      expect(errorOf(await secretary.delete(`/api/entries/${id}/subtitles/vi`))).toBe('auth.forbidden');
      expect((await auditActions()).filter((a) => a.target === `entry:${id}`)).toEqual([
        { action: 'entry.subtitlesSave', outcome: 'denied', target: `entry:${id}`, details: {} },
        { action: 'entry.subtitlesDelete', outcome: 'denied', target: `entry:${id}`, details: {} },
      ]);
      // A track in another language, or an odd name, is simply not there.
      expect(errorOf(await owner.get(`/api/entries/${id}/subtitles/en.vtt`))).toBe('subtitles.notFound');
      expect(errorOf(await owner.get(`/api/entries/${id}/subtitles/..%2F..%2Fetc.vtt`))).toBe('subtitles.notFound');
    });

    it("locks a submitted entry's tracks for the entrant; intake staff may still change them, audited", async () => {
      const id = await draft();
      await put(owner, id, 'vi', SRT);
      await attachAcceptedFile(t, id);
      expect((await owner.post(`/api/entries/${id}/submit`)).statusCode).toBe(200);
      expect((await owner.get(`/api/entries/${id}/subtitles`)).json().canEdit).toBe(false);
      expect(errorOf(await put(owner, id, 'en', VTT_EN))).toBe('entry.locked');
      expect(errorOf(await owner.delete(`/api/entries/${id}/subtitles/vi`))).toBe('entry.locked');
      expect((await owner.get(`/api/entries/${id}/subtitles/vi.vtt`)).body).toBe(SRT_AS_VTT);

      expect((await secretariat.get(`/api/entries/${id}/subtitles`)).json().canEdit).toBe(true);
      const en = await put(secretariat, id, 'en', VTT_EN, 'text/vtt');
      expect(en.statusCode).toBe(200);
      expect((await admin.delete(`/api/entries/${id}/subtitles/vi`)).statusCode).toBe(200);
      const audit = (await auditActions()).filter((a) => a.target === `entry:${id}`);
      expect(audit).toEqual([
        {
          action: 'entry.subtitlesSave',
          outcome: 'ok',
          target: `entry:${id}`,
          details: { lang: 'en', cues: 1, bytes: Buffer.byteLength(VTT_EN), format: 'vtt' },
        },
        { action: 'entry.subtitlesDelete', outcome: 'ok', target: `entry:${id}`, details: { lang: 'vi' } },
      ]);
      const left = (await owner.get(`/api/entries/${id}/subtitles`)).json<SubtitleList>().tracks;
      expect(left.map((tr) => tr.lang)).toEqual(['en']);
      // The entry stays submitted: staff changed its subtitles, not the entry.
      expect((await owner.get(`/api/entries/${id}`)).json().status).toBe('submitted');
    });

    it('refuses the entrant after the submission deadline, even for a draft', async () => {
      const id = await draft();
      await put(owner, id, 'vi', SRT);
      const v = (await owner.get(`/api/contests/${t.demoSlug}`)).json<ContestView>();
      const end = Date.parse(v.phases.find((p) => p.kind === 'submission')!.endsAt);
      t.setNow(new Date(end + 60_000));
      try {
        const res = await put(owner, id, 'en', VTT_EN);
        expect(res.statusCode).toBe(409);
        expect(res.json().error.code).toBe('phase.submissionClosed');
        expect(errorOf(await owner.delete(`/api/entries/${id}/subtitles/vi`))).toBe('phase.submissionClosed');
        expect((await owner.get(`/api/entries/${id}/subtitles`)).json().canEdit).toBe(false);
        expect((await owner.get(`/api/entries/${id}/subtitles/vi.vtt`)).statusCode).toBe(200);
        expect((await secretariat.put(`/api/entries/${id}/subtitles/en`, undefined)).statusCode).toBe(415);
        expect((await put(secretariat, id, 'en', VTT_EN)).statusCode).toBe(200);
      } finally {
        t.setNow(new Date());
      }
    });

    it('deletes a track: the row, the stored file and the URL go', async () => {
      const id = await draft();
      const url = (await put(owner, id, 'vi', SRT)).json().url;
      const key = subtitleKey(await contestId(), id, 'vi');
      expect(await t.deps.storage.head(key)).not.toBeNull();
      const res = await owner.delete(`/api/entries/${id}/subtitles/vi`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true });
      expect(await t.deps.storage.head(key)).toBeNull();
      expect(errorOf(await owner.get(url))).toBe('subtitles.notFound');
      expect(errorOf(await owner.delete(`/api/entries/${id}/subtitles/vi`))).toBe('subtitles.notFound');
      expect((await owner.get(`/api/entries/${id}`)).json<EntryView>().events.map((e) => e.kind)).toEqual(
        expect.arrayContaining(['subtitles.saved', 'subtitles.deleted']),
      );
    });

    it('puts the earlier file back when the entry is submitted while a new one is being stored', async () => {
      const id = await draft();
      await put(owner, id, 'vi', SRT);
      const key = subtitleKey(await contestId(), id, 'vi');
      // A storage that lets the submission slip in right after the new file is written.
      const storage: MediaStorage = Object.create(t.deps.storage);
      storage.putStream = async (k, body, opts) => {
        await t.deps.storage.putStream(k, body, opts);
        storage.putStream = t.deps.storage.putStream.bind(t.deps.storage);
        await t.deps.db.updateTable('entries').set({ status: 'submitted' }).where('id', '=', id).execute();
      };
      const deps: Deps = { ...t.deps, storage };
      await expect(
        saveEntrySubtitles(
          deps,
          { userId: ownerId, isSiteAdmin: false, ip: null },
          id,
          'vi',
          Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nMới\n'),
        ),
      ).rejects.toMatchObject({ code: 'entry.locked' });
      expect(await readObject(t.deps.storage, key)).toBe(SRT_AS_VTT);
      const row = await t.deps.db
        .selectFrom('subtitles')
        .select('cue_count')
        .where('entry_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(Number(row.cue_count)).toBe(2);
    });

    it('removes the tracks with their entry (cascade)', async () => {
      const id = await draft();
      await put(owner, id, 'vi', SRT);
      await t.deps.db.deleteFrom('entries').where('id', '=', id).execute();
      expect(await t.deps.db.selectFrom('subtitles').selectAll().where('entry_id', '=', id).execute()).toEqual([]);
    });

    it('lets intake staff add tracks to an entry they registered, audited', async () => {
      const u = Number(
        (await t.deps.db.selectFrom('units').select('id').where('name', '=', 'Xã Vĩnh Tú').executeTakeFirstOrThrow())
          .id,
      );
      const res = await secretariat.post(
        `/api/contests/${t.demoSlug}/entries?intake=true`,
        completeDraft({ kind: 'unit', unitId: u }, { title: 'Nhận qua USB' }),
      );
      const id = res.json().id;
      expect((await put(secretariat, id, 'vi', SRT)).statusCode).toBe(200);
      expect((await auditActions()).filter((a) => a.target === `entry:${id}`).map((a) => a.action)).toEqual([
        'entry.intake',
        'entry.subtitlesSave',
      ]);
      expect(errorOf(await put(owner, id, 'vi', SRT))).toBe('entry.notFound');
    });

    it("serves a submitted entry's tracks to its owner", async () => {
      const id = await submitted();
      await saveEntrySubtitles(
        t.deps,
        { userId: t.admin.userId, isSiteAdmin: true, ip: null },
        id,
        'vi',
        Buffer.from(SRT),
      );
      expect((await owner.get(`/api/entries/${id}/subtitles/vi.vtt`)).body).toBe(SRT_AS_VTT);
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEntries } from '../../server/services/publication/publish-entries.ts';
import { approvedEntry } from '../helpers/entries.ts';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { setVotingWindow, solvedChallenge, verifyPhone } from '../helpers/voting.ts';

let t: TestApp;
let organizer: Client;
let slug: string;
let codes: { a: string; b: string; c: string };
let window: { startsAt: string; endsAt: string };
const afterClose = () => t.setNow(new Date(Date.parse(window.endsAt) + 60_000));
const results = async () => (await new Client(t.app).get(`/api/contests/${slug}/voting/results`)).json();
const publish = (c: Client) => c.post(`/api/contests/${slug}/voting/results/publish`);
const decide = (c: Client, chosen: string[], record: string) =>
  c.post(`/api/contests/${slug}/voting/tie-decision`, { chosen, record });

beforeAll(async () => {
  t = await startTestApp({ env: { ALTCHA_COMPLEXITY: '200' } });
  slug = t.demoSlug;
  organizer = await loggedInClient(t, t.admin.email, t.admin.password);
  window = await setVotingWindow(t, slug);
  const entrant = await makeUser(t, { role: 'entrant' });
  const ids: number[] = [];
  for (const title of ['Lúa chín', 'Cầu Hiền Lương', 'Biển Cửa Tùng'])
    ids.push(await approvedEntry(t, entrant, { draft: { title } }));
  const admin = { userId: t.admin.userId, isSiteAdmin: true, ip: null };
  await publishEntries(t.deps, admin, slug, { entryIds: ids });
  const rows = await t.deps.db.selectFrom('entries').select(['id', 'code']).where('id', 'in', ids).execute();
  const code = (id: number) => rows.find((r) => r.id === id)!.code!;
  codes = { a: code(ids[0]!), b: code(ids[1]!), c: code(ids[2]!) };
  // A and B end tied at 2; A reached its 2 first (the third vote), B with the fourth.
  const order = [ids[0]!, ids[1]!, ids[0]!, ids[1]!, ids[2]!];
  for (const [i, entryId] of order.entries()) {
    const c = new Client(t.app);
    c.remoteAddress = `10.60.${i}.1`;
    await verifyPhone(t, c, slug, `0911${String(200000 + i).padStart(6, '0')}`);
    const res = await c.post(`/api/contests/${slug}/entries/${entryId}/votes`, { altcha: await solvedChallenge(c) });
    expect(res.statusCode).toBe(200);
  }
});
afterAll(async () => {
  await t?.close();
});

describe('the most-voted entry', () => {
  it('goes to the entry that reached the tied count earlier, under the default tie rule', async () => {
    const r = await results();
    expect(r.mostVoted).toEqual({
      kind: 'decided',
      winners: [codes.a],
      tieBrokenBy: 'earliest_to_final',
      tied: [codes.a, codes.b].sort(),
    });
    expect(r.published).toBeNull();
  });

  it('cannot be published while voting runs', async () => {
    const res = await publish(organizer);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('results.votingOpen');
    expect(res.json().error.message).toContain('sau khi bình chọn kết thúc');
  });

  it('under the committee rule, waits for the organizer to record the decision with its reason', async () => {
    const set = await organizer.put(`/api/contests/${slug}/voting/settings`, { tieRule: 'committee' });
    expect(set.statusCode).toBe(200);
    afterClose();
    try {
      const r = await results();
      expect(r.mostVoted).toMatchObject({ kind: 'committeeNeeded', tied: [codes.a, codes.b].sort(), places: 1 });
      const refused = await publish(organizer);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('results.committeeNeeded');
      expect(refused.json().error.message).toContain(codes.a);

      const wrong = await decide(organizer, [codes.c], 'Biên bản họp Ban Tổ chức số 05/BB-BTC');
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.code).toBe('tie.invalidChoice');
      const both = await decide(organizer, [codes.a, codes.b], 'Biên bản họp Ban Tổ chức số 05/BB-BTC');
      expect(both.json().error.code).toBe('tie.invalidChoice');
      const short = await decide(organizer, [codes.b], 'ngắn');
      expect(short.json().error.code).toBe('tie.reasonRequired');

      const secretariat = await makeUser(t, { role: 'secretariat' });
      const staff = await loggedInClient(t, secretariat.email, secretariat.password);
      expect((await decide(staff, [codes.b], 'Biên bản họp Ban Tổ chức số 05/BB-BTC')).statusCode).toBe(403);
      expect((await publish(staff)).statusCode).toBe(403);
      expect((await decide(new Client(t.app), [codes.b], 'Biên bản số 05/BB-BTC')).statusCode).toBe(401);

      const record = 'Biên bản họp Ban Tổ chức số 05/BB-BTC: tác phẩm có nội dung sát chủ đề hơn';
      const ok = await decide(organizer, [codes.b], record);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ winners: [codes.b] });
      expect((await results()).mostVoted).toEqual({
        kind: 'decided',
        winners: [codes.b],
        tieBrokenBy: 'committee',
        tied: [codes.a, codes.b].sort(),
        record,
      });
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('details_json')
        .where('action', '=', 'voting.tieDecision')
        .execute();
      expect(audit.map((a) => JSON.parse(a.details_json))).toEqual([
        { source: 'platform', tied: [codes.a, codes.b].sort(), chosen: [codes.b], record },
      ]);
    } finally {
      t.setNow(null);
    }
  });

  it('is not published while votes are held for review', async () => {
    const held = await t.deps.db.selectFrom('votes').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await t.deps.db.updateTable('votes').set({ status: 'quarantined' }).where('id', '=', held.id).execute();
    afterClose();
    try {
      const refused = await publish(organizer);
      expect(refused.json().error.code).toBe('results.quarantinePending');
      expect(refused.json().error.message).toContain('Còn 1 phiếu chờ xem xét');
      const counted = await organizer.post(`/api/contests/${slug}/voting/quarantine/decisions`, {
        voteIds: [held.id],
        decision: { to: 'counted' },
      });
      expect(counted.statusCode).toBe(200);
    } finally {
      t.setNow(null);
    }
  });

  it('is published once by the organizer, frozen with the log head, after which votes cannot change', async () => {
    afterClose();
    try {
      const res = await publish(organizer);
      expect(res.statusCode).toBe(200);
      const head = await t.deps.db.selectFrom('vote_log_heads').selectAll().executeTakeFirstOrThrow();
      expect(res.json().logSeq).toBe(head.seq);
      const stored = await t.deps.db.selectFrom('voting_results').selectAll().executeTakeFirstOrThrow();
      expect(stored.log_hash).toBe(head.hash);
      expect(JSON.parse(stored.snapshot_json).mostVoted.winners).toEqual([codes.b]);
      const r = await results();
      expect(r.published.at).toBe(res.json().publishedAt);
      expect(r.final).toBe(true);

      const again = await publish(organizer);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('results.alreadyPublished');
      expect((await decide(organizer, [codes.a], 'Biên bản họp bổ sung số 06/BB-BTC')).json().error.code).toBe(
        'results.alreadyPublished',
      );
      const vote = await t.deps.db.selectFrom('votes').select('id').executeTakeFirstOrThrow();
      await t.deps.db.updateTable('votes').set({ status: 'quarantined' }).where('id', '=', vote.id).execute();
      const late = await organizer.post(`/api/contests/${slug}/voting/quarantine/decisions`, {
        voteIds: [vote.id],
        decision: { to: 'counted' },
      });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe('quarantine.resultsFinal');
      await t.deps.db.updateTable('votes').set({ status: 'counted' }).where('id', '=', vote.id).execute();
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('details_json')
        .where('action', '=', 'voting.publishResults')
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.details_json)).toMatchObject({ logSeq: head.seq, logHash: head.hash });
    } finally {
      t.setNow(null);
    }
  });
});

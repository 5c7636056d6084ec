/**
 * The chair's shortlist for the next round (issue 11): the chair of a round in draft, or the organizer, sets which
 * entries of the previous round it takes, the top N or a choice by reference with a reason; refused for a first
 * round, for anyone else, once the round has opened, with a short reason or an unknown reference. On the demo's
 * blind sơ khảo (three approved entries) and chung khảo.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundJurorsInputSchema } from '@core/judging/round-input.ts';
import { loadContest } from '../../server/services/contests/load-contest.ts';
import { lockJudgingRound } from '../../server/services/judging/lock-round.ts';
import { openJudgingRound } from '../../server/services/judging/open-round.ts';
import { setRoundJurors } from '../../server/services/judging/set-round-jurors.ts';
import { approvedEntry } from '../helpers/entries.ts';
import { type Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let chair: Client;
let juror: Client;
let secretary: Client;
let organizer: Client;
let outsider: Client;
let first: number;
let second: number;
const entryIds: number[] = [];

const code = (res: LightMyRequestResponse) => (res.json() as { error?: { code?: string } }).error?.code;
const url = (roundId: number) => `/api/judging/rounds/${roundId}/shortlist`;
const admin = () => ({ userId: t.admin.userId, isSiteAdmin: true, ip: null });

beforeAll(async () => {
  t = await startTestApp();
  const entrant = await makeUser(t, { fullName: 'Người Dự Thi' });
  for (const title of ['Một cửa điện tử', 'Dịch vụ công trực tuyến', 'Chữ ký số'])
    entryIds.push(await approvedEntry(t, entrant, { draft: { title } }));
  const contest = await loadContest(t.deps.db, { slug: t.demoSlug });
  t.setNow(new Date(Date.parse(contest.phases.find((p) => p.kind === 'judging')!.startsAt) + 3600_000));
  const rounds = await t.deps.db
    .selectFrom('judging_rounds')
    .select('id')
    .where('contest_id', '=', contest.id)
    .orderBy('position')
    .execute();
  [first, second] = rounds.map((r) => r.id) as [number, number];
  const users = await Promise.all([
    makeUser(t, { role: 'juror', fullName: 'Trưởng ban' }),
    makeUser(t, { role: 'juror', fullName: 'Giám khảo' }),
    makeUser(t, { role: 'secretary', fullName: 'Thư ký' }),
    makeUser(t, { role: 'organizer', fullName: 'Ban Tổ chức' }),
    makeUser(t, { role: 'juror', fullName: 'Giám khảo ngoài vòng' }),
  ]);
  const jurors = roundJurorsInputSchema.parse({
    jurors: [{ userId: users[0]!.id, isChair: true }, { userId: users[1]!.id }],
  });
  for (const id of [first, second]) await setRoundJurors(t.deps, admin(), id, jurors);
  const clients = await Promise.all(users.map((u) => loggedInClient(t, u.email, u.password)));
  [chair, juror, secretary, organizer, outsider] = clients as [Client, Client, Client, Client, Client];
});

afterAll(async () => t?.close());

describe('the shortlist for the next round', () => {
  it('is refused to a juror who is not the chair, the secretary and a juror outside the round', async () => {
    for (const c of [juror, secretary, outsider]) {
      const res = await c.put(url(second), { kind: 'top_n', n: 2 });
      expect(res.statusCode).toBe(403);
      expect(code(res)).toBe('auth.forbidden');
    }
    const res = await t.app.inject({ method: 'PUT', url: url(second), payload: { kind: 'top_n', n: 2 } });
    expect([401, 403]).toContain(res.statusCode);
  });

  it('has no previous round to take from in the first round', async () => {
    const res = await chair.put(url(first), { kind: 'top_n', n: 2 });
    expect(res.statusCode).toBe(409);
    expect(code(res)).toBe('judging.noPreviousRound');
    expect(res.json().error.message).toContain('vòng đầu tiên');
  });

  it('records the top N set by the chair or the organizer, audited', async () => {
    expect((await organizer.put(url(second), { kind: 'top_n', n: 3 })).statusCode).toBe(200);
    expect((await chair.put(url(second), { kind: 'top_n', n: 2, includeBoundaryTies: true })).statusCode).toBe(200);
    const round = (await chair.get(`/api/judging/rounds/${second}`)).json();
    expect(round.entrySet).toEqual({ kind: 'top_n', n: 2, includeBoundaryTies: true });
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details_json'])
      .where('action', '=', 'judging.shortlist')
      .execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1]!.details_json)).toMatchObject({ from: 'Sơ khảo', kind: 'top_n', n: 2 });
  });

  it("takes the chair's choice by blind code with a reason; refuses a short reason or an unknown code", async () => {
    await openJudgingRound(t.deps, admin(), first);
    await lockJudgingRound(t.deps, admin(), first);
    const refs = ((await chair.get(`/api/judging/rounds/${first}`)).json().entries as { ref: string }[]).map(
      (e) => e.ref,
    );
    expect(refs).toHaveLength(3);
    expect(refs.every((r) => /^P-\d+$/.test(r))).toBe(true);

    const short = await chair.put(url(second), { kind: 'chosen', refs: refs.slice(0, 2), reason: 'ngắn' });
    expect(code(short)).toBe('judging.reasonRequired');
    const unknown = await chair.put(url(second), {
      kind: 'chosen',
      refs: ['P-000'],
      reason: 'Hai tác phẩm có ý tưởng mới',
    });
    expect(unknown.statusCode).toBe(404);
    expect(code(unknown)).toBe('judging.entryNotInRound');

    const reason = 'Hai tác phẩm có ý tưởng mới nhất';
    expect((await chair.put(url(second), { kind: 'chosen', refs: refs.slice(0, 2), reason })).statusCode).toBe(200);
    const round = (await chair.get(`/api/judging/rounds/${second}`)).json();
    expect(round.entrySet.kind).toBe('chosen');
    expect(round.entrySet.reason).toBe(reason);
    // The chair reads the shortlist by the same codes; the draft shows what the round will take.
    expect((round.entries as { ref: string }[]).map((e) => e.ref).sort()).toEqual(refs.slice(0, 2).sort());
    const row = await t.deps.db
      .selectFrom('audit_log')
      .select('details_json')
      .where('action', '=', 'judging.shortlist')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.details_json)).toMatchObject({ kind: 'chosen', refs: refs.slice(0, 2), reason });
  });

  it('no longer changes once the round has opened', async () => {
    expect((await chair.post(`/api/judging/rounds/${second}/open`)).statusCode).toBe(200);
    const res = await chair.put(url(second), { kind: 'top_n', n: 1 });
    expect(res.statusCode).toBe(409);
    expect(code(res)).toBe('judging.roundNotDraft');
  });
});

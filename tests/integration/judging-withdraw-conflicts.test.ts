/**
 * Taking a conflict back (issue 11, item 2; ADR 0044) on a real database: the juror who declared a conflict withdraws
 * it with a reason before submitting, and the entry comes back to them; the chair lifts a recusal with a reason; the
 * automatic same-unit conflict cannot be lifted; others are refused; each is audited with who, when and why; nothing
 * moves once the round is locked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContest } from '../../server/services/contests/load-contest.ts';
import { approvedEntry, completeDraft } from '../helpers/entries.ts';
import { type Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let roundId: number;
const jurorIds: number[] = [];
let j1: Client;
let j2: Client;
let j3: Client;
let secretary: Client;
let organizer: Client;
/** The entries' references, by title number (1 is from the unit of the third juror). */
const ref: Record<number, string> = {};
const REASON = 'Tôi khai nhầm tác phẩm này';
const sheet = { values: { c1: 8, c2: 7, c3: 9 }, comments: {}, abstain: null, note: '' };

const url = (path: string) => `/api/judging/rounds/${roundId}${path}`;
const mine = async (c: Client) =>
  (await c.get(url('/my-entries'))).json().entries.map((e: { ref: string }) => e.ref) as string[];
const code = (res: { json(): unknown }) => (res.json() as { error?: { code?: string } }).error?.code;
const audited = (action: string) =>
  t.deps.db.selectFrom('audit_log').select(['actor_user_id', 'details_json']).where('action', '=', action).execute();
const withdraw = (c: Client, r: string, reason = REASON) =>
  c.post(url(`/entries/${encodeURIComponent(r)}/conflict/withdraw`), { reason });
const lift = (c: Client, jurorUserId: number, r: string, reason = 'Giám khảo không còn liên quan tới tác giả') =>
  c.post(url('/recusals/lift'), { jurorUserId, ref: r, reason });

beforeAll(async () => {
  t = await startTestApp();
  const titles: string[] = [];
  for (const i of [1, 2, 3]) {
    const title = `Phóng sự số ${i}`;
    const entrant = await makeUser(t, { fullName: `Người Dự Thi ${i}` });
    titles.push(title);
    const draft = completeDraft({ kind: 'person' });
    const unitName = i === 1 ? 'UBND xã Vĩnh Thái' : 'Trường THCS Vĩnh Long';
    await approvedEntry(t, entrant, {
      draft: {
        ...draft,
        title,
        authors: draft.authors.map((a) => ({
          ...a,
          fullName: `Tác Giả Số ${i}`,
          phone: `0977 55${i} 88${i}`,
          email: `tac-gia-${i}@example.vn`,
          unitName,
        })),
      },
    });
  }
  const contest = await loadContest(t.deps.db, { slug: t.demoSlug });
  t.setNow(new Date(Date.parse(contest.phases.find((p) => p.kind === 'judging')!.startsAt) + 3_600_000));
  const clients: Client[] = [];
  for (const fullName of ['Giám khảo Trưởng Ban', 'Giám khảo Hai', 'Giám khảo Vĩnh Thái']) {
    const u = await makeUser(t, { role: 'juror', fullName });
    jurorIds.push(u.id);
    clients.push(await loggedInClient(t, u.email, u.password));
  }
  [j1, j2, j3] = clients as [Client, Client, Client];
  const sec = await makeUser(t, { role: 'secretary' });
  secretary = await loggedInClient(t, sec.email, sec.password);
  const org = await makeUser(t, { role: 'organizer' });
  organizer = await loggedInClient(t, org.email, org.password);
  roundId = (await organizer.get(`/api/contests/${t.demoSlug}/judging/rounds`)).json().rounds[0].id;
  const set = await organizer.put(url('/jurors'), {
    jurors: [
      { userId: jurorIds[0], isChair: true },
      { userId: jurorIds[1] },
      { userId: jurorIds[2], unitName: 'ubnd xa vinh thai' },
    ],
  });
  expect(set.statusCode, set.body).toBe(200);
  expect((await j1.post(url('/open'))).statusCode).toBe(200);
  const round = (await organizer.get(url(''))).json();
  for (const e of round.entries as { ref: string; title: string }[]) ref[titles.indexOf(e.title) + 1] = e.ref;
});

afterAll(async () => t?.close());

describe('withdrawing a declared conflict', () => {
  it('the juror who declared it takes it back with a reason; the entry comes back to them; audited', async () => {
    expect(
      (await j2.post(url(`/entries/${ref[2]}/conflict`), { reason: 'Tác giả là người thân của tôi' })).statusCode,
    ).toBe(200);
    expect(await mine(j2)).not.toContain(ref[2]);
    const short = await withdraw(j2, ref[2]!, 'nhầm');
    expect(short.statusCode).toBe(400);
    expect(code(short)).toBe('judging.reasonRequired');
    expect(code(await withdraw(j3, ref[2]!))).toBe('judging.noSuchConflict');
    expect(code(await withdraw(secretary, ref[2]!))).toBe('auth.forbidden');
    expect(code(await withdraw(organizer, ref[2]!))).toBe('auth.forbidden');
    const res = await withdraw(j2, ref[2]!);
    expect(res.statusCode, res.body).toBe(200);
    expect(await mine(j2)).toContain(ref[2]);
    const row = await t.deps.db
      .selectFrom('judging_blocks')
      .select(['withdrawn_at', 'withdrawn_by', 'withdraw_reason'])
      .where('juror_user_id', '=', jurorIds[1]!)
      .executeTakeFirstOrThrow();
    expect(row.withdrawn_at).not.toBeNull();
    expect([row.withdrawn_by, row.withdraw_reason]).toEqual([jurorIds[1], REASON]);
    const records = await audited('judging.conflictWithdraw');
    expect(records).toHaveLength(1);
    expect(records[0]!.actor_user_id).toBe(jurorIds[1]);
    expect(JSON.parse(records[0]!.details_json)).toMatchObject({ ref: ref[2], reason: REASON, assigned: true });
    expect(code(await withdraw(j2, ref[2]!))).toBe('judging.noSuchConflict');
  });
});

describe('lifting a recusal', () => {
  it('the chair alone lifts it, with a reason; audited', async () => {
    const recused = await j1.post(url('/recusals'), {
      jurorUserId: jurorIds[1],
      ref: ref[3],
      reason: 'Giám khảo từng hướng dẫn tác giả',
    });
    expect(recused.statusCode, recused.body).toBe(200);
    expect(await mine(j2)).not.toContain(ref[3]);
    // The recused juror cannot withdraw the chair's recusal as if it were their declaration.
    expect(code(await withdraw(j2, ref[3]!))).toBe('judging.noSuchConflict');
    expect(code(await lift(j2, jurorIds[1]!, ref[3]!))).toBe('judging.chairOnly');
    expect(code(await lift(organizer, jurorIds[1]!, ref[3]!))).toBe('judging.chairOnly');
    expect(code(await lift(secretary, jurorIds[1]!, ref[3]!))).toBe('auth.forbidden');
    expect(code(await lift(j1, jurorIds[1]!, ref[3]!, 'ngắn'))).toBe('judging.reasonRequired');
    const res = await lift(j1, jurorIds[1]!, ref[3]!);
    expect(res.statusCode, res.body).toBe(200);
    expect(await mine(j2)).toContain(ref[3]);
    const round = (await j1.get(url(''))).json();
    expect(round.conflicts).not.toContainEqual(expect.objectContaining({ jurorUserId: jurorIds[1] }));
    const records = await audited('judging.recusalLift');
    expect(records).toHaveLength(1);
    expect(records[0]!.actor_user_id).toBe(jurorIds[0]);
  });

  it('the automatic same-unit conflict cannot be lifted, with why', async () => {
    expect(await mine(j3)).not.toContain(ref[1]);
    const res = await lift(j1, jurorIds[2]!, ref[1]!);
    expect(res.statusCode).toBe(409);
    expect(code(res)).toBe('judging.unitConflictFixed');
    expect(res.json().error.message).toMatch(/được tính tự động theo đơn vị và không gỡ được/);
    expect(await mine(j3)).not.toContain(ref[1]);
  });
});

describe('once the juror submitted, or the round locked', () => {
  it('a juror who submitted keeps their declared conflict', async () => {
    expect(
      (await j2.post(url(`/entries/${ref[1]}/conflict`), { reason: 'Tác giả là đồng nghiệp cũ' })).statusCode,
    ).toBe(200);
    const list = (await j2.get(url('/my-entries'))).json().entries as { ref: string; version: number }[];
    for (const e of list)
      expect((await j2.put(url(`/entries/${e.ref}/my-sheet`), { baseVersion: e.version, sheet })).statusCode).toBe(200);
    expect((await j2.post(url('/my-sheet/submit'))).statusCode).toBe(200);
    expect(code(await withdraw(j2, ref[1]!))).toBe('judging.sheetSubmitted');
  });

  it('nothing is taken back in a locked round', async () => {
    expect(
      (await j1.post(url('/recusals'), { jurorUserId: jurorIds[2], ref: ref[2], reason: 'Giám khảo xin rút khỏi bài' }))
        .statusCode,
    ).toBe(200);
    expect((await j1.post(url('/lock'))).statusCode).toBe(200);
    expect(code(await lift(j1, jurorIds[2]!, ref[2]!))).toBe('judging.roundLocked');
    expect(await audited('judging.recusalLift')).toHaveLength(1);
  });
});

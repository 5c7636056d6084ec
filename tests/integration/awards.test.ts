/**
 * Awards (issue 13, ADR 0022/0034): the allocation proposed from the locked final round and the vote, the
 * committee's tie decisions, approval, reopening, announcement and amendment, through the HTTP API on a real
 * database, with the worked edge cases of the issue.
 *
 * The main contest has the plan's structure (1 first, 1 second, 2 third, 3 consolation, 1 most-voted) and nine
 * entries E1–E9 scored 9, 8, 8, 7, 6, 6, 5, 5, 3: E2 and E3 tie across second/third (the committee orders them),
 * E5 and E6 tie inside the consolation prize (nothing to decide), E7 and E8 tie across the last consolation place
 * and no prize (the committee orders them). E9 has the most votes (20; E2 has 15) and wins the most-voted prize.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { listAnnouncedAwards } from '../../server/services/awards/list-announced-awards.ts';
import { announceAwards, judgedContest, type JudgedContest } from '../helpers/awards.ts';
import { type Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let j: JudgedContest;
let organizer: Client;
let secretariat: Client;
let finance: Client;
let juror: Client;
let entrant: Client;
/** E1..E9 by number. */
const E = (n: number) => j.entryIds[n - 1]!;

function code(res: LightMyRequestResponse): string | undefined {
  return (res.json() as { error?: { code?: string } }).error?.code;
}

const url = (slug: string, path: string) => `/api/contests/${slug}/awards${path}`;
const REASON = 'Ban Tổ chức họp ngày 20/11 và biểu quyết thống nhất.';

type Place = { kind: string; entryId?: number; byCommittee?: boolean; reason?: string };
/** Prize index → its places as `E<n>` or the reason it is not awarded. */
function table(prizes: { prizeIndex: number; places: Place[] }[], ids: number[]): string[][] {
  return prizes.map((p) =>
    p.places.map((o) =>
      o.kind === 'awarded'
        ? `E${ids.indexOf(o.entryId!) + 1}${o.byCommittee ? '*' : ''}`
        : o.kind === 'unawarded'
          ? `-${o.reason}`
          : o.kind,
    ),
  );
}

async function withdraw(entryId: number): Promise<void> {
  // An entry that leaves the contest after the submission deadline does so by letter to the committee; the
  // platform records it as the entry being out of the contest (not submitted), which is what allocation reads.
  await t.deps.db
    .updateTable('entries')
    .set({ status: 'draft', withdrawn_at: new Date().toISOString(), review_status: null })
    .where('id', '=', entryId)
    .execute();
}

beforeAll(async () => {
  t = await startTestApp({ env: { SESSION_DAYS: '365' } });
  j = await judgedContest(t, {
    scores: [9, 8, 8, 7, 6, 6, 5, 5, 3],
    votes: [0, 15, 0, 0, 0, 0, 0, 0, 20],
  });
  const users = await Promise.all([
    makeUser(t, { role: 'organizer', slug: j.slug, fullName: 'Trưởng Ban Tổ chức' }),
    makeUser(t, { role: 'secretariat', slug: j.slug, fullName: 'Chuyên viên Phòng Nội vụ' }),
    makeUser(t, { role: 'finance', slug: j.slug, fullName: 'Kế toán Tài chính' }),
    makeUser(t, { role: 'juror', slug: j.slug, fullName: 'Giám khảo Khách mời' }),
    makeUser(t, { fullName: 'Người Không Vai Trò' }),
  ]);
  [organizer, secretariat, finance, juror, entrant] = (await Promise.all(
    users.map((u) => loggedInClient(t, u.email, u.password)),
  )) as [Client, Client, Client, Client, Client];
});

afterAll(async () => t?.close());

describe('before the allocation', () => {
  it('refuses to allocate while the final round is not locked, saying what to do', async () => {
    const sec = await makeUser(t, { role: 'secretariat', fullName: 'Thư ký Demo' });
    const c = await loggedInClient(t, sec.email, sec.password);
    const res = await c.post(url(t.demoSlug, '/allocation/propose'));
    expect(res.statusCode).toBe(409);
    expect(code(res)).toBe('awards.judgingNotLocked');
    expect(res.json().error.message).toContain('khóa kết quả chấm');
    const view = (await c.get(url(t.demoSlug, '/allocation'))).json();
    expect(view.facts.judgingLocked).toBe(false);
    // The demo states the plan's count for the most-voted prize: the fanpage's, the platform's shown beside it.
    expect(view.facts.voteSource).toBe('fanpage');
    expect(view.current).toBeNull();
    expect(view.steps.propose).toMatchObject({ allowed: false, refusal: { code: 'awards.judgingNotLocked' } });
  });

  it('refuses the vote prize while voting is still open', async () => {
    const voting = (await t.deps.db
      .selectFrom('contest_phases')
      .select('ends_at')
      .where('contest_id', '=', j.contestId)
      .where('kind', '=', 'public_voting')
      .executeTakeFirstOrThrow())!;
    t.setNow(new Date(Date.parse(voting.ends_at) - 3_600_000));
    try {
      const res = await secretariat.post(url(j.slug, '/allocation/propose'));
      expect(code(res)).toBe('awards.votingNotClosed');
    } finally {
      t.setNow(j.awardsTime);
    }
  });

  it('lets only the organizer and the secretariat propose; finance may look, others may not', async () => {
    expect(code(await finance.post(url(j.slug, '/allocation/propose')))).toBe('auth.forbidden');
    expect(code(await juror.post(url(j.slug, '/allocation/propose')))).toBe('auth.forbidden');
    expect(code(await entrant.get(url(j.slug, '/allocation')))).toBe('auth.forbidden');
    expect(code(await juror.get(url(j.slug, '/allocation')))).toBe('auth.forbidden');
    expect((await finance.get(url(j.slug, '/allocation'))).statusCode).toBe(200);
    const anon = await t.app.inject({ method: 'GET', url: url(j.slug, '/allocation') });
    expect(anon.statusCode).toBe(401);
  });
});

describe('the committee decides and approves', () => {
  let ties: {
    tieId: string;
    entries: { entryId: number }[];
    atStake: { prizeIndex: number | null; places: number }[];
  }[];

  it('proposes a draft with the two boundary ties open and the tie inside the consolation prize settled', async () => {
    const res = await secretariat.post(url(j.slug, '/allocation/propose'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 1, state: 'draft', complete: false, openTies: 2 });
    const view = (await organizer.get(url(j.slug, '/allocation'))).json();
    expect(table(view.stored.allocation.prizes, j.entryIds)).toEqual([
      ['E1'],
      ['tied'],
      ['tied', 'E4'],
      ['E5', 'E6', 'tied'],
      ['E9'],
    ]);
    ties = view.current.openTies;
    expect(ties.map((x) => x.tieId)).toEqual([
      `jury:${[E(2), E(3)].sort((a, b) => a - b).join('-')}`,
      `jury:${[E(7), E(8)].sort((a, b) => a - b).join('-')}`,
    ]);
    expect(ties[0]!.atStake).toEqual([
      { prizeIndex: 1, places: 1 },
      { prizeIndex: 2, places: 1 },
    ]);
    expect(ties[1]!.atStake).toEqual([
      { prizeIndex: 3, places: 1 },
      { prizeIndex: null, places: 1 },
    ]);
    // Names for the committee: the staff screen shows who made each entry (names and workplaces only).
    expect(view.entries[E(1)]).toMatchObject({ title: 'Phóng sự cải cách hành chính số 1' });
    expect(view.entries[E(1)].authors[0]).toEqual({ fullName: 'Nguyễn Thị Ỷ Lan', unitName: 'UBND xã Vĩnh Thái' });
    expect(JSON.stringify(view)).not.toMatch(/0912 000|example\.vn|Thôn \d/);
    expect(view.steps.approve).toMatchObject({ allowed: false, refusal: { code: 'awards.openTies' } });
  });

  it('refuses approval with ties open, naming how many', async () => {
    const res = await organizer.post(url(j.slug, '/allocation/approve'));
    expect(res.statusCode).toBe(409);
    expect(code(res)).toBe('awards.openTies');
    expect(res.json().error.message).toContain('Còn 2 trường hợp đồng điểm');
    organizer.lang = 'en';
    expect((await organizer.post(url(j.slug, '/allocation/approve'))).json().error.message).toContain('2 tie(s)');
    organizer.lang = 'vi';
    expect(code(await secretariat.post(url(j.slug, '/allocation/approve')))).toBe('auth.forbidden');
  });

  it('records the tie decisions with their reasons; refuses a short reason and an order of other entries', async () => {
    const tieUrl = (id: string) => url(j.slug, `/ties/${encodeURIComponent(id)}/decision`);
    const [a, b] = ties;
    expect(code(await secretariat.post(tieUrl(a!.tieId), { order: [E(3), E(2)], reason: REASON }))).toBe(
      'auth.forbidden',
    );
    const short = await organizer.post(tieUrl(a!.tieId), { order: [E(3), E(2)], reason: 'ngắn' });
    expect(short.statusCode).toBe(400);
    expect(code(short)).toBe('awards.reasonTooShort');
    const wrong = await organizer.post(tieUrl(a!.tieId), { order: [E(3), E(4)], reason: REASON });
    expect(wrong.statusCode).toBe(409);
    expect(code(wrong)).toBe('awards.decisionDoesNotApply');
    expect(wrong.json().error.message).toContain('đúng và đủ các tác phẩm đồng điểm');
    const gone = await organizer.post(tieUrl(`jury:${E(1)}-${E(9)}`), { order: [E(1), E(9)], reason: REASON });
    expect(code(gone)).toBe('awards.decisionDoesNotApply');
    const first = await organizer.post(tieUrl(a!.tieId), { order: [E(3), E(2)], reason: REASON });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ complete: false, openTies: 1 });
    // The decomposed (NFD) reason is stored composed.
    const second = await organizer.post(tieUrl(b!.tieId), {
      order: [E(8), E(7)],
      reason: 'Tác phẩm có điểm tiêu chí nội dung cao hơn.'.normalize('NFD'),
    });
    expect(second.json()).toMatchObject({ complete: true, openTies: 0 });
    const view = (await organizer.get(url(j.slug, '/allocation'))).json();
    expect(table(view.stored.allocation.prizes, j.entryIds)).toEqual([
      ['E1'],
      ['E3*'],
      ['E2*', 'E4'],
      ['E5', 'E6', 'E8*'],
      ['E9'],
    ]);
    expect(view.decisions.map((d: { kind: string; reason: string }) => d.reason)).toEqual([
      REASON,
      'Tác phẩm có điểm tiêu chí nội dung cao hơn.',
    ]);
    expect(view.decisions[0].decidedBy).toBe('Trưởng Ban Tổ chức');
  });

  it('approves once; approving twice, proposing again or announcing a draft is refused', async () => {
    const ok = await organizer.post(url(j.slug, '/allocation/approve'));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 1, state: 'approved' });
    expect(code(await organizer.post(url(j.slug, '/allocation/approve')))).toBe('awards.alreadyApproved');
    expect(code(await secretariat.post(url(j.slug, '/allocation/propose')))).toBe('awards.alreadyApproved');
    const tieId = ties[0]!.tieId;
    expect(
      code(
        await organizer.post(url(j.slug, `/ties/${encodeURIComponent(tieId)}/decision`), {
          order: [E(2), E(3)],
          reason: REASON,
        }),
      ),
    ).toBe('awards.alreadyApproved');
  });

  it('reopens with a reason; two approvals at once approve once', async () => {
    const short = await organizer.post(url(j.slug, '/allocation/reopen'), { reason: 'sửa' });
    expect(code(short)).toBe('awards.reasonTooShort');
    const re = await organizer.post(url(j.slug, '/allocation/reopen'), { reason: 'Cần xem lại biên bản chấm.' });
    expect(re.statusCode, re.body).toBe(200);
    expect(code(await organizer.post(url(j.slug, '/allocation/announce')))).toBe('awards.notApproved');
    expect(code(await organizer.post(url(j.slug, '/allocation/reopen'), { reason: REASON }))).toBe(
      'awards.notApproved',
    );
    const both = await Promise.all([
      organizer.post(url(j.slug, '/allocation/approve')),
      organizer.post(url(j.slug, '/allocation/approve')),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it('announces: the winners are recorded for results and documents, without personal contact data', async () => {
    expect(code(await secretariat.post(url(j.slug, '/allocation/announce')))).toBe('auth.forbidden');
    const res = await organizer.post(url(j.slug, '/allocation/announce'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 1, state: 'announced', winners: 8 });
    expect(code(await organizer.post(url(j.slug, '/allocation/announce')))).toBe('awards.alreadyAnnounced');
    expect(code(await secretariat.post(url(j.slug, '/allocation/propose')))).toBe('awards.announcedNeedsDecision');
    expect(code(await organizer.post(url(j.slug, '/allocation/amend'), { reason: REASON }))).toBe(
      'awards.nothingToChange',
    );
    const awards = (await listAnnouncedAwards(t.deps.db, j.contestId))!;
    expect(awards.version).toBe(1);
    expect(awards.winners.map((w) => [w.prize.name, `E${j.entryIds.indexOf(w.entry.entryId) + 1}`])).toEqual([
      ['Giải Nhất', 'E1'],
      ['Giải Nhì', 'E3'],
      ['Giải Ba', 'E2'],
      ['Giải Ba', 'E4'],
      ['Giải Khuyến khích', 'E5'],
      ['Giải Khuyến khích', 'E6'],
      ['Giải Khuyến khích', 'E8'],
      ['Giải bình chọn nhiều nhất', 'E9'],
    ]);
    expect(awards.winners[1]).toMatchObject({
      byCommittee: true,
      prize: { amountVnd: 3_000_000, kind: 'jury' },
      entry: { title: 'Phóng sự cải cách hành chính số 3', unit: null, isGroup: false },
    });
    expect(awards.winners[0]!.entry.authors).toEqual([{ fullName: 'Nguyễn Thị Ỷ Lan', unitName: 'UBND xã Vĩnh Thái' }]);
    expect(JSON.stringify(awards)).not.toMatch(/0912|example\.vn|Thôn/);
  });

  it('audits every step with the reasons', async () => {
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details_json', 'outcome'])
      .where('contest_id', '=', j.contestId)
      .where('action', 'like', 'awards.%')
      .orderBy('seq')
      .execute();
    const ok = rows.filter((r) => r.outcome === 'ok').map((r) => r.action);
    expect(ok).toEqual([
      'awards.propose',
      'awards.tieDecision',
      'awards.tieDecision',
      'awards.approve',
      'awards.reopen',
      'awards.approve',
      'awards.announce',
    ]);
    expect(rows.find((r) => r.action === 'awards.reopen')!.details_json).toContain('Cần xem lại biên bản chấm.');
    // The refused attempts of the contest's own people are recorded too.
    expect(rows.filter((r) => r.outcome === 'denied').map((r) => r.action)).toContain('awards.decide');
  });
});

describe('a winner withdrawn after announcement', () => {
  it('is listed for the committee, whose revocation leaves the place unawarded and moves nobody up', async () => {
    await withdraw(E(4));
    const view = (await organizer.get(url(j.slug, '/allocation'))).json();
    expect(view.excludedWinners).toEqual([{ entryId: E(4), reason: 'withdrawn', prizeIndex: 2 }]);
    expect(view.steps.amend.allowed).toBe(false);
    // Amending alone would let E5 and E6 compete for the freed third place: a new tie for the committee.
    expect(code(await organizer.post(url(j.slug, '/allocation/amend'), { reason: REASON }))).toBe('awards.openTies');
    const notWinner = await organizer.post(url(j.slug, '/revocations'), {
      entryId: E(9),
      prizeIndex: 3,
      reason: REASON,
    });
    expect(code(notWinner)).toBe('awards.decisionDoesNotApply');
    expect(notWinner.json().error.message).toContain('không giữ giải này');
    const res = await organizer.post(url(j.slug, '/revocations'), {
      entryId: E(4),
      prizeIndex: 2,
      reason: 'Tác giả có đơn xin rút tác phẩm sau khi công bố.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, amendsVersion: 1, changedPlaces: 1 });
    const after = (await organizer.get(url(j.slug, '/allocation'))).json();
    expect(table(after.stored.allocation.prizes, j.entryIds)).toEqual([
      ['E1'],
      ['E3*'],
      ['E2*', '-revoked'],
      ['E5', 'E6', 'E8*'],
      ['E9'],
    ]);
    expect(after.excludedWinners).toEqual([]);
    expect(after.versions.map((v: { version: number; amendsVersion: number | null }) => v.amendsVersion)).toEqual([
      1,
      null,
    ]);
    expect(after.versions[0].reason).toBe('Tác giả có đơn xin rút tác phẩm sau khi công bố.');
    const awards = (await listAnnouncedAwards(t.deps.db, j.contestId))!;
    expect(awards).toMatchObject({ version: 2, amendsVersion: 1 });
    expect(awards.winners.map((w) => w.entry.entryId)).not.toContain(E(4));
    expect(awards.winners).toHaveLength(7);
  });
});

describe('worked edge cases', () => {
  it('leaves prizes unawarded, said plainly, when there are fewer eligible entries than prizes', async () => {
    const few = await judgedContest(t, { scores: [9, 8, 7], votes: [0, 0, 0] });
    const view = await announceAwards(t, few);
    expect(table(view.stored!.allocation.prizes, few.entryIds)).toEqual([
      ['E1'],
      ['E2'],
      ['E3', '-fewerEligibleEntries'],
      ['-fewerEligibleEntries', '-fewerEligibleEntries', '-fewerEligibleEntries'],
      ['-noVotedEntry'],
    ]);
    expect((await listAnnouncedAwards(t.deps.db, few.contestId))!.winners).toHaveLength(3);
  });

  it('refuses to announce once a winner left after approval; reopened and approved again it announces', async () => {
    const c = await judgedContest(t, { scores: [9, 8, 7, 6, 5, 4, 3, 2], votes: [1, 0, 0, 0, 0, 0, 0, 9] });
    const org = await loggedInClient(t, t.admin.email, t.admin.password);
    expect((await org.post(url(c.slug, '/allocation/propose'))).statusCode).toBe(200);
    expect((await org.post(url(c.slug, '/allocation/approve'))).statusCode).toBe(200);
    await withdraw(c.entryIds[6]!);
    const refused = await org.post(url(c.slug, '/allocation/announce'));
    expect(code(refused)).toBe('awards.changedSinceApproval');
    expect(refused.json().error.message).toContain('mở lại dự kiến');
    expect(
      (await org.post(url(c.slug, '/allocation/reopen'), { reason: 'Một tác phẩm đạt giải đã rút.' })).statusCode,
    ).toBe(200);
    expect(code(await org.post(url(c.slug, '/allocation/approve')))).toBe('awards.changedSinceProposal');
    expect((await org.post(url(c.slug, '/allocation/propose'))).statusCode).toBe(200);
    expect((await org.post(url(c.slug, '/allocation/approve'))).statusCode).toBe(200);
    expect((await org.post(url(c.slug, '/allocation/announce'))).statusCode).toBe(200);
    const v1 = (await org.get(url(c.slug, '/allocation'))).json();
    // E7 left: E8 takes the last consolation place; E8 also wins the vote (open to jury winners, the default).
    expect(table(v1.stored.allocation.prizes, c.entryIds)).toEqual([
      ['E1'],
      ['E2'],
      ['E3', 'E4'],
      ['E5', 'E6', 'E8'],
      ['E8'],
    ]);

    // Then the second prize's winner withdraws and the committee amends: everyone below moves up.
    await withdraw(c.entryIds[1]!);
    const short = await org.post(url(c.slug, '/allocation/amend'), { reason: 'rút' });
    expect(code(short)).toBe('awards.reasonTooShort');
    const res = await org.post(url(c.slug, '/allocation/amend'), { reason: 'Tác giả giải Nhì xin rút tác phẩm.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, amendsVersion: 1 });
    const v2 = (await org.get(url(c.slug, '/allocation'))).json();
    expect(table(v2.stored.allocation.prizes, c.entryIds)).toEqual([
      ['E1'],
      ['E3'],
      ['E4', 'E5'],
      ['E6', 'E8', '-fewerEligibleEntries'],
      ['E8'],
    ]);
    expect((await listAnnouncedAwards(t.deps.db, c.contestId))!.winners).toHaveLength(7);
  });

  it('gives the most-voted prize to the most-voted entry without a jury prize when the rule says so', async () => {
    const prizes = [
      { name: 'Giải Nhất', kind: 'jury' as const, count: 1, amountVnd: 5_000_000 },
      {
        name: 'Giải bình chọn',
        kind: 'public_vote' as const,
        count: 1,
        amountVnd: 1_000_000,
        openToJuryWinners: false,
      },
    ];
    const c = await judgedContest(t, { scores: [9, 8, 7], votes: [30, 5, 12], prizes });
    const view = await announceAwards(t, c);
    expect(table(view.stored!.allocation.prizes, c.entryIds)).toEqual([['E1'], ['E3']]);
    expect(view.stored!.allocation.prizes[1]!.openToJuryWinners).toBe(false);
  });
});

describe('public results', () => {
  it('shows the announced results to anyone, with credits and vote figures but no contact data', async () => {
    const anon = await t.app.inject({ method: 'GET', url: `/api/public/contests/${j.slug}/results` });
    expect(anon.statusCode, anon.body).toBe(200);
    const r = anon.json();
    expect(r.version).toBe(2);
    expect(r.amendments).toEqual([
      expect.objectContaining({
        version: 2,
        amendsVersion: 1,
        reason: 'Tác giả có đơn xin rút tác phẩm sau khi công bố.',
      }),
    ]);
    expect(r.prizes.map((p: { name: string; places: unknown[] }) => [p.name, p.places.length])).toEqual([
      ['Giải Nhất', 1],
      ['Giải Nhì', 1],
      ['Giải Ba', 2],
      ['Giải Khuyến khích', 3],
      ['Giải bình chọn nhiều nhất', 1],
    ]);
    expect(r.prizes[1].places[0]).toMatchObject({ kind: 'awarded', byCommittee: true });
    expect(r.prizes[0].places[0].winner).toMatchObject({
      title: 'Phóng sự cải cách hành chính số 1',
      recipient: { kind: 'person', name: 'Nguyễn Thị Ỷ Lan' },
      authors: ['Nguyễn Thị Ỷ Lan'],
      unitName: 'UBND xã Vĩnh Thái',
    });
    expect(r.prizes[2].places[1]).toEqual({
      kind: 'unawarded',
      reason: expect.objectContaining({ vi: expect.stringContaining('thu hồi') }),
    });
    expect(r.prizes[4].places[0].winner.votes).toBe(20);
    expect(r.prizes[4].voteRule.vi).toContain('kể cả tác phẩm đã đạt giải');
    expect(r.votes.totals.counted).toBe(35);
    expect(anon.body).not.toMatch(/0912|example\.vn|Thôn \d/);
  });

  it('says plainly that results are not announced yet', async () => {
    const c = await judgedContest(t, { scores: [9] });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/public/contests/${c.slug}/results`,
      headers: { 'accept-language': 'vi' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'awards.resultsNotAnnounced' });
    expect(res.json().error.message).toContain('chưa được công bố');
  });
});

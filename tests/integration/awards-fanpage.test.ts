/**
 * The most-voted prize decided by the fanpage (R14, ADR 0048), through the HTTP API on a real database: the
 * allocation waits, saying why, until every published entry's fanpage figures are confirmed; then the prize follows
 * the fanpage score, not the platform's votes; a fanpage tie goes to the committee, whose decision recorded with the
 * voting results (or on the allocation) settles it; the screen and the public results name the count that decided.
 *
 * Three entries E1–E3 scored 9, 8, 7 for one first prize and one most-voted prize (open to jury winners): E2 leads
 * the platform's votes (20 to E3's 1), E3 leads the fanpage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Prize } from '@core/contest.ts';
import type { Actor } from '../../server/context.ts';
import { publishEntries } from '../../server/services/publication/publish-entries.ts';
import { attachFanpageEvidence } from '../../server/services/voting/attach-fanpage-evidence.ts';
import { confirmFanpageCounts } from '../../server/services/voting/confirm-fanpage-counts.ts';
import { recordFanpageCount } from '../../server/services/voting/record-fanpage-count.ts';
import { announceAwards, judgedContest, type JudgedContest } from '../helpers/awards.ts';
import { type Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let organizer: Client;
let juror: Client;

const PRIZES: Prize[] = [
  { name: 'Giải Nhất', nameEn: 'First prize', kind: 'jury', count: 1, amountVnd: 5_000_000 },
  {
    name: 'Giải bình chọn nhiều nhất',
    nameEn: 'Most-voted prize',
    kind: 'public_vote',
    count: 1,
    amountVnd: 1_000_000,
  },
];
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
const url = (slug: string, path: string) => `/api/contests/${slug}/awards${path}`;
const code = (res: LightMyRequestResponse) => (res.json() as { error?: { code?: string } }).error?.code;

type Place = { kind: string; entryId?: number; byCommittee?: boolean; candidates?: number[] };
function votePlace(view: { current: { prizes: { places: Place[] }[] } }, ids: number[]): string {
  const o = view.current.prizes[1]!.places[0]!;
  if (o.kind === 'awarded') return `E${ids.indexOf(o.entryId!) + 1}${o.byCommittee ? '*' : ''}`;
  if (o.kind === 'tied') return `tie(${o.candidates!.map((id) => `E${ids.indexOf(id) + 1}`).join(',')})`;
  return o.kind;
}

/** A contest judged and voted on the platform, its entries published, the fanpage deciding. */
async function fanpageContest(): Promise<JudgedContest & { secretariat: Actor }> {
  const j = await judgedContest(t, {
    scores: [9, 8, 7],
    votes: [0, 20, 1],
    prizes: PRIZES,
    prizeSource: { show: 'both', deciding: 'fanpage' },
  });
  await publishEntries(t.deps, j.organizer, j.slug, { entryIds: j.entryIds });
  const sec = await makeUser(t, { role: 'secretariat', slug: j.slug, fullName: 'Chuyên viên Phòng Nội vụ' });
  return { ...j, secretariat: { userId: sec.id, isSiteAdmin: false, ip: null } };
}

/** Entry i's figures (reactions, shares, comments) with a screenshot, entered by the organizer. */
async function figures(j: JudgedContest, i: number, reactions: number, shares: number): Promise<void> {
  const entryId = j.entryIds[i]!;
  await recordFanpageCount(t.deps, j.organizer, j.slug, entryId, {
    postUrl: `https://www.facebook.com/truyenthanhvinhlinh/posts/${entryId}`,
    reactions,
    shares,
    comments: 0,
  });
  await attachFanpageEvidence(t.deps, j.organizer, j.slug, entryId, PNG);
}

async function entryCode(entryId: number): Promise<string> {
  const e = await t.deps.db.selectFrom('entries').select('code').where('id', '=', entryId).executeTakeFirstOrThrow();
  return e.code ?? `#${entryId}`;
}

beforeAll(async () => {
  t = await startTestApp({ env: { SESSION_DAYS: '365' } });
  organizer = await loggedInClient(t, t.admin.email, t.admin.password);
  const u = await makeUser(t, { fullName: 'Giám khảo Khách mời' });
  juror = await loggedInClient(t, u.email, u.password);
});

afterAll(async () => t?.close());

describe('the fanpage decides the most-voted prize', () => {
  let j: JudgedContest & { secretariat: Actor };

  beforeAll(async () => {
    j = await fanpageContest();
    await figures(j, 0, 100, 10);
    await figures(j, 1, 50, 5);
  });

  it('waits, saying why and what to do, while the fanpage figures are not all confirmed', async () => {
    const res = await organizer.post(url(j.slug, '/allocation/propose'));
    expect(res.statusCode).toBe(409);
    expect(code(res)).toBe('awards.fanpageNotConfirmed');
    expect(res.json().error.message).toContain('số liệu trên fanpage');
    const view = (await organizer.get(url(j.slug, '/allocation'))).json();
    expect(view.facts).toMatchObject({ voteSource: 'fanpage', votingClosed: false, voteWait: 'fanpageNotConfirmed' });
    expect(view.steps.propose.refusal).toMatchObject({ code: 'awards.fanpageNotConfirmed' });
    expect(view.steps.propose.refusal.en).toContain('fanpage figures');

    // E3's figures entered but not yet confirmed by a second person: still waiting.
    await figures(j, 2, 900, 100);
    expect(code(await organizer.post(url(j.slug, '/allocation/propose')))).toBe('awards.fanpageNotConfirmed');
  });

  it('once confirmed, gives the prize to the fanpage leader, not the platform’s', async () => {
    await confirmFanpageCounts(t.deps, j.secretariat, j.slug);
    const res = await organizer.post(url(j.slug, '/allocation/propose'));
    expect(res.statusCode, res.body).toBe(200);
    const view = (await organizer.get(url(j.slug, '/allocation'))).json();
    expect(view.facts).toMatchObject({ voteSource: 'fanpage', votingClosed: true, voteWait: null });
    expect(votePlace(view, j.entryIds)).toBe('E3');
    expect(view.current.prizes[1]).toMatchObject({ voteSource: 'fanpage', places: [{ score: 1000 }] });
    expect(view.voteRanking.map((r: { entryId: number }) => j.entryIds.indexOf(r.entryId) + 1)).toEqual([3, 1, 2]);
  });

  it('names the fanpage on the public results, with the winner’s fanpage score', async () => {
    await announceAwards(t, j);
    const res = await t.app.inject({ method: 'GET', url: `/api/public/contests/${j.slug}/results` });
    expect(res.statusCode, res.body).toBe(200);
    const vote = res.json().prizes[1];
    expect(vote.voteSource).toBe('fanpage');
    expect(vote.voteRule.vi).toContain('điểm cao nhất theo số liệu fanpage đã được xác nhận');
    expect(vote.voteRule.en).toContain('confirmed fanpage figures');
    expect(vote.places[0].winner).toMatchObject({ entryId: j.entryIds[2], fanpageScore: 1000, votes: 1 });
  });

  it('keeps the allocation to the organizer’s people', async () => {
    expect(code(await juror.get(url(j.slug, '/allocation')))).toBe('auth.forbidden');
    expect(code(await juror.post(url(j.slug, '/allocation/propose')))).toBe('auth.forbidden');
  });
});

describe('a fanpage tie', () => {
  it('goes to the committee; its decision recorded with the voting results settles the prize', async () => {
    const j = await fanpageContest();
    await figures(j, 0, 10, 0);
    await figures(j, 1, 300, 100);
    await figures(j, 2, 350, 50);
    await confirmFanpageCounts(t.deps, j.secretariat, j.slug);
    let view = (await organizer.get(url(j.slug, '/allocation'))).json();
    expect(votePlace(view, j.entryIds)).toBe('tie(E2,E3)');
    expect(view.current.openTies).toEqual([expect.objectContaining({ ranking: 'vote' })]);
    expect(view.steps.propose.allowed).toBe(true);

    const res = await organizer.post(`/api/contests/${j.slug}/voting/tie-decision`, {
      source: 'fanpage',
      chosen: [await entryCode(j.entryIds[1]!)],
      record: 'Biên bản họp Ban Tổ chức ngày 20/11/2024',
    });
    expect(res.statusCode, res.body).toBe(200);
    view = (await organizer.get(url(j.slug, '/allocation'))).json();
    expect(votePlace(view, j.entryIds)).toBe('E2*');
    expect(view.current.complete).toBe(true);
  });

  it('or is settled on the allocation when no decision was recorded with the voting results', async () => {
    const j = await fanpageContest();
    await figures(j, 0, 10, 0);
    await figures(j, 1, 300, 100);
    await figures(j, 2, 350, 50);
    await confirmFanpageCounts(t.deps, j.secretariat, j.slug);
    expect((await organizer.post(url(j.slug, '/allocation/propose'))).statusCode).toBe(200);
    const tie = (await organizer.get(url(j.slug, '/allocation'))).json().current.openTies[0];
    const order = [j.entryIds[2]!, j.entryIds[1]!];
    const res = await organizer.post(url(j.slug, `/ties/${encodeURIComponent(tie.tieId)}/decision`), {
      order,
      reason: 'Ban Tổ chức biểu quyết tại cuộc họp xét giải.',
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = (await organizer.get(url(j.slug, '/allocation'))).json();
    expect(votePlace(view, j.entryIds)).toBe('E3*');
  });
});

describe('the platform decides', () => {
  it('keeps ranking the platform’s votes and does not wait for the fanpage', async () => {
    const j = await judgedContest(t, {
      scores: [9, 8, 7],
      votes: [0, 20, 1],
      prizes: PRIZES,
      prizeSource: { show: 'both', deciding: 'platform' },
    });
    expect((await organizer.post(url(j.slug, '/allocation/propose'))).statusCode).toBe(200);
    const view = (await organizer.get(url(j.slug, '/allocation'))).json();
    expect(view.facts).toMatchObject({ voteSource: 'platform', votingClosed: true });
    expect(votePlace(view, j.entryIds)).toBe('E2');
    expect(view.current.prizes[1].voteSource).toBe('platform');
  });
});

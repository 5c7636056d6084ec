import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentText, CURRENT_CONSENT_VERSION } from '@core/privacy.ts';
import { publishEntries } from '../../server/services/publication/publish-entries.ts';
import { purgeExpiredPersonalData } from '../../server/services/privacy/purge-expired-personal-data.ts';
import { approvedEntry } from '../helpers/entries.ts';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { setVotingWindow, solvedChallenge, verifyPhone } from '../helpers/voting.ts';

/**
 * The voting consent (issue 15 item 10): verifying as a voter records the consent stated beside the send-code
 * button, with its version and time, against the voter row (voters need no account); a person who verified with
 * their account's phone or e-mail finds it, and their votes under the pseudonym, in their personal-data download.
 */
let t: TestApp;
let slug: string;
let entryId: number;
const PHONE = '0352 777 001';
let person: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  t = await startTestApp({ env: { ALTCHA_COMPLEXITY: '200' } });
  slug = t.demoSlug;
  const organizer = await loggedInClient(t, t.admin.email, t.admin.password);
  await setVotingWindow(t, slug, { openForMs: -3_600_000 });
  expect((await organizer.put(`/api/contests/${slug}/voting/settings`, { hashRetentionDays: 30 })).statusCode).toBe(
    200,
  );
  await setVotingWindow(t, slug);
  const entrant = await makeUser(t, { role: 'entrant' });
  entryId = await approvedEntry(t, entrant, { draft: { title: 'Một cửa liên thông' } });
  await publishEntries(t.deps, { userId: t.admin.userId, isSiteAdmin: true, ip: null }, slug, { entryIds: [entryId] });
});
afterAll(async () => {
  await t?.close();
});

const consentsOf = (voterId: number) =>
  t.deps.db
    .selectFrom('consents')
    .select(['purpose', 'text_version', 'given_at', 'withdrawn_at', 'user_id', 'entry_id'])
    .where('voter_id', '=', voterId)
    .execute();

async function verifyEmail(c: Client, email: string): Promise<void> {
  const sent = await c.post(`/api/contests/${slug}/voting/codes`, {
    kind: 'email',
    value: email,
    altcha: await solvedChallenge(c),
  });
  expect(sent.statusCode).toBe(200);
  const code = /: (\d{6})$/.exec(t.sentMail.filter((m) => m.to === email).at(-1)!.subject)![1];
  const ok = await c.post(`/api/contests/${slug}/voting/codes/confirm`, { code });
  expect(ok.statusCode).toBe(200);
}

describe('the voting consent', () => {
  it('is recorded on verifying, with the version of the words and the time the code was asked for', async () => {
    const c = new Client(t.app);
    await verifyPhone(t, c, slug, PHONE);
    const voter = await t.deps.db
      .selectFrom('voters')
      .select('id')
      .where('display', 'like', '%001')
      .executeTakeFirstOrThrow();
    const request = await t.deps.db
      .selectFrom('code_requests')
      .select('created_at')
      .where('used_at', 'is not', null)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(await consentsOf(voter.id)).toEqual([
      {
        purpose: 'voting',
        text_version: CURRENT_CONSENT_VERSION.voting,
        given_at: request.created_at,
        withdrawn_at: null,
        user_id: null,
        entry_id: null,
      },
    ]);
    // Verifying again under the same words is the same consent: still one, still the first time.
    t.setNow(new Date(Date.now() + 10 * 60_000));
    try {
      await verifyPhone(t, new Client(t.app), slug, PHONE);
    } finally {
      t.setNow(null);
    }
    expect(await consentsOf(voter.id)).toEqual([expect.objectContaining({ given_at: request.created_at })]);
  });

  it("is in the download of whoever's phone or e-mail verified, with their votes, and nobody else's", async () => {
    person = await makeUser(t, { fullName: 'Lê Thị Bình Chọn' });
    await t.deps.db.updateTable('users').set({ phone: '0352777001' }).where('id', '=', person.id).execute();
    // The same person also verifies with their account's e-mail, and votes.
    const c = new Client(t.app);
    await verifyEmail(c, person.email);
    const voted = await c.post(`/api/contests/${slug}/entries/${entryId}/votes`, { altcha: await solvedChallenge(c) });
    expect(voted.statusCode).toBe(200);

    const mine = (
      await (await loggedInClient(t, person.email, person.password)).get('/api/account/personal-data')
    ).json();
    expect(mine.voting).toHaveLength(2);
    const byKind = Object.fromEntries(mine.voting.map((v: { kind: string }) => [v.kind, v]));
    expect(byKind.phone).toMatchObject({ contest: slug, votes: [] });
    expect(byKind.email.votes).toEqual([expect.objectContaining({ entryId, status: 'counted' })]);
    expect(byKind.email.pseudonym).toMatch(/^[0-9a-f]{16}$/);
    const voting = mine.consents.filter((x: { purpose: string }) => x.purpose === 'voting');
    expect(voting).toHaveLength(2);
    for (const x of voting) {
      expect(x).toMatchObject({ contest: slug, version: 'voting-v1', withdrawnAt: null });
      expect(x.text).toBe(consentText('voting-v1', 'vi'));
    }
    const pdf = await (await loggedInClient(t, person.email, person.password)).get('/api/account/personal-data.pdf');
    expect(pdf.statusCode).toBe(200);

    // Someone else: no voter, no voting consent.
    const other = await makeUser(t);
    const theirs = (
      await (await loggedInClient(t, other.email, other.password)).get('/api/account/personal-data')
    ).json();
    expect(theirs.voting).toEqual([]);
    expect(theirs.consents.filter((x: { purpose: string }) => x.purpose === 'voting')).toEqual([]);
  });

  it("stays with the pseudonymous voter when the hashes go, the organizers' margin after voting closed", async () => {
    const contest = await t.deps.db
      .selectFrom('contests')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    const pc = await loggedInClient(t, person.email, person.password);
    expect((await pc.get('/api/account/personal-data')).json().voting).toHaveLength(2);
    // Voting closed a day ago and the results are out now: the hashes stay the 30 days the organizers chose.
    await setVotingWindow(t, slug, { openForMs: 2 * 86400_000, lengthMs: 86400_000 });
    const now = Date.now();
    await t.deps.db
      .insertInto('award_allocations')
      .values({
        contest_id: contest.id,
        version: 1,
        state: 'announced',
        result_json: '{}',
        inputs_sha256: 'x',
        proposed_at: new Date(now).toISOString(),
        announced_at: new Date(now).toISOString(),
      })
      .execute();
    const days = (n: number) => new Date(now + n * 86400_000);
    try {
      t.setNow(days(29));
      expect(await purgeExpiredPersonalData(t.deps)).toEqual([]);
      t.setNow(days(31));
      expect(await purgeExpiredPersonalData(t.deps)).toEqual([expect.objectContaining({ kind: 'voters', hashes: 2 })]);
    } finally {
      t.setNow(null);
    }
    const left = await t.deps.db.selectFrom('voters').select('identity_hash').execute();
    expect(left.every((v) => v.identity_hash === null)).toBe(true);
    // The consents stay with the pseudonymous voters; nothing leads from the person to them any more.
    expect(
      await t.deps.db.selectFrom('consents').select('voter_id').where('purpose', '=', 'voting').execute(),
    ).toHaveLength(2);
    expect((await pc.get('/api/account/personal-data')).json().voting).toEqual([]);
  });
});

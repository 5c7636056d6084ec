/**
 * Voting set-up for the faults, through the in-process app and the existing helpers (tests/helpers/voting.ts):
 * published entries, an open voting window, and verified voters whose cookies then go to real server processes.
 */
import { publishEntries } from '../../server/services/publication/publish-entries.ts';
import { sha256Hex } from '../../server/security/tokens.ts';
import { solvePayload } from '../helpers/altcha.ts';
import { approvedEntry } from '../helpers/entries.ts';
import { Client, loggedInClient, makeUser, type TestApp } from '../helpers/test-app.ts';
import { setVotingWindow, verifyPhone } from '../helpers/voting.ts';

export interface HttpVoter {
  /** voters.id */
  id: number;
  /** The voter's cookies (voter session and device), to which each server adds its anonymous CSRF cookie. */
  cookies: string;
}

/**
 * Published entries and voting open now, under the rule "one vote per entry per day" (set before voting opens, since
 * it is locked after; a second call keeps it), so that a voter may vote for each entry once.
 */
export async function openVoting(t: TestApp, entries: number): Promise<number[]> {
  const owner = await makeUser(t);
  const ids: number[] = [];
  for (let i = 0; i < entries; i++) ids.push(await approvedEntry(t, owner, { draft: { title: `Bình chọn ${i}` } }));
  await publishEntries(t.deps, { userId: t.admin.userId, isSiteAdmin: true, ip: null }, t.demoSlug, { entryIds: ids });
  const organizer = await loggedInClient(t, t.admin.email, t.admin.password);
  const url = `/api/contests/${t.demoSlug}/voting/settings`;
  if ((await organizer.get(url)).json().settings.rule.kind !== 'per_entry_per_day') {
    await setVotingWindow(t, t.demoSlug, { openForMs: -3_600_000 });
    const res = await organizer.put(url, { rule: { kind: 'per_entry_per_day' } });
    if (res.statusCode !== 200) throw new Error(`voting settings: ${res.body}`);
  }
  await setVotingWindow(t, t.demoSlug);
  return ids;
}

/** `n` voters verified by phone, each from an address of its own network (send limits count per network). */
export async function verifiedVoters(t: TestApp, n: number, first = 0): Promise<HttpVoter[]> {
  const out: HttpVoter[] = [];
  for (let i = first; i < first + n; i++) {
    const c = new Client(t.app);
    c.remoteAddress = `10.${Math.floor(i / 200) + 1}.${i % 200}.7`;
    await verifyPhone(t, c, t.demoSlug, `09${String(10_000_000 + i).padStart(8, '0')}`);
    const vsid = c.cookie('vsid')!;
    const row = await t.deps.db
      .selectFrom('voter_sessions')
      .select('voter_id')
      .where('token_hash', '=', sha256Hex(vsid))
      .executeTakeFirstOrThrow();
    out.push({ id: row.voter_id, cookies: `vsid=${vsid}; vdev=${c.cookie('vdev')!}` });
  }
  return out;
}

/** The anonymous CSRF cookie and token of a server, for one voter's requests to it. */
export async function anonymousCsrf(base: string): Promise<{ cookie: string; token: string }> {
  const s = await fetch(`${base}/api/auth/session`);
  return {
    cookie: s.headers.get('set-cookie')!.split(';')[0]!,
    token: ((await s.json()) as { csrfToken: string }).csrfToken,
  };
}

/** One vote over HTTP with a freshly solved challenge from that server. */
export async function voteOverHttp(
  base: string,
  slug: string,
  voter: HttpVoter,
  csrf: { cookie: string; token: string },
  entryId: number,
): Promise<{ status: number; body: { status?: string; error?: { code: string; message: string } } }> {
  const challenge = await (await fetch(`${base}/api/challenge`)).json();
  const altcha = await solvePayload(challenge);
  const res = await fetch(`${base}/api/contests/${slug}/entries/${entryId}/votes`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: `${csrf.cookie}; ${voter.cookies}`,
      'x-csrf-token': csrf.token,
    },
    body: JSON.stringify({ altcha }),
  });
  return { status: res.status, body: await res.json() };
}

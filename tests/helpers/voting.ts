import fs from 'node:fs';
import path from 'node:path';
import { verifyVoteLog } from '@core/voting/vote-log.ts';
import { sha256Hex } from '../../server/security/tokens.ts';
import { publishEntries } from '../../server/services/publication/publish-entries.ts';
import { solvePayload } from './altcha.ts';
import { approvedEntry } from './entries.ts';
import { Client, loggedInClient, makeUser, type TestApp } from './test-app.ts';

/**
 * Sets the contest's `public_voting` phase to start `openForMs` ago (negative: in the future) and last `lengthMs`,
 * by the real clock, since proof-of-work challenges expire by the wall clock.
 */
export async function setVotingWindow(
  t: TestApp,
  slug: string,
  opts: { openForMs?: number; lengthMs?: number } = {},
): Promise<{ startsAt: string; endsAt: string }> {
  const contest = await t.deps.db
    .selectFrom('contests')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  const start = new Date(Date.now() - (opts.openForMs ?? 60_000));
  const end = new Date(start.getTime() + (opts.lengthMs ?? 7 * 24 * 3_600_000));
  const startsAt = start.toISOString();
  const endsAt = end.toISOString();
  await t.deps.db
    .deleteFrom('contest_phases')
    .where('contest_id', '=', contest.id)
    .where('kind', '=', 'public_voting')
    .execute();
  await t.deps.db
    .insertInto('contest_phases')
    .values({ contest_id: contest.id, kind: 'public_voting', starts_at: startsAt, ends_at: endsAt })
    .execute();
  return { startsAt, endsAt };
}

/** The one-time codes written to the SMS outbox for a number (E.164), oldest first. */
export function smsCodes(t: TestApp, e164: string): string[] {
  const dir = path.join(t.db.dataDir, 'sms-outbox');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .filter((text) => text.startsWith(`To: ${e164}\n`))
    .map((text) => /\b(\d{6})\b/.exec(text.split('\n\n')[1] ?? '')?.[1])
    .filter((c): c is string => !!c);
}

/** A solved challenge, as the widget would send it. */
export async function solvedChallenge(c: Client): Promise<string> {
  return solvePayload((await c.get('/api/challenge')).json());
}

/** Asks for a code by text message, reads it from the outbox and confirms it: the client becomes a verified voter. */
export async function verifyPhone(t: TestApp, c: Client, slug: string, local: string): Promise<void> {
  const e164 = `+84${local.replace(/\s/g, '').slice(1)}`;
  const sent = await c.post(`/api/contests/${slug}/voting/codes`, {
    kind: 'phone',
    value: local,
    altcha: await solvedChallenge(c),
  });
  if (sent.statusCode !== 200) throw new Error(`code not sent: ${sent.body}`);
  const code = smsCodes(t, e164).at(-1);
  const ok = await c.post(`/api/contests/${slug}/voting/codes/confirm`, { code });
  if (ok.statusCode !== 200) throw new Error(`code not confirmed: ${ok.body}`);
}

let voters = 0;

/** A new voter behind `address` verifies a number of their own and votes for the entry; returns the vote's status. */
export async function voteAsNewVoter(t: TestApp, slug: string, address: string, entryId: number): Promise<string> {
  const c = new Client(t.app);
  c.remoteAddress = address;
  await verifyPhone(t, c, slug, `0377${String(100000 + ++voters).padStart(6, '0')}`);
  const res = await c.post(`/api/contests/${slug}/entries/${entryId}/votes`, { altcha: await solvedChallenge(c) });
  if (res.statusCode !== 200) throw new Error(`vote not taken: ${res.statusCode} ${res.body}`);
  return res.json().status;
}

/**
 * The demo contest open for voting: its window set (open for `openForMs`, 1 minute by default), the organizer's
 * voting settings saved (the defaults, with `settings` over them), and one approved entry per title published.
 */
export async function openVotingContest(
  t: TestApp,
  titles: string[],
  { settings = {}, openForMs }: { settings?: Record<string, unknown>; openForMs?: number } = {},
): Promise<{ slug: string; contestId: number; published: number[]; organizer: Client }> {
  const slug = t.demoSlug;
  const contest = await t.deps.db
    .selectFrom('contests')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  const organizer = await loggedInClient(t, t.admin.email, t.admin.password);
  // Settings are saved before the window opens (some are locked once voting is open).
  await setVotingWindow(t, slug, { openForMs: -3_600_000 });
  const saved = await organizer.put(`/api/contests/${slug}/voting/settings`, settings);
  if (saved.statusCode !== 200) throw new Error(`voting settings: ${saved.statusCode} ${saved.body}`);
  await setVotingWindow(t, slug, { openForMs });
  const entrant = await makeUser(t, { role: 'entrant' });
  const published = [];
  for (const title of titles) published.push(await approvedEntry(t, entrant, { draft: { title } }));
  await publishEntries(t.deps, { userId: t.admin.userId, isSiteAdmin: true, ip: null }, slug, { entryIds: published });
  return { slug, contestId: contest.id, published, organizer };
}

/** The contest's vote log as stored (its head and lines), and the verdict of the public check on it. */
export async function voteLogVerdict(t: TestApp, contestId: number) {
  const head = await t.deps.db
    .selectFrom('vote_log_heads')
    .selectAll()
    .where('contest_id', '=', contestId)
    .executeTakeFirstOrThrow();
  const lines = await t.deps.db
    .selectFrom('vote_log')
    .select(['seq', 'line'])
    .where('contest_id', '=', contestId)
    .orderBy('seq')
    .execute();
  const verdict = verifyVoteLog([head.header_line, ...lines.map((l) => l.line)].join('\n') + '\n', sha256Hex);
  return { verdict, head, lines };
}

import fs from 'node:fs';
import path from 'node:path';
import { solvePayload } from './altcha.ts';
import type { Client, TestApp } from './test-app.ts';

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

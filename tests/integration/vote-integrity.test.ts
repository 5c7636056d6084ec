/**
 * The stream checks over cast votes (core/voting/integrity.ts run by server/services/voting/run-integrity-checks.ts):
 * a one-sided burst from one address is quarantined with its reasons as status lines of the public log, while as many
 * honest voters behind one carrier address stay counted; a restarted process picks up where the cursor stands.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { openVotingContest, voteAsNewVoter } from '../helpers/voting.ts';
import { forgetIntegrityState, runIntegrityChecks } from '../../server/services/voting/run-integrity-checks.ts';
import { verifyVoteLog } from '@core/voting/vote-log.ts';
import { storeVoteDigests } from '../../server/services/voting/store-vote-digests.ts';
import { sha256Hex } from '../../server/security/tokens.ts';

let t: TestApp;
let slug: string;
let contestId: number;
let entries: number[];

const voteFrom = (address: string, entryId: number) => voteAsNewVoter(t, slug, address, entryId);

const statuses = (ip: string) =>
  t.deps.db.selectFrom('votes').select(['status', 'reasons_json']).where('ip', '=', ip).orderBy('seq').execute();

beforeAll(async () => {
  t = await startTestApp({ env: { ALTCHA_COMPLEXITY: '200' } });
  // Small thresholds so that a short test shows a burst: 5 votes for one entry in 10 minutes from one address.
  ({
    slug,
    contestId,
    published: entries,
  } = await openVotingContest(t, ['Luồng 0', 'Luồng 1', 'Luồng 2'], {
    settings: { integrity: { addressEntryPerWindow: 5, networkEntryPerWindow: 8 } },
  }));
});
afterAll(async () => {
  await t?.close();
});

describe('integrity checks over the stream of votes', () => {
  it('quarantine a one-sided burst from one address and keep a carrier address’s honest voters counted', async () => {
    // Twelve honest people behind one carrier address, spread over the entries.
    for (let i = 0; i < 12; i++) expect(await voteFrom('203.0.113.9', entries[i % 3]!)).toBe('counted');
    // Seven identities from one address, all for one entry: acknowledged as counted, judged seconds later.
    for (let i = 0; i < 7; i++) expect(await voteFrom('198.51.100.7', entries[0]!)).toBe('counted');

    const run = await runIntegrityChecks(t.deps, contestId);
    expect(run).toEqual({ read: 19, quarantined: 7 });
    const honest = await statuses('203.0.113.9');
    expect(honest.map((v) => v.status)).toEqual(new Array(12).fill('counted'));
    const burst = await statuses('198.51.100.7');
    expect(burst.map((v) => v.status)).toEqual(new Array(7).fill('quarantined'));
    for (const v of burst) expect(JSON.parse(v.reasons_json).sort()).toEqual(['address_burst', 'one_sided_source']);

    // Nothing new: nothing read, nothing changed.
    expect(await runIntegrityChecks(t.deps, contestId)).toEqual({ read: 0, quarantined: 0 });

    // The public log carries the status lines and still verifies, with the tally the database has.
    const res = await new Client(t.app).get(`/api/contests/${slug}/voting/log`);
    const verified = verifyVoteLog(res.body, sha256Hex);
    expect(verified.ok).toBe(true);
    const results = (await new Client(t.app).get(`/api/contests/${slug}/voting/results`)).json();
    expect(results.totals).toEqual({ counted: 12, quarantined: 7, invalidated: 0 });
    expect(results.reasons.map((r: { code: string }) => r.code).sort()).toEqual(['address_burst', 'one_sided_source']);
  });

  it('pick up after a restart from the stored cursor, with the burst still in view', async () => {
    forgetIntegrityState(t.deps);
    expect(await voteFrom('198.51.100.7', entries[0]!)).toBe('counted');
    expect(await voteFrom('203.0.113.9', entries[1]!)).toBe('counted');
    expect(await runIntegrityChecks(t.deps, contestId)).toEqual({ read: 2, quarantined: 1 });
    expect((await statuses('198.51.100.7')).at(-1)!.status).toBe('quarantined');
    expect((await statuses('203.0.113.9')).at(-1)!.status).toBe('counted');
  });

  it('leave a vote staff counted after review as they decided', async () => {
    const organizer = await loggedInClient(t, t.admin.email, t.admin.password);
    const held = await t.deps.db.selectFrom('votes').select('id').where('status', '=', 'quarantined').execute();
    const decided = await organizer.post(`/api/contests/${slug}/voting/quarantine/decisions`, {
      voteIds: held.map((v) => v.id),
      decision: { to: 'counted' },
    });
    expect(decided.statusCode).toBe(200);
    forgetIntegrityState(t.deps);
    expect(await voteFrom('198.51.100.7', entries[0]!)).toBe('counted');
    await runIntegrityChecks(t.deps, contestId);
    const burst = await statuses('198.51.100.7');
    expect(burst.slice(0, -1).every((v) => v.status === 'counted')).toBe(true);
    expect(burst.at(-1)!.status).toBe('quarantined');
  });

  it('give way to waiting requests between batches, and judge across batches as in one', async () => {
    // Six votes for one entry from one address, read two at a time: the burst shows at the fifth, and the four
    // before it, stored as counted by earlier batches, join the quarantine.
    for (let i = 0; i < 6; i++) expect(await voteFrom('192.0.2.44', entries[2]!)).toBe('counted');
    forgetIntegrityState(t.deps);
    const order: string[] = [];
    setImmediate(() => order.push('a waiting request'));
    const run = await runIntegrityChecks(t.deps, contestId, { batch: 2 });
    order.push('the pass');
    expect(order).toEqual(['a waiting request', 'the pass']);
    expect(run).toEqual({ read: 6, quarantined: 6 });
    const burst = await statuses('192.0.2.44');
    expect(burst.map((v) => v.status)).toEqual(new Array(6).fill('quarantined'));
    const res = await new Client(t.app).get(`/api/contests/${slug}/voting/log`);
    expect(verifyVoteLog(res.body, sha256Hex).ok).toBe(true);
  });

  it('end a pass at the log’s head as it started, leaving votes cast meanwhile to the next', async () => {
    for (let i = 0; i < 20; i++) await voteFrom(`192.0.2.${100 + i}`, entries[i % 3]!);
    // Read one at a time, resting after each: the pass lasts while more votes arrive.
    const pass = runIntegrityChecks(t.deps, contestId, { batch: 1 });
    let passing = true;
    void pass.finally(() => (passing = false));
    let late = 0;
    while (passing) {
      await voteFrom(`192.0.2.${200 + late}`, entries[late % 3]!);
      late++;
    }
    expect(late).toBeGreaterThan(0);
    expect((await pass).read).toBe(20);
    expect((await runIntegrityChecks(t.deps, contestId)).read).toBe(late);
  });
});

describe('voting statistics for the staff charts', () => {
  it('count votes per hour and per entry by status, for staff only', async () => {
    const organizer = await loggedInClient(t, t.admin.email, t.admin.password);
    const res = await organizer.get(`/api/contests/${slug}/voting/stats`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    const all = await t.deps.db.selectFrom('votes').select(['status']).execute();
    const count = (st: string) => all.filter((v) => v.status === st).length;
    expect(s.totals).toEqual({ counted: count('counted'), quarantined: count('quarantined'), invalidated: 0 });
    const sum = (xs: { counted: number; quarantined: number }[]) =>
      xs.reduce((n, x) => n + x.counted + x.quarantined, 0);
    expect(sum(s.perHour)).toBe(all.length);
    expect(sum(s.perEntry)).toBe(all.length);
    expect(s.perEntry).toHaveLength(3);
    const entrant = await makeUser(t, { role: 'entrant' });
    const denied = await (
      await loggedInClient(t, entrant.email, entrant.password)
    ).get(`/api/contests/${slug}/voting/stats`);
    expect(denied.statusCode).toBe(403);
    expect((await new Client(t.app).get(`/api/contests/${slug}/voting/stats`)).statusCode).toBe(401);
  });
});

describe('daily digests of the vote log', () => {
  it('store each finished day’s head once, publish it, and let votes:verify check a log against it', async () => {
    expect(await storeVoteDigests(t.deps, contestId)).toBe(0);
    const head = await t.deps.db
      .selectFrom('vote_log_heads')
      .select(['seq', 'hash'])
      .where('contest_id', '=', contestId)
      .executeTakeFirstOrThrow();
    const logText = (await new Client(t.app).get(`/api/contests/${slug}/voting/log`)).body;
    t.setNow(new Date(Date.now() + 24 * 3_600_000));
    try {
      // One day, or two when the test ran across midnight in the contest's zone.
      const days = await storeVoteDigests(t.deps, contestId);
      expect(days).toBeGreaterThanOrEqual(1);
      expect(await storeVoteDigests(t.deps, contestId)).toBe(0);
      const anyone = new Client(t.app);
      const json = await anyone.get(`/api/contests/${slug}/voting/digests`);
      expect(json.statusCode).toBe(200);
      expect(json.json()).toHaveLength(days);
      const last = json.json().at(-1);
      expect(last).toMatchObject({ seq: head.seq, hash: head.hash });
      const text = await anyone.get(`/api/contests/${slug}/voting/digests?format=text`);
      expect(text.headers['content-disposition']).toContain('attachment');
      expect(text.body.endsWith(`${last.day}\t${head.seq}\t${head.hash}\n`)).toBe(true);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('details_json')
        .where('action', '=', 'votes.digest')
        .execute();
      expect(audit).toHaveLength(days);

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digests-'));
      const logFile = path.join(dir, 'votes.log');
      const digestFile = path.join(dir, 'digests.txt');
      fs.writeFileSync(logFile, logText);
      fs.writeFileSync(digestFile, text.body);
      const run = () =>
        spawnSync(
          process.execPath,
          ['--import', 'tsx', 'server/votes-verify-cli.ts', logFile, '--digests', digestFile],
          {
            encoding: 'utf8',
          },
        );
      const ok = run();
      expect(ok.stderr).toBe('');
      expect(ok.status).toBe(0);
      expect(ok.stdout).toContain(`${days} daily digests match`);
      // A digest that the log does not reproduce (the log rewritten, or a wrong copy) fails the check.
      fs.writeFileSync(digestFile, text.body.replace(head.hash, '0'.repeat(64)));
      const bad = run();
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain('does not match');
    } finally {
      t.setNow(null);
    }
  });
});

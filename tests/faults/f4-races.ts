/**
 * F4: races, across two server processes on one database on PostgreSQL (one process on SQLite, see RACE_SERVERS).
 * All of a commune's entries are submitted at the same moment, half through each process: exactly the commune's quota
 * is submitted. Each voter sends several votes for one entry at the same moment, through both processes: exactly one
 * is counted (the rule allows one per entry a day).
 */
import assert from 'node:assert/strict';
import { saveEntryDraft } from '../../server/services/entries/save-entry-draft.ts';
import { attachAcceptedFile, completeDraft, unitId } from '../helpers/entries.ts';
import { makeUser } from '../helpers/test-app.ts';
import type { Bed } from './bed.ts';
import { log, logIn } from './harness.ts';
import { anonymousCsrf, openVoting, verifiedVoters, voteOverHttp } from './voters.ts';

export interface F4Result {
  submissions: number;
  quota: number;
  submitted: number;
  voters: number;
  votesSent: number;
  votesCounted: number;
}

export async function runF4(bed: Bed, opts: { submissions: number; votes: number }): Promise<F4Result> {
  const { t, servers } = bed;
  const slug = t.demoSlug;

  // The quota of one commune.
  const u = await unitId(t, 'Xã Kim Thạch');
  const { max_entries: quota } = await t.deps.db
    .selectFrom('units')
    .innerJoin('unit_categories', 'unit_categories.id', 'units.category_id')
    .select('unit_categories.max_entries')
    .where('units.id', '=', u)
    .executeTakeFirstOrThrow();
  const rep = await makeUser(t, { role: 'unit_rep', unitId: u });
  const actor = { userId: rep.id, isSiteAdmin: false, ip: null };
  const ids: number[] = [];
  for (let i = 0; i < opts.submissions; i++) {
    const { id } = await saveEntryDraft(
      t.deps,
      actor,
      slug,
      completeDraft({ kind: 'unit', unitId: u }, { title: `Cùng lúc ${i}` }),
    );
    await attachAcceptedFile(t, id);
    ids.push(id);
  }
  const s = await logIn(servers[0]!.url, rep.email, rep.password);
  const answers = await Promise.all(
    ids.map(async (id, i) => {
      const r = await fetch(`${servers[i % servers.length]!.url}/api/entries/${id}/submit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
        body: '{}',
      });
      return { status: r.status, code: ((await r.json()) as { error?: { code: string } }).error?.code };
    }),
  );
  const ok = answers.filter((a) => a.status === 200).length;
  const refusals = new Set(answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.code}`));
  const submitted = await t.deps.db
    .selectFrom('entries')
    .select('id')
    .where('unit_id', '=', u)
    .where('status', '=', 'submitted')
    .execute();
  log(`F4 quota: ${ids.length} submissions at once → ${ok} accepted (quota ${quota}); refused: ${[...refusals]}`);
  assert.equal(ok, quota, 'answers');
  assert.equal(submitted.length, quota, 'submitted entries in the database');
  assert.deepEqual([...refusals], ['409 entry.unitQuotaFull']);

  // Several votes at once from each voter for one entry, through both processes.
  const [entryId] = await openVoting(t, 1);
  const voters = await verifiedVoters(t, Math.max(1, Math.floor(opts.votes / 5)), 1000);
  const perVoter = Math.ceil(opts.votes / voters.length);
  let sent = 0;
  for (const voter of voters) {
    const csrf = await anonymousCsrf(servers[0]!.url);
    const results = await Promise.all(
      Array.from({ length: perVoter }, (_, k) =>
        voteOverHttp(servers[k % servers.length]!.url, slug, voter, csrf, entryId!),
      ),
    );
    sent += results.length;
    const counted = results.filter((r) => r.status === 200);
    const rows = await t.deps.db
      .selectFrom('votes')
      .select('id')
      .where('voter_id', '=', voter.id)
      .where('entry_id', '=', entryId!)
      .execute();
    assert.equal(counted.length, 1, `voter ${voter.id}: ${counted.length} votes acknowledged`);
    assert.equal(rows.length, 1, `voter ${voter.id}: ${rows.length} votes in the database`);
    for (const r of results.filter((x) => x.status !== 200))
      assert.equal(
        r.body.error?.code,
        'vote.alreadyEntryToday',
        `voter ${voter.id}: ${r.status} ${r.body.error?.code}`,
      );
  }
  const votesCounted = (await t.deps.db.selectFrom('votes').select('id').where('entry_id', '=', entryId!).execute())
    .length;
  log(`F4 votes: ${voters.length} voters sent ${sent} votes at once (${perVoter} each) → ${votesCounted} counted`);
  assert.equal(votesCounted, voters.length);
  return {
    submissions: ids.length,
    quota,
    submitted: submitted.length,
    voters: voters.length,
    votesSent: sent,
    votesCounted,
  };
}

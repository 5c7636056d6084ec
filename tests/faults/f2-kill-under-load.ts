/**
 * F2: the server is killed with SIGKILL, again and again, while clients vote and create entries as fast as it
 * answers; it is started again each time. Every vote and every entry the clients saw acknowledged must be in the
 * database afterwards. A request that got no answer is not acknowledged (it may or may not have been committed).
 */
import assert from 'node:assert/strict';
import { newDraftOverHttp, type Bed } from './bed.ts';
import { log } from './harness.ts';
import { anonymousCsrf, openVoting, verifiedVoters, voteOverHttp } from './voters.ts';

export interface F2Result {
  kills: number;
  votesAcknowledged: number;
  entriesAcknowledged: number;
  unanswered: number;
  lost: number;
}

type Work = { kind: 'vote'; voter: number; entryId: number } | { kind: 'entry' };

export async function runF2(
  bed: Bed,
  opts: { kills: number; voters: number; entries: number; clients: number },
): Promise<F2Result> {
  const { t } = bed;
  const server = bed.servers[0]!;
  const entryIds = await openVoting(t, opts.entries);
  const voters = await verifiedVoters(t, opts.voters);
  // Every voter votes for every entry once (the rule allows one a day per entry), mixed with as many new entries.
  const work: Work[] = [];
  for (let v = 0; v < voters.length; v++)
    for (const entryId of entryIds) work.push({ kind: 'vote', voter: v, entryId }, { kind: 'entry' });
  work.sort(() => Math.random() - 0.5);
  const total = work.length;
  const killEvery = Math.floor(total / (opts.kills + 1));

  const ackedVotes: { voter: number; entryId: number }[] = [];
  const ackedEntries: number[] = [];
  let unanswered = 0;
  let done = 0;
  let kills = 0;
  let restarting: Promise<void> | null = null;
  const csrf = new Map<number, { cookie: string; token: string }>();

  const client = async () => {
    while (work.length) {
      if (restarting) await restarting;
      const item = work.pop()!;
      try {
        if (item.kind === 'entry') {
          ackedEntries.push(await newDraftOverHttp(server.url, t.demoSlug, bed.entrant, 'Dưới tải'));
        } else {
          const voter = voters[item.voter]!;
          let c = csrf.get(item.voter);
          if (!c) csrf.set(item.voter, (c = await anonymousCsrf(server.url)));
          const r = await voteOverHttp(server.url, t.demoSlug, voter, c, item.entryId);
          if (r.status === 200) ackedVotes.push({ voter: voter.id, entryId: item.entryId });
          else if (r.body.error?.code !== 'vote.alreadyEntryToday')
            throw new Error(`vote: ${r.status} ${r.body.error?.code}`);
        }
      } catch (err) {
        // No answer (the server died under it): not acknowledged. Anything else is a defect.
        if (!(err instanceof TypeError) && !/fetch failed|ECONNRE|socket/i.test(String(err))) throw err;
        unanswered++;
      }
      done++;
      if (kills < opts.kills && done >= killEvery * (kills + 1) && !restarting) {
        kills++;
        restarting = server
          .kill()
          .then(() => server.start())
          .finally(() => (restarting = null));
      }
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, client));
  if (restarting) await restarting;

  const votes = await t.deps.db.selectFrom('votes').select(['voter_id', 'entry_id']).execute();
  const have = new Set(votes.map((v) => `${v.voter_id}:${v.entry_id}`));
  const lostVotes = ackedVotes.filter((v) => !have.has(`${v.voter}:${v.entryId}`)).length;
  const rows = ackedEntries.length
    ? await t.deps.db.selectFrom('entries').select('id').where('id', 'in', ackedEntries).execute()
    : [];
  const lostEntries = ackedEntries.length - rows.length;
  log(
    `F2: ${kills} kills; ${ackedVotes.length} votes and ${ackedEntries.length} entries acknowledged, ` +
      `${unanswered} requests unanswered; lost: ${lostVotes} votes, ${lostEntries} entries`,
  );
  assert.equal(kills, opts.kills, 'fewer kills than asked');
  assert.equal(lostVotes, 0, `${lostVotes} acknowledged votes lost`);
  assert.equal(lostEntries, 0, `${lostEntries} acknowledged entries lost`);
  assert.ok(ackedVotes.length > 0 && ackedEntries.length > 0, 'nothing was acknowledged');
  return {
    kills,
    votesAcknowledged: ackedVotes.length,
    entriesAcknowledged: ackedEntries.length,
    unanswered,
    lost: lostVotes + lostEntries,
  };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBed, RACE_SERVERS, type Bed } from '../faults/bed.ts';
import { INTERRUPTIONS, runF1 } from '../faults/f1-uploads.ts';
import { runF2 } from '../faults/f2-kill-under-load.ts';
import { runF3 } from '../faults/f3-hostile-files.ts';
import { runF4 } from '../faults/f4-races.ts';
import { dialectUnderTest } from '../helpers/test-db.ts';

/**
 * The CI-sized part of the fault suite (`npm run test:faults` runs it larger): real server processes on this test's
 * database, killed with SIGKILL, cut off by a relay, fed hostile files and raced (tests/faults/).
 */
describe(`fault suite, CI size, on ${dialectUnderTest}`, () => {
  let bed: Bed;
  beforeAll(async () => {
    bed = await openBed({ servers: RACE_SERVERS, roles: 'web,worker' });
  }, 120_000);
  afterAll(async () => bed?.close(), 60_000);

  it('F1: uploads interrupted by the client, a SIGKILL and a cut connection all finish byte-exact', async () => {
    const r = await runF1(bed, { uploads: 3, size: 1024 * 1024, secondInterruptions: false });
    for (const kind of INTERRUPTIONS) expect(r.interruptions[kind]).toBeGreaterThanOrEqual(1);
    expect(r.byteExact).toBe(3);
  }, 180_000);

  it('F2: a SIGKILL under vote and submission load loses no acknowledged vote or entry', async () => {
    const r = await runF2(bed, { kills: 1, voters: 3, entries: 3, clients: 3 });
    expect(r.lost).toBe(0);
    expect(r.votesAcknowledged + r.entriesAcknowledged).toBeGreaterThan(0);
  }, 180_000);

  it('F3: hostile and fuzzed files get a clear verdict and crash nothing', async () => {
    const r = await runF3(bed, { fuzzed: 3 });
    expect(r.files).toBe(11);
    expect(r.verdicts.every((v) => v.how !== 'accepted')).toBe(true);
  }, 180_000);

  it('F4: racing submissions fill the quota exactly and racing votes count once', async () => {
    const r = await runF4(bed, { submissions: 8, votes: 8 });
    expect(r.submitted).toBe(r.quota);
    expect(r.votesCounted).toBe(r.voters);
  }, 180_000);
});

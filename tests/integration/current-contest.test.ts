/**
 * The per-process copy of a contest that the public pages and the votes share (current-contest.ts): kept while the
 * contest is unchanged, read again after any write to it, whoever makes it, and shared by both paths.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contestHead, currentContest } from '../../server/services/contests/current-contest.ts';
import { currentVotingContest } from '../../server/services/voting/voting-contest.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t?.close();
});

describe('currentContest', () => {
  it('keeps one copy while nothing changed, and reads again after a write to the contest', async () => {
    const first = await currentContest(t.deps.db, t.demoSlug);
    expect(first?.loaded.slug).toBe(t.demoSlug);
    expect(await currentContest(t.deps.db, t.demoSlug)).toBe(first);

    // A write made outside the services (a script, another process) raises the version all the same.
    await t.deps.db.updateTable('contests').set({ theme: 'Chủ đề mới' }).where('slug', '=', t.demoSlug).execute();
    const second = await currentContest(t.deps.db, t.demoSlug);
    expect(second).not.toBe(first);
    expect(second!.version).toBeGreaterThan(first!.version);
    expect(second!.loaded.settings.theme).toBe('Chủ đề mới');
  });

  it('is read once by concurrent callers of the same version', async () => {
    await t.deps.db.updateTable('contests').set({ theme: 'Lần nữa' }).where('slug', '=', t.demoSlug).execute();
    const all = await Promise.all(Array.from({ length: 8 }, () => currentContest(t.deps.db, t.demoSlug)));
    expect(new Set(all).size).toBe(1);
  });

  it('answers null for a contest that does not exist', async () => {
    expect(await currentContest(t.deps.db, 'khong-co')).toBeNull();
    expect(await contestHead(t.deps.db, 'khong-co')).toBeUndefined();
  });

  it('serves the votes from the same copy, and their view changes with it', async () => {
    const current = await currentContest(t.deps.db, t.demoSlug);
    const voting = await currentVotingContest(t.deps, t.demoSlug);
    expect(voting.contest).toBe(current!.loaded);
    expect(await currentVotingContest(t.deps, t.demoSlug)).toBe(voting);
    await t.deps.db.updateTable('contests').set({ theme: 'Đổi' }).where('slug', '=', t.demoSlug).execute();
    expect(await currentVotingContest(t.deps, t.demoSlug)).not.toBe(voting);
    await expect(currentVotingContest(t.deps, 'khong-co')).rejects.toMatchObject({ code: 'contest.notFound' });
  });
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { confirmVoterCode } from '../../server/services/voting/confirm-voter-code.ts';
import { setVotingWindow, smsCodes, solvedChallenge, verifyPhone } from '../helpers/voting.ts';
import { approvedEntry } from '../helpers/entries.ts';
import { publishEntries } from '../../server/services/publication/publish-entries.ts';
import { unpublishEntry } from '../../server/services/publication/unpublish-entry.ts';
import { verifyVoteLog } from '@core/voting/vote-log.ts';
import { sha256Hex } from '../../server/security/tokens.ts';

let t: TestApp;
let organizer: Client;
let slug: string;

beforeAll(async () => {
  t = await startTestApp({ env: { ALTCHA_COMPLEXITY: '200' } });
  slug = t.demoSlug;
  organizer = await loggedInClient(t, t.admin.email, t.admin.password);
});
afterAll(async () => {
  await t?.close();
});

describe('voting settings', () => {
  const url = () => `/api/contests/${slug}/voting/settings`;

  it('start as the defaults: one vote per verified person per day, live tallies', async () => {
    // Set-up: a contest that never saved its voting settings (the demo stores the plan's choice, the same values).
    await t.deps.db.updateTable('contests').set({ voting_json: null }).where('slug', '=', slug).execute();
    const res = await organizer.get(url());
    expect(res.statusCode).toBe(200);
    const v = res.json();
    expect(v.isDefault).toBe(true);
    expect(v.settings.rule).toEqual({ kind: 'per_person_per_day' });
    expect(v.settings.tallies).toBe('live');
    expect(v.settings.prizeSource).toEqual({ show: 'both', deciding: 'fanpage' });
  });

  it('are changed by the organizer, audited, and kept when the contest is saved without them', async () => {
    const res = await organizer.put(url(), {
      rule: { kind: 'per_entry_per_day' },
      tallies: 'at_end',
      prizeSource: { show: 'platform' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().changed.sort()).toEqual(['prizeSource', 'rule', 'tallies']);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details_json'])
      .where('action', '=', 'voting.settings')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details_json).changed.sort()).toEqual(['prizeSource', 'rule', 'tallies']);

    // The contest form does not send `voting`: saving it keeps the voting settings.
    const c = (await organizer.get(`/api/contests/${slug}`)).json();
    const { name, theme, topics, rulesMarkdown, timeZone, entryRules, prizes, rubric, maxEntriesPerPerson } = c;
    const phases = c.phases;
    const unitCategories = c.unitCategories.map(({ id: _id, ...u }: { id: number }) => u);
    const saved = await organizer.put(`/api/contests/${slug}`, {
      ...{ name, theme, topics, rulesMarkdown, timeZone, entryRules, prizes, rubric, maxEntriesPerPerson },
      phases,
      unitCategories,
    });
    expect(saved.statusCode).toBe(200);
    const after = (await organizer.get(url())).json();
    expect(after.isDefault).toBe(false);
    expect(after.settings.rule).toEqual({ kind: 'per_entry_per_day' });
    expect(after.settings.tallies).toBe('at_end');
  });

  it('refuse a wrong field with its rule named, in Vietnamese and English', async () => {
    const res = await organizer.put(url(), {
      prizeSource: { show: 'both' },
      fanpageFormula: { reactions: 0, shares: 0 },
    });
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.details.issues.map((i: { path: string }) => i.path);
    expect(issues).toContain('prizeSource.deciding');
    const formula = res.json().error.details.issues.find((i: { path: string }) => i.path === 'fanpageFormula');
    expect(formula.message).toContain('ít nhất một hệ số');
    organizer.lang = 'en';
    const en = await organizer.put(url(), { fanpageFormula: { reactions: 0, shares: 0 } });
    organizer.lang = 'vi';
    expect(en.json().error.details.issues[0].message).toContain('at least one weight');
  });

  it('lock the rule and the ways of verifying once voting has started', async () => {
    const { startsAt } = await setVotingWindow(t, slug, { openForMs: 0 });
    t.setNow(new Date(Date.parse(startsAt) + 1000));
    try {
      const locked = await organizer.put(url(), { rule: { kind: 'per_person_per_day' }, tallies: 'at_end' });
      expect(locked.statusCode).toBe(409);
      expect(locked.json().error.code).toBe('voting.settingsLocked');
      expect(locked.json().error.message).toContain('quy tắc bình chọn');
      expect((await organizer.get(url())).json().lockedFields).toEqual(['rule', 'identities', 'residentListOnly']);
      // Other fields may still change, and resending the same rule is fine.
      const ok = await organizer.put(url(), {
        rule: { kind: 'per_entry_per_day' },
        tallies: 'live',
        prizeSource: { show: 'platform' },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().changed).toEqual(['tallies']);
    } finally {
      t.setNow(null);
    }
  });

  it('are read by voting staff only and changed by the organizer only', async () => {
    for (const role of ['secretariat', 'secretary', 'publisher'] as const) {
      const u = await makeUser(t, { role });
      const c = await loggedInClient(t, u.email, u.password);
      expect((await c.get(url())).statusCode).toBe(200);
      const put = await c.put(url(), {});
      expect(put.statusCode).toBe(403);
      expect(put.json().error.code).toBe('auth.forbidden');
    }
    const juror = await makeUser(t, { role: 'juror' });
    expect((await (await loggedInClient(t, juror.email, juror.password)).get(url())).statusCode).toBe(403);
    expect((await new Client(t.app).get(url())).statusCode).toBe(401);
  });
});

describe('verified voters', () => {
  const codesUrl = () => `/api/contests/${slug}/voting/codes`;
  const confirmUrl = () => `/api/contests/${slug}/voting/codes/confirm`;
  let n = 0;
  /** A fresh valid mobile number (Viettel 097…) for each test. */
  const phone = () => `0971${String(100000 + ++n).padStart(6, '0')}`;
  const e164 = (local: string) => `+84${local.slice(1)}`;
  const ask = async (c: Client, value: string, kind: 'phone' | 'email' = 'phone') =>
    c.post(codesUrl(), { kind, value, altcha: await solvedChallenge(c) });

  beforeAll(async () => {
    // Back to the defaults, before the window opens (the rule is locked once it has).
    await setVotingWindow(t, slug, { openForMs: -3_600_000 });
    expect((await organizer.put(`/api/contests/${slug}/voting/settings`, {})).statusCode).toBe(200);
    await setVotingWindow(t, slug);
  });

  it('verify a number by text message, keeping only a keyed hash and the last digits', async () => {
    const c = new Client(t.app);
    const number = phone();
    const sent = await ask(c, number.replace(/(\d{4})(\d{3})(\d{3})/, '$1 $2 $3'));
    expect(sent.statusCode).toBe(200);
    expect(sent.json().display).toBe(`•••• •• ${number.slice(-4)}`);
    expect(sent.body).not.toContain(number.slice(1));
    const [code] = smsCodes(t, e164(number));
    expect(code).toMatch(/^\d{6}$/);
    expect((await c.get(`/api/contests/${slug}/voting/me`)).json().voter).toBeNull();
    const ok = await c.post(confirmUrl(), { code });
    expect(ok.statusCode).toBe(200);
    const me = (await c.get(`/api/contests/${slug}/voting/me`)).json();
    expect(me).toMatchObject({ open: true, voter: { kind: 'phone', display: `•••• •• ${number.slice(-4)}` } });
    const stored = JSON.stringify([
      await t.deps.db.selectFrom('code_requests').selectAll().execute(),
      await t.deps.db.selectFrom('voters').selectAll().execute(),
    ]);
    expect(stored).not.toContain(number.slice(1));
  });

  it('verify an e-mail address with the code sent by mail', async () => {
    const c = new Client(t.app);
    const sent = await ask(c, 'Nguyen.Van.A+binhchon@gmail.com', 'email');
    expect(sent.statusCode).toBe(200);
    const mail = t.sentMail.at(-1)!;
    expect(mail.to).toBe('nguyenvana@gmail.com');
    const code = /\b(\d{6})\b/.exec(mail.text)![1];
    expect((await c.post(confirmUrl(), { code })).statusCode).toBe(200);
    expect(JSON.stringify(await t.deps.db.selectFrom('voters').selectAll().execute())).not.toContain('nguyenvana');
  });

  it('refuse foreign, premium and landline numbers and disposable mailboxes, sending nothing', async () => {
    const c = new Client(t.app);
    const before = smsCodes(t, '+12025550123').length;
    for (const [value, code] of [
      ['+1 202 555 0123', 'phone.foreign'],
      ['1900 1234', 'phone.service'],
      ['024 3825 1234', 'phone.landline'],
    ] as const) {
      const res = await ask(c, value);
      expect(res.statusCode, value).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
    expect(smsCodes(t, '+12025550123').length).toBe(before);
    const disposable = await ask(c, 'someone@mailinator.com', 'email');
    expect(disposable.json().error.code).toBe('email.disposable');
  });

  it('need a fresh solved challenge for each code', async () => {
    const c = new Client(t.app);
    const none = await c.post(codesUrl(), { kind: 'phone', value: phone() });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('vote.challengeRequired');
    const altcha = await solvedChallenge(c);
    expect((await c.post(codesUrl(), { kind: 'phone', value: phone(), altcha })).statusCode).toBe(200);
    const replay = await c.post(codesUrl(), { kind: 'phone', value: phone(), altcha });
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error.code).toBe('vote.challengeReplayed');
    expect(replay.json().error.message).toContain('đã được dùng');
  });

  it('expire a code after 10 minutes and accept each code once', async () => {
    const c = new Client(t.app);
    const number = phone();
    await ask(c, number);
    const code = smsCodes(t, e164(number)).at(-1)!;
    t.setNow(new Date(Date.now() + 10 * 60_000 + 1000));
    try {
      const late = await c.post(confirmUrl(), { code });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe('code.expired');
    } finally {
      t.setNow(null);
    }
    // Reuse: the same request and device presenting the same code twice.
    const c2 = new Client(t.app);
    const number2 = phone();
    await ask(c2, number2);
    const code2 = smsCodes(t, e164(number2)).at(-1)!;
    const input = { requestId: c2.cookie('vreq'), deviceId: c2.cookie('vdev'), code: code2 };
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => confirmVoterCode(t.deps, slug, input)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected'))
      expect(r.reason.code).toBe('code.used');
  });

  it('bind a code to the browser that asked for it, and only the latest code works', async () => {
    const c = new Client(t.app);
    const number = phone();
    await ask(c, number);
    const first = smsCodes(t, e164(number)).at(-1)!;
    const other = new Client(t.app);
    const elsewhere = await other.post(confirmUrl(), { code: first });
    expect(elsewhere.json().error.code).toBe('code.otherRequest');
    // A second browser asks for the same number after the cool-down: the first code no longer works.
    t.setNow(new Date(Date.now() + 61_000));
    try {
      await ask(other, number);
      const stale = await c.post(confirmUrl(), { code: first });
      expect(stale.json().error.code).toBe('code.otherRequest');
      const latest = smsCodes(t, e164(number)).at(-1)!;
      expect((await other.post(confirmUrl(), { code: latest })).statusCode).toBe(200);
    } finally {
      t.setNow(null);
    }
  });

  it('lock out a device after repeated wrong codes, longer each time', async () => {
    const c = new Client(t.app);
    const number = phone();
    await ask(c, number);
    const code = smsCodes(t, e164(number)).at(-1)!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 4; i >= 1; i--) {
      const res = await c.post(confirmUrl(), { code: wrong });
      expect(res.json().error.code).toBe('code.wrong');
      expect(res.json().error.message).toContain(`còn ${i} lần`);
    }
    const locked = await c.post(confirmUrl(), { code: wrong });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('code.locked');
    expect(locked.json().error.message).toContain('(giờ Việt Nam)');
    // Even the right code waits for the lock-out to end; then a new code is needed (this one is spent).
    expect((await c.post(confirmUrl(), { code })).json().error.code).toBe('code.locked');
    const after5 = Date.now() + 5 * 60_000 + 1000;
    t.setNow(new Date(after5));
    try {
      expect((await c.post(confirmUrl(), { code })).json().error.code).toBe('code.spent');
      await ask(c, number);
      const fresh = smsCodes(t, e164(number)).at(-1)!;
      // Past five failures, each further wrong code locks again at once (the lock grows with the count).
      const again = await c.post(confirmUrl(), { code: fresh === '000000' ? '111111' : '000000' });
      expect(again.json().error.code).toBe('code.locked');
      t.setNow(new Date(after5 + 4 * 60_000));
      expect((await c.post(confirmUrl(), { code: fresh })).json().error.code).toBe('code.locked');
      t.setNow(new Date(after5 + 5 * 60_000 + 1000));
      expect((await c.post(confirmUrl(), { code: fresh })).statusCode).toBe(200);
      // A success clears the failures of the number on this device.
      expect(await t.deps.db.selectFrom('code_failures').selectAll().execute()).toHaveLength(0);
    } finally {
      t.setNow(null);
    }
  });

  it('limit codes per number: a cool-down, then 3 an hour', async () => {
    const c = new Client(t.app);
    const number = phone();
    expect((await ask(c, number)).statusCode).toBe(200);
    const soon = await ask(c, number);
    expect(soon.statusCode).toBe(429);
    expect(soon.json().error.code).toBe('send.cooldown');
    expect(soon.json().error.details.retryAfterSec).toBeGreaterThan(0);
    const start = Date.now();
    try {
      for (const k of [1, 2]) {
        t.setNow(new Date(start + k * 61_000));
        expect((await ask(c, number)).statusCode).toBe(200);
      }
      t.setNow(new Date(start + 3 * 61_000));
      const fourth = await ask(c, number);
      expect(fourth.statusCode).toBe(429);
      expect(fourth.json().error.code).toBe('send.identityLimit');
      expect(fourth.json().error.message).toContain(`•••• •• ${number.slice(-4)}`);
    } finally {
      t.setNow(null);
    }
    expect(smsCodes(t, e164(number))).toHaveLength(3);
  });

  it('limit unconfirmed codes per address and per /24, not other networks', async () => {
    const c = new Client(t.app);
    c.remoteAddress = '10.20.30.40';
    for (let i = 0; i < 10; i++) expect((await ask(c, phone())).statusCode).toBe(200);
    const refused = await ask(c, phone());
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('send.addressLimit');
    // Other addresses of the same /24 share its limit of 30 unconfirmed an hour.
    for (let host = 41; host < 61; host++) {
      c.remoteAddress = `10.20.30.${host}`;
      expect((await ask(c, phone())).statusCode).toBe(200);
    }
    c.remoteAddress = '10.20.30.99';
    expect((await ask(c, phone())).json().error.code).toBe('send.networkLimit');
    c.remoteAddress = '10.20.31.1';
    expect((await ask(c, phone())).statusCode).toBe(200);
  });

  it('send no code outside the voting window', async () => {
    await setVotingWindow(t, slug, { openForMs: -3_600_000 });
    try {
      const res = await ask(new Client(t.app), phone());
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('vote.notOpen');
      expect(res.json().error.message).toContain('(giờ Việt Nam)');
    } finally {
      await setVotingWindow(t, slug);
    }
  });
});

describe('casting votes', () => {
  const admin = () => ({ userId: t.admin.userId, isSiteAdmin: true, ip: null });
  let published: number[];
  let unpublished: number;
  let withdrawn: number;
  let k = 0;
  const phone = () => `0352${String(100000 + ++k).padStart(6, '0')}`;
  const voteUrl = (entryId: number) => `/api/contests/${slug}/entries/${entryId}/votes`;
  const vote = async (c: Client, entryId: number) => c.post(voteUrl(entryId), { altcha: await solvedChallenge(c) });
  const voter = async (address = `10.50.${k % 250}.${(k % 200) + 1}`) => {
    const c = new Client(t.app);
    c.remoteAddress = address;
    await verifyPhone(t, c, slug, phone());
    return c;
  };

  beforeAll(async () => {
    // Back to the defaults, before the window opens (the rule is locked once it has).
    await setVotingWindow(t, slug, { openForMs: -3_600_000 });
    expect((await organizer.put(`/api/contests/${slug}/voting/settings`, {})).statusCode).toBe(200);
    await setVotingWindow(t, slug);
    const entrant = await makeUser(t, { role: 'entrant' });
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await approvedEntry(t, entrant, { draft: { title: `Bình chọn ${i}` } }));
    await publishEntries(t.deps, admin(), slug, { entryIds: ids.slice(0, 3) });
    await unpublishEntry(t.deps, admin(), slug, ids[2]!, 'Tác phẩm vi phạm bản quyền âm nhạc');
    published = ids.slice(0, 2);
    withdrawn = ids[2]!;
    unpublished = ids[3]!;
  });

  it('count one vote and tell the voter when the next one opens, then refuse a second the same day', async () => {
    const c = await voter();
    const res = await vote(c, published[0]!);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('counted');
    expect(body.message.vi).toContain('00:00');
    expect(body.message.vi).toContain('(giờ Việt Nam)');
    const again = await vote(c, published[1]!);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('vote.alreadyToday');
    expect(again.json().error.message).toMatch(
      /^Bạn đã bình chọn hôm nay\. .*mở lúc 00:00 ngày .* \(giờ Việt Nam\)\.$/,
    );
    c.lang = 'en';
    const en = await vote(c, published[1]!);
    expect(en.json().error.message).toContain('You have voted today');
    expect(en.json().error.message).toContain('00:00 on');
  });

  it('let exactly one of 64 concurrent votes by one voter through', async () => {
    const c = await voter();
    const payloads = await Promise.all(Array.from({ length: 64 }, () => solvedChallenge(c)));
    const before = await t.deps.db.selectFrom('votes').select('id').execute();
    const results = await Promise.all(payloads.map((altcha, i) => c.post(voteUrl(published[i % 2]!), { altcha })));
    const ok = results.filter((r) => r.statusCode === 200);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 200)) {
      expect(r.statusCode).toBe(409);
      expect(r.json().error.code).toBe('vote.alreadyToday');
    }
    const after = await t.deps.db.selectFrom('votes').select('id').execute();
    expect(after.length - before.length).toBe(1);
  });

  it('refuse votes without verification, for entries not in the gallery, and with a replayed challenge', async () => {
    const anonymous = new Client(t.app);
    const unverified = await vote(anonymous, published[0]!);
    expect(unverified.statusCode).toBe(401);
    expect(unverified.json().error.code).toBe('vote.verifyFirst');

    const c = await voter();
    const notPublished = await vote(c, unpublished);
    expect(notPublished.json().error.code).toBe('vote.entryNotPublished');
    const gone = await vote(c, withdrawn);
    expect(gone.json().error.code).toBe('vote.entryWithdrawn');
    expect(gone.json().error.message).toContain('chưa bị dùng');
    expect((await c.post(voteUrl(published[0]!), {})).json().error.code).toBe('vote.challengeRequired');

    const altcha = await solvedChallenge(c);
    expect((await c.post(voteUrl(published[0]!), { altcha })).statusCode).toBe(200);
    const other = await voter();
    const replay = await other.post(voteUrl(published[0]!), { altcha });
    expect(replay.statusCode).toBe(409);
    expect(replay.json().error.code).toBe('vote.challengeReplayed');
    // The refused attempts used no turn: the other voter still votes.
    expect((await vote(other, published[0]!)).statusCode).toBe(200);
  });

  it('take votes only inside the window', async () => {
    const c = await voter();
    await setVotingWindow(t, slug, { openForMs: 2 * 3_600_000, lengthMs: 3_600_000 });
    try {
      const late = await vote(c, published[0]!);
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe('vote.closed');
      await setVotingWindow(t, slug, { openForMs: -3_600_000 });
      expect((await vote(c, published[0]!)).json().error.code).toBe('vote.notOpen');
    } finally {
      await setVotingWindow(t, slug);
    }
  });

  it('quarantine the votes of a device used by many identities, with the reason, in a log that verifies', async () => {
    const device = new Client(t.app);
    device.remoteAddress = '10.60.0.1';
    const statuses: string[] = [];
    for (let i = 0; i < 4; i++) {
      await verifyPhone(t, device, slug, phone());
      statuses.push((await vote(device, published[i % 2]!)).json().status);
    }
    expect(statuses).toEqual(['counted', 'counted', 'counted', 'quarantined']);
    const head = await t.deps.db.selectFrom('vote_log_heads').selectAll().executeTakeFirstOrThrow();
    const lines = await t.deps.db.selectFrom('vote_log').select('line').orderBy('seq').execute();
    const verdict = verifyVoteLog([head.header_line, ...lines.map((l) => l.line)].join('\n') + '\n', sha256Hex);
    expect(verdict.failure).toBeUndefined();
    expect(verdict.ok).toBe(true);
    const quarantined = await t.deps.db
      .selectFrom('votes')
      .select(['status', 'reasons_json'])
      .where('status', '=', 'quarantined')
      .execute();
    expect(quarantined).toHaveLength(4);
    for (const q of quarantined) expect(JSON.parse(q.reasons_json)).toContain('device_shared');
    const counted = [...verdict.tally.values()].reduce((n, x) => n + x.counted, 0);
    const countedRows = await t.deps.db.selectFrom('votes').select('id').where('status', '=', 'counted').execute();
    expect(counted).toBe(countedRows.length);
  });

  it('keep many honest voters behind one carrier address counted', async () => {
    const statuses: string[] = [];
    for (let i = 0; i < 12; i++) {
      const c = await voter('10.70.0.1');
      statuses.push((await vote(c, published[i % 2]!)).json().status);
    }
    expect(statuses.every((s) => s === 'counted')).toBe(true);
  });

  it('publish results with counted, quarantined and invalidated per entry, and the reasons in words', async () => {
    const res = await new Client(t.app).get(`/api/contests/${slug}/voting/results`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.visible).toBe(true);
    const rows = await t.deps.db.selectFrom('votes').select(['entry_id', 'status']).execute();
    for (const e of r.entries) {
      expect(e.counted).toBe(rows.filter((x) => x.entry_id === e.entryId && x.status === 'counted').length);
      expect(e.quarantined).toBe(rows.filter((x) => x.entry_id === e.entryId && x.status === 'quarantined').length);
    }
    expect(r.entries.map((e: { entryId: number }) => e.entryId)).not.toContain(unpublished);
    const shared = r.reasons.find((x: { code: string }) => x.code === 'device_shared');
    expect(shared).toMatchObject({ status: 'quarantined', count: 4 });
    expect(shared.vi.length).toBeGreaterThan(10);
    expect(r.mostVoted.kind).toBe('decided');
    expect(r.mostVoted.winners).toEqual([r.entries[0].code]);
    expect(JSON.stringify(r)).not.toMatch(/\+84|0352\d{6}|10\.\d+\.\d+\.\d+/);
  });

  it('hold tallies and the log back until the end when the settings say so', async () => {
    const at = await organizer.put(`/api/contests/${slug}/voting/settings`, { tallies: 'at_end' });
    expect(at.statusCode).toBe(200);
    try {
      const r = (await new Client(t.app).get(`/api/contests/${slug}/voting/results`)).json();
      expect(r).toMatchObject({ visible: false, entries: [], totals: { counted: 0 } });
      expect(r.visibleFrom).toBeTruthy();
      const log = await new Client(t.app).get(`/api/contests/${slug}/voting/log`);
      expect(log.statusCode).toBe(409);
      expect(log.json().error.code).toBe('voting.resultsAtEnd');
      expect(log.json().error.message).toContain('(giờ Việt Nam)');
    } finally {
      await organizer.put(`/api/contests/${slug}/voting/settings`, { tallies: 'live' });
    }
  });

  it('let anyone download the log and check it with npm run votes:verify, which catches a changed line', async () => {
    const res = await new Client(t.app).get(`/api/contests/${slug}/voting/log`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).not.toMatch(/\+84|10\.\d+\.\d+\.\d+/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'votes-'));
    try {
      const file = path.join(dir, 'votes.log');
      fs.writeFileSync(file, res.body);
      const run = (f: string) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'server/votes-verify-cli.ts', f], { encoding: 'utf8' });
      const ok = run(file);
      expect(ok.stderr).toBe('');
      expect(ok.status).toBe(0);
      const counted = await t.deps.db.selectFrom('votes').select('id').where('status', '=', 'counted').execute();
      const printed = ok.stdout
        .split('\n')
        .filter((l) => /^[^\t]+\t\d+\t\d+\t\d+$/.test(l))
        .reduce((n, l) => n + Number(l.split('\t')[1]), 0);
      expect(printed).toBe(counted.length);
      expect(ok.stdout).toContain('device_shared');
      // Moving one vote to another entry breaks the chain.
      const lines = res.body.split('\n');
      const i = lines.findIndex((l) => l.includes('\tcast\t'));
      const fields = lines[i]!.split('\t');
      fields[4] = fields[4] === 'X' ? 'Y' : 'X';
      lines[i] = fields.join('\t');
      fs.writeFileSync(file, lines.join('\n'));
      const bad = run(file);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain('KHÔNG hợp lệ');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('let the secretariat count or invalidate quarantined votes in audited batches, logged', async () => {
    const url = `/api/contests/${slug}/voting/quarantine`;
    const secretariat = await makeUser(t, { role: 'secretariat' });
    const staff = await loggedInClient(t, secretariat.email, secretariat.password);
    const list = (await staff.get(url)).json();
    expect(list).toHaveLength(4);
    expect(list[0].reasons[0]).toMatchObject({ code: 'device_shared' });
    expect(JSON.stringify(list)).not.toMatch(/10\.60\.0\.1|\+84/);
    const [a, b, c, d] = list.map((x: { id: number }) => x.id);

    const counted = await staff.post(`${url}/decisions`, { voteIds: [a, b], decision: { to: 'counted' } });
    expect(counted.json()).toEqual({ changed: 2 });
    const noNote = await staff.post(`${url}/decisions`, {
      voteIds: [c, d],
      decision: { to: 'invalidated', reason: 'staff_same_person' },
      note: 'ngắn',
    });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.code).toBe('quarantine.reasonRequired');
    const stale = await staff.post(`${url}/decisions`, { voteIds: [a, c], decision: { to: 'counted' } });
    expect(stale.json().error.code).toBe('quarantine.notAllowed');
    const invalidated = await staff.post(`${url}/decisions`, {
      voteIds: [c, d],
      decision: { to: 'invalidated', reason: 'staff_same_person' },
      note: 'Một người dùng bốn số điện thoại trên cùng máy',
    });
    expect(invalidated.json()).toEqual({ changed: 2 });
    expect((await staff.get(url)).json()).toHaveLength(0);

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details_json')
      .where('action', '=', 'votes.decide')
      .execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1]!.details_json)).toMatchObject({ to: 'invalidated', reason: 'staff_same_person' });

    const results = (await new Client(t.app).get(`/api/contests/${slug}/voting/results`)).json();
    expect(results.totals.invalidated).toBe(2);
    expect(results.reasons).toContainEqual(
      expect.objectContaining({ status: 'invalidated', code: 'staff_same_person' }),
    );
    const log = (await new Client(t.app).get(`/api/contests/${slug}/voting/log`)).body;
    const verdict = verifyVoteLog(log, sha256Hex);
    expect(verdict.ok).toBe(true);
    expect([...verdict.tally.values()].reduce((n, x) => n + x.invalidated, 0)).toBe(2);

    for (const role of ['publisher', 'juror', 'secretary'] as const) {
      const u = await makeUser(t, { role });
      const other = await loggedInClient(t, u.email, u.password);
      expect((await other.get(url)).statusCode).toBe(403);
      expect((await other.post(`${url}/decisions`, { voteIds: [a], decision: { to: 'counted' } })).statusCode).toBe(
        403,
      );
    }
  });
});

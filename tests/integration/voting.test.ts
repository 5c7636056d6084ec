import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, loggedInClient, makeUser, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { setVotingWindow } from '../helpers/voting.ts';

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

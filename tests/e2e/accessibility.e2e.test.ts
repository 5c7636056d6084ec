/**
 * Accessibility of every screen: axe-core (WCAG 2.1 A and AA) on each public, entrant and staff screen at 360 px and
 * 1280 px, with real data on them (a draft, a submitted entry with its receipt, a published entry). One browser, one
 * server; one test per group of screens and width, each listing every violation of its screens before it fails.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_LICENCE } from '@core/licence.ts';
import { saveEntryDraft } from '../../server/services/entries/save-entry-draft.ts';
import { submitEntry } from '../../server/services/entries/submit-entry.ts';
import { publishEntries } from '../../server/services/publication/publish-entries.ts';
import { approvedEntry, attachAcceptedFile, completeDraft } from '../helpers/entries.ts';
import { makeUser } from '../helpers/test-app.ts';
import { describeViolations, seriousViolations } from './axe.ts';
import { e2eApp, logInAs } from './browser.ts';
import { TABS } from '../../web/src/features/manage/tabs.ts';

const suite = e2eApp();
const WIDTHS = [360, 1280] as const;

/** The screen is drawn: its heading is there and nothing is loading. */
async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.waitForFunction(
    () =>
      document.querySelectorAll('.ant-spin-spinning, .ant-skeleton-active, [aria-busy="true"]').length === 0 &&
      !document.body.innerText.includes('Đang tải…'),
  );
}

type Group = 'public' | 'entrant' | 'staff';

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  let screens: Record<Group, [string, string][]>;
  let entrant: { email: string; password: string };

  beforeAll(async () => {
    const { t } = suite;
    const slug = t.demoSlug;
    const user = await makeUser(t, { role: 'entrant' });
    entrant = user;
    const actor = { userId: user.id, isSiteAdmin: false, ip: null };
    const draft = await saveEntryDraft(t.deps, actor, slug, completeDraft({ kind: 'person' }, { title: 'Bản nháp' }));
    const sent = await saveEntryDraft(t.deps, actor, slug, completeDraft({ kind: 'person' }, { title: 'Đã gửi' }));
    await attachAcceptedFile(t, sent.id);
    await submitEntry(t.deps, actor, sent.id);
    const published = await approvedEntry(t, user, { draft: { title: 'Cầu Hiền Lương' } });
    await publishEntries(t.deps, { userId: t.admin.userId, isSiteAdmin: true, ip: null }, slug, {
      entryIds: [published],
    });
    screens = {
      public: [
        ['home', '/'],
        ['contest', `/c/${slug}`],
        ['gallery', `/c/${slug}/gallery`],
        ['public entry', `/c/${slug}/e/${published}`],
        ['login', '/login'],
        ['register', '/register'],
        ['forgot password', '/forgot-password'],
        ['not found', '/khong-co-trang-nay'],
      ],
      entrant: [
        ['my entries', '/entries'],
        ['start an entry', `/c/${slug}/submit`],
        ['draft', `/entries/${draft.id}`],
        ['submitted entry', `/entries/${sent.id}`],
        ['receipt', `/entries/${sent.id}/receipt`],
        ['account', '/account'],
        ['notifications', '/notifications'],
      ],
      staff: TABS.map((tab) => [`staff ${tab.key}`, `/manage/${slug}/${tab.key}`]),
    };
  });

  // One test per group and width, each with its own time: on a loaded CI machine the 68 screens in one test ran past
  // its two minutes. Every violation of a group's screens is listed before its test fails.
  for (const width of WIDTHS)
    for (const who of ['public', 'entrant', 'staff'] as const)
      it(`has no serious or critical violation on the ${who} screens at ${width} px`, async () => {
        const { t, base } = suite;
        const list = screens[who];
        const failures: string[] = [];
        let checked = 0;
        const page = await suite.newPage({ width, height: 800 });
        try {
          if (who === 'entrant') await logInAs(page, base, entrant.email, entrant.password);
          if (who === 'staff') await logInAs(page, base, t.admin.email, t.admin.password);
          for (const [name, path] of list) {
            await page.goto(`${base}${path}`);
            await settled(page);
            if (name === 'draft')
              expect(await page.getByTestId('usage-licence').textContent()).toContain(CURRENT_LICENCE.vi);
            if (name === 'receipt')
              expect(await page.getByTestId('receipt-licence').textContent()).toContain(CURRENT_LICENCE.vi);
            const violations = await seriousViolations(page);
            checked++;
            if (violations.length) failures.push(`${name} at ${width} px:\n${describeViolations(violations)}`);
          }
        } finally {
          await page.context().close();
        }
        expect(checked).toBe(list.length);
        expect(failures.join('\n\n')).toBe('');
      });
});

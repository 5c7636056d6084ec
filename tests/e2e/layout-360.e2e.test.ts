/**
 * A 360 px phone in Chromium: the public header takes at most two rows, every tap target of the public and entrant
 * screens is at least 44 × 44 px (links inside a sentence excepted), and nothing on the staff screens is wider than
 * the screen: the menu is a drawer and wide tables scroll inside their card.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeUser } from '../helpers/test-app.ts';
import { e2eApp, logInAs } from './browser.ts';

const app = e2eApp();
const PHONE = { width: 360, height: 780 };

/** Controls smaller than 44 × 44 px, by what they say; a link inside a sentence is not a target of its own. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>(
      'a[href], button, input:not([type="hidden"]), select, textarea, [role="button"], summary',
    );
    const out: string[] = [];
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      if (box.width <= 1 && box.height <= 1) continue; // not shown, or visually hidden
      if (getComputedStyle(el).visibility === 'hidden') continue;
      if (el.closest('.skip-link')) continue;
      // A checkbox or radio is tapped through its label, which must be large enough instead.
      let target: Element = el;
      if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio'))
        target = el.closest('label') ?? el.parentElement ?? el;
      if (el.tagName === 'A') {
        const parent = el.parentElement!;
        const inSentence = [...parent.childNodes].some(
          (n) => n !== el && n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim().length > 1,
        );
        if (inSentence && getComputedStyle(el).display === 'inline') continue;
      }
      const r = target.getBoundingClientRect();
      if (r.height < 43.5 || r.width < 43.5) {
        const name = (el.textContent || el.getAttribute('aria-label') || (el as HTMLInputElement).name || '').trim();
        out.push(`${el.tagName.toLowerCase()} "${name.slice(0, 40)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return out;
  });
}

/** Distinct rows of the header's items (brand, each link, the language switch). */
async function headerRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const items = document.querySelectorAll(
      '.site-header .brand, .site-header .site-nav > *, .site-header .lang-switch',
    );
    const tops = new Set<number>();
    for (const el of items) {
      const r = el.getBoundingClientRect();
      if (r.height > 0) tops.add(Math.round(r.top + r.height / 2));
    }
    // Items whose middles are within 12 px of each other sit on one row.
    const sorted = [...tops].sort((a, b) => a - b);
    return sorted.filter((v, i) => i === 0 || v - sorted[i - 1]! > 12).length;
  });
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** The organizer on a phone, on the contest's settings, the menu button shown. */
async function staffOnPhone(): Promise<Page> {
  const { base, t } = app;
  const page = await app.newPage(PHONE);
  await logInAs(page, base, t.admin.email, t.admin.password);
  await page.goto(`${base}/manage/${t.demoSlug}/settings`);
  await page.getByTestId('manage-menu-button').waitFor();
  return page;
}

describe('a 360 px phone', () => {
  it('shows the public and entrant screens with a two-row header and tap targets of 44 px', async () => {
    const { base, t } = app;
    const user = await makeUser(t, { role: 'entrant', fullName: 'Phạm Thị Lan' });
    const page = await app.newPage(PHONE);
    const anonymous = [`/c/${t.demoSlug}`, `/c/${t.demoSlug}/gallery`, '/login', '/register', '/forgot-password'];
    const problems: Record<string, unknown> = {};
    const check = async (url: string) => {
      await page.goto(`${base}${url}`);
      await page.locator('main h1').first().waitFor();
      const found = { rows: await headerRows(page), width: await overflow(page), small: await smallTargets(page) };
      if (found.rows > 2 || found.width > 360 || found.small.length) problems[url] = found;
    };
    for (const url of anonymous) await check(url);
    await logInAs(page, base, user.email, user.password);
    await page.goto(`${base}/c/${t.demoSlug}/submit`);
    await page.getByLabel('Tên tác phẩm').fill('Bản tin một cửa');
    await page.getByTestId('start-submit').click();
    await page.waitForURL(/\/entries\/\d+$/);
    const entryPath = new URL(page.url()).pathname;
    for (const url of [`/c/${t.demoSlug}`, `/c/${t.demoSlug}/gallery`, `/c/${t.demoSlug}/submit`, '/entries'])
      await check(url);
    await check(entryPath);
    await check('/notifications');
    await check('/account');
    expect(problems).toEqual({});

    // The gallery and the user's own entries, side by side in the header, are named with different words.
    await page.goto(`${base}/c/${t.demoSlug}`);
    for (const lang of ['vi', 'en']) {
      await page.getByTestId(`lang-${lang}`).click();
      await page.locator(`html[lang="${lang}"]`).waitFor();
      const words = async (id: string) =>
        new Set(((await page.getByTestId(id).textContent()) ?? '').toLowerCase().split(/\s+/).filter(Boolean));
      const gallery = await words('nav-gallery');
      const mine = await words('nav-entries');
      expect(
        [...gallery].filter((w) => mine.has(w) && w.length > 2),
        lang,
      ).toEqual([]);
    }
  });

  it('keeps every staff screen within the screen, with the menu in a drawer', async () => {
    const { base, t } = app;
    const page = await staffOnPhone();
    expect(await page.locator('.manage-sider').count()).toBe(0);
    const wide: Record<string, number> = {};
    for (const tab of [
      'settings',
      'entries',
      'review',
      'compliance',
      'publication',
      'reports',
      'news',
      'units',
      'roster',
      'roles',
      'storage',
      'audit',
    ]) {
      await page.getByTestId('manage-menu-button').click();
      const drawer = page.locator('.manage-drawer');
      await drawer.getByTestId(`tab-${tab}`).click();
      await page.waitForURL(`${base}/manage/${t.demoSlug}/${tab}`);
      // The router shows the screen once its code has loaded, after the address changed: until then the last one shows.
      await page
        .locator(`.manage-drawer .ant-menu-item-selected [data-testid="tab-${tab}"]`)
        .waitFor({ state: 'attached' });
      await page.locator('.manage-drawer.ant-drawer-open').waitFor({ state: 'detached' });
      await page.locator('.manage-drawer .ant-drawer-mask').waitFor({ state: 'hidden' });
      await page.locator('.manage-content').locator('h1, h2, .ant-table, .ant-card, form').first().waitFor();
      await page.waitForLoadState('networkidle');
      const width = await overflow(page);
      if (width > 360) wide[tab] = width;
    }
    expect(wide).toEqual({});
  });

  it('keeps the menu open when opened again while the chosen screen loads; a choice is one step back', async () => {
    const { base, t } = app;
    const page = await staffOnPhone();
    const steps = await page.evaluate(() => history.length);
    // A slow line: the screens' code is held until the menu has been opened again.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    await page.route(/\/assets\/.*\.js$/, async (route) => {
      held += 1;
      await released;
      await route.continue();
    });
    await page.getByTestId('manage-menu-button').click();
    const drawer = page.locator('.manage-drawer');
    await drawer.getByTestId('tab-audit').click();
    await page.waitForURL(`${base}/manage/${t.demoSlug}/audit`);
    await page.locator('.manage-drawer.ant-drawer-open').waitFor({ state: 'detached' });
    // The last screen stays meanwhile, with word that the chosen one is on its way.
    await page.getByTestId('manage-loading').getByText('Đang tải…').waitFor();
    await page.getByTestId('manage-menu-button').click();
    await page.locator('.manage-drawer.ant-drawer-open').waitFor();
    expect(held).toBeGreaterThan(0);
    release();
    await page
      .locator('.manage-drawer .ant-menu-item-selected [data-testid="tab-audit"]')
      .waitFor({ state: 'attached' });
    expect(await page.locator('.manage-drawer.ant-drawer-open').count()).toBe(1);
    await page.locator('[data-testid="manage-loading"]:empty').waitFor({ state: 'attached' });
    await page.unroute(/\/assets\/.*\.js$/);

    // The choice added one step to the history, and going back closes the menu on the way.
    expect(await page.evaluate(() => history.length)).toBe(steps + 1);
    await page.goBack();
    await page.waitForURL(`${base}/manage/${t.demoSlug}/settings`);
    await page.locator('.manage-drawer.ant-drawer-open').waitFor({ state: 'detached' });
  });
});

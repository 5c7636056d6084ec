import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ensureWebBuilt } from '../../server/web-build.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

/** Debian's Chromium; never a browser downloaded by Playwright. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

/**
 * Pages in fresh Vietnamese contexts (Asia/Ho_Chi_Minh), each recording uncaught page errors so that a test can
 * fail on them, and closed together at the end.
 */
export function pageFactory(getBrowser: () => Browser) {
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  return {
    pageErrors,
    async newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
      const ctx = await getBrowser().newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      contexts.push(ctx);
      const page = await ctx.newPage();
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (err) => pageErrors.push(err.message));
      return page;
    },
    async closeAll(): Promise<void> {
      for (const c of contexts) await c.close();
    },
  };
}

export const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim() ?? '';

/** Logs in through the form, as a person would, and waits for the account link. */
export async function logInAs(page: Page, base: string, identifier: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Thư điện tử hoặc số điện thoại').fill(identifier);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-account').waitFor();
}

/**
 * The usual suite set-up: the built web app served by a test app on loopback, a Chromium, and a check after each
 * test that no page threw. Hooks are registered here; read `t` and `base` inside tests.
 */
export function e2eApp() {
  const state: { t?: TestApp; base?: string; browser?: Browser } = {};
  const pages = pageFactory(() => state.browser!);
  beforeAll(async () => {
    const webDir = await ensureWebBuilt();
    state.t = await startTestApp({ app: { webDir } });
    await state.t.app.listen({ port: 0, host: '127.0.0.1' });
    state.base = `http://127.0.0.1:${(state.t.app.server.address() as AddressInfo).port}`;
    state.browser = await launchBrowser();
  });
  afterEach(() => {
    expect(pages.pageErrors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await pages.closeAll();
    await state.browser?.close();
    await state.t?.close();
  });
  return {
    get t(): TestApp { return state.t!; },
    get base(): string { return state.base!; },
    newPage: pages.newPage,
  };
}

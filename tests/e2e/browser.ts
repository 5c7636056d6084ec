import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ensureWebBuilt } from '../../server/web-build.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

/** Debian's Chromium; never a browser downloaded by Playwright. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

/**
 * Pages in fresh contexts (Vietnamese unless asked otherwise, Asia/Ho_Chi_Minh), each recording uncaught page
 * errors so that a test can fail on them, and closed together at the end.
 */
export function pageFactory(getBrowser: () => Browser) {
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  return {
    pageErrors,
    async newPage(viewport = { width: 1280, height: 900 }, locale = 'vi-VN'): Promise<Page> {
      const ctx = await getBrowser().newContext({ viewport, locale, timezoneId: 'Asia/Ho_Chi_Minh' });
      contexts.push(ctx);
      const page = await ctx.newPage();
      // Waits are for states, so a longer limit costs nothing when they come; CI runs three passes on two cores.
      page.setDefaultTimeout(30_000);
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
  // The account link shows as soon as the session is known, a moment before the login page moves on: a click made
  // in between would be undone by that move.
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  // The site's home page sends a one-contest site on to that contest once the list has loaded: a click made before
  // then would be overridden by that move too.
  await page.waitForFunction(
    () => location.pathname !== '/' || document.querySelector('[data-testid="contest-list-page"]') !== null,
  );
}

/**
 * The usual suite set-up: the built web app served by a test app on loopback, a Chromium, and a check after each
 * test that no page threw. Hooks are registered here; read `t` and `base` inside tests.
 */
export function e2eApp(opts: { demo?: boolean; env?: Record<string, string> } = {}) {
  const state: { t?: TestApp; base?: string; browser?: Browser } = {};
  const pages = pageFactory(() => state.browser!);
  beforeAll(async () => {
    const webDir = await ensureWebBuilt();
    state.t = await startTestApp({ app: { webDir }, demo: opts.demo, env: opts.env });
    await state.t.app.listen({ port: 0, host: '127.0.0.1' });
    state.base = `http://127.0.0.1:${(state.t.app.server.address() as AddressInfo).port}`;
    state.browser = await launchBrowser();
  });
  afterEach(() => {
    // Joined, so that a failure shows the messages in full (an array is shown as "[ …(2) ]").
    expect(pages.pageErrors.splice(0).join('\n')).toBe('');
  });
  afterAll(async () => {
    await pages.closeAll();
    await state.browser?.close();
    await state.t?.close();
  });
  return {
    get t(): TestApp {
      return state.t!;
    },
    get base(): string {
      return state.base!;
    },
    newPage: pages.newPage,
  };
}

/**
 * Plays the page's player (muted: headless Chromium blocks sound without a gesture) and waits for its time to pass
 * half a second; returns what the video element then reports.
 */
export async function playUntilMoving(
  page: Page,
  timeoutMs = 20_000,
): Promise<{ playing: boolean; width: number; height: number; error: number | null; duration: number }> {
  const video = page.getByTestId('video-player');
  const playing = await video.evaluate(async (v: HTMLVideoElement, ms: number) => {
    v.muted = true;
    const fired = new Promise<boolean>((resolve) => {
      v.addEventListener('playing', () => resolve(true), { once: true });
      setTimeout(() => resolve(false), ms);
    });
    // Where hls.js is loaded on play, attaching it interrupts this play() (AbortError) and the player plays again.
    await v.play().catch((e: unknown) => {
      if (!(e instanceof DOMException && e.name === 'AbortError')) throw e;
    });
    return fired;
  }, timeoutMs);
  if (playing)
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="video-player"]') as HTMLVideoElement).currentTime > 0.5,
      undefined,
      { timeout: timeoutMs },
    );
  const state = await video.evaluate((v: HTMLVideoElement) => ({
    width: v.videoWidth,
    height: v.videoHeight,
    error: v.error?.code ?? null,
    duration: v.duration,
  }));
  return { playing, ...state };
}

/**
 * Clicks a button that sends one API request and waits for the server's answer, failing with what it said when that
 * is not the status expected (200 unless told). A step that then waits for a short-lived notice fails with the real
 * cause (a click that sent nothing, a refusal, an entry skipped) instead of a bare timeout on a busy machine.
 */
export async function clickForAnswer(
  page: Page,
  button: Locator,
  method: string,
  pathEnd: string,
  { status = 200, timeout = 30_000 }: { status?: number; timeout?: number } = {},
): Promise<unknown> {
  const answer = page.waitForResponse(
    (r) => r.request().method() === method && new URL(r.url()).pathname.endsWith(pathEnd),
    { timeout },
  );
  await button.click();
  const res = await answer.catch((err: Error) => {
    throw new Error(`no answer to ${method} …${pathEnd} within ${timeout} ms of the click: ${err.message}`);
  });
  const body = await res.text();
  expect(res.status(), `${method} …${pathEnd} answered ${res.status()}: ${body}`).toBe(status);
  return body ? JSON.parse(body) : null;
}

/**
 * Waits for an Ant Design dialog to finish opening. On a busy machine the zoom-in can stall, and a click made while
 * the dialog is still appearing may be lost: the dialog then stays open and the step times out far from the cause.
 */
export async function dialogOpened(dialog: Locator): Promise<Locator> {
  await dialog.waitFor();
  await expect.poll(async () => (await dialog.getAttribute('class')) ?? '', { timeout: 15_000 }).not.toMatch(/-appear/);
  return dialog;
}

/**
 * Waits until no Ant Design drop-down list is shown or fading out: a list still leaving when axe runs reads as an
 * unlabelled listbox half drawn over the form.
 */
export async function dropdownsClosed(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator('.ant-select-dropdown:visible, .ant-picker-dropdown:visible').count(), { timeout: 15_000 })
    .toBe(0);
}

/**
 * Clicks an option of the Ant Design drop-down list that is opening, once it has finished sliding in. On a loaded
 * machine a click aimed while the list still moved landed beside the option: the list closed with nothing chosen.
 */
export async function pickOption(page: Page, text: string): Promise<void> {
  const list = await shownAndStill(page.locator('.ant-select-dropdown:visible:not([class*="-leave"])'));
  await list.locator('.ant-select-item-option', { hasText: text }).click();
}

/** Waits for an Ant Design overlay (a list, a bubble) to be shown and done moving in; returns it. */
async function shownAndStill(overlay: Locator): Promise<Locator> {
  await overlay.waitFor();
  await expect
    .poll(async () => (await overlay.getAttribute('class')) ?? '', { timeout: 15_000 })
    .not.toMatch(/-(appear|enter)/);
  return overlay;
}

/**
 * The open Ant Design confirmation bubble (Popconfirm), once it has finished appearing. Its OK button often bears the
 * same name as the button that opened it: a locator by name alone would, on a loaded machine where the bubble is not
 * drawn yet, click the opener again and close it.
 */
export function openPopover(page: Page): Promise<Locator> {
  return shownAndStill(page.locator('.ant-popover:visible:not([class*="-leave"])'));
}

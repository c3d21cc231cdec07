import { expect, test, type Page } from '@playwright/test';
import { ACME_NAME, ACME, buildWithHostAccess, dockFocus, launch, sidebarFrame, sidebarShowing, type App } from './harness';
import { withoutToken } from '../support/frames.mjs';

let app: App;
/** set only by the test that presses the shortcut */
let build: Awaited<ReturnType<typeof buildWithHostAccess>> | null = null;

/**
 * Dealside signed in. `forShortcut`: the keyboard shortcut runs in the tab under the
 * `activeTab` grant the command gives, which Playwright cannot produce, so that test
 * loads a copy of the build holding access to the CRM's host instead.
 */
async function start({ forShortcut = false, backForwardCache = false } = {}) {
  build = forShortcut ? await buildWithHostAccess([new URL(ACME).origin]) : null;
  app = await launch([], { ...(build ? { extensionDir: build.dir } : {}), backForwardCache });
  await app.setUser();
}
test.afterEach(async () => {
  await app.close();
  await build?.remove();
});

/**
 * What the background does for the toggle-sidebar command (entrypoints/background.ts,
 * lib/page/reader-calls.ts), in every tab: only a CRM tab's reader answers.
 */
async function pressShortcut(a: App) {
  await a.context.serviceWorkers()[0]!.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: typeof import('webextension-polyfill') }).chrome;
    for (const tab of await api.tabs.query({})) {
      await api.scripting
        .executeScript({
          target: { tabId: tab.id!, frameIds: [0] },
          func: () => (globalThis as unknown as { __dealsideReader?: { toggleSidebar(): void } }).__dealsideReader?.toggleSidebar(),
        })
        .catch(() => {});
    }
  });
}

/** The sidebar iframe's box in the page, null when hidden or not framed (its host is a closed shadow root: locators cannot reach in). */
async function frameBox(page: Page) {
  const frame = page.frames().find((f) => withoutToken(f.url()) === `chrome-extension://${app.extensionId}/sidebar.html`);
  return frame ? (await frame.frameElement()).boundingBox() : null;
}

/** The width Dealside reserves beside the CRM (the CRM's <html> margin), in px. */
const reservedWidth = (page: Page) => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).marginRight));

/**
 * Every CRM control (links, buttons, inputs) in the strip [x0, x1] of the viewport that Dealside
 * covers: what the page hit-tests at its middle (moved into the strip) is Dealside's host.
 * Controls fixed across the window's top or bottom (Lightning's global header, its utility bar)
 * are in the strip too: the dock must leave them uncovered.
 */
function controlsUnder(page: Page, x0: number, x1: number) {
  return page.evaluate(
    ([a, b]) =>
      Array.from(document.querySelectorAll('a,button,input,select,textarea,[role="button"],[tabindex]')).filter((el) => {
        if (el.localName === 'dealside-sidebar') return false;
        const r = el.getBoundingClientRect();
        if (!(r.width > 0 && r.height > 0 && r.right > a! && r.left < b! && r.bottom > 0 && r.top < innerHeight)) return false;
        const x = Math.min(Math.max((r.left + r.right) / 2, a! + 1), b! - 1);
        return document.elementFromPoint(x, (r.top + r.bottom) / 2)?.localName === 'dealside-sidebar';
      }).length,
    [x0, x1],
  );
}

/** The global header's controls at the window's right edge can be clicked (none under the dock or its bar). */
async function headerControlsReachable(page: Page) {
  for (const name of ['Setup', 'Notifications']) {
    await page.locator('#oneHeader').getByRole('button', { name }).click({ trial: true, timeout: 3_000 });
  }
}

test('docked right, resizable with the width remembered, collapsible to a bar that covers no CRM control', async () => {
  await start({ forShortcut: true });
  const page = await app.open(ACME);
  await sidebarShowing(page, app.extensionId, ACME_NAME);
  const viewport = page.viewportSize()!;
  let box = (await frameBox(page))!;
  expect(Math.round(box.x + box.width)).toBe(viewport.width); // docked to the right edge
  expect(Math.round(box.width)).toBe(360); // default width
  // Docked, not floating: the CRM lays out beside it, and its header fixed across the top stays clear.
  expect(await controlsUnder(page, box.x - 24, viewport.width)).toBe(0);
  await headerControlsReachable(page);
  expect(box.y).toBeGreaterThan(0); // below the fixed header

  // Drag the grip (on the bar left of the frame) 100 px to the left: 460 px wide.
  const gripX = box.x - 12;
  await page.mouse.move(gripX, 450);
  await page.mouse.down();
  await page.mouse.move(gripX - 50, 450, { steps: 5 });
  await page.mouse.move(gripX - 100, 450, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await frameBox(page))!.width)).toBe(460);

  await page.reload();
  await sidebarShowing(page, app.extensionId, ACME_NAME);
  await expect.poll(async () => Math.round((await frameBox(page))!.width)).toBe(460);

  // Collapse with the bar's button: only the 24 px bar remains, over no CRM control.
  box = (await frameBox(page))!;
  await page.mouse.click(box.x - 12, box.y + 8 + 14); // the bar starts where the dock does: below the fixed header
  await expect.poll(async () => (await frameBox(page)) === null).toBe(true);
  expect(await controlsUnder(page, viewport.width - 24, viewport.width)).toBe(0);
  await headerControlsReachable(page);

  // Collapsed is remembered, and a collapsed sidebar puts no frame in the page at all.
  await page.reload();
  await expect.poll(() => reservedWidth(page)).toBe(24);
  expect(page.frames().some((f) => f.url().startsWith('chrome-extension://'))).toBe(false);
  expect(await controlsUnder(page, viewport.width - 24, viewport.width)).toBe(0);
  // The shortcut toggles it back open: framed now, at the remembered width, showing the deal.
  await pressShortcut(app);
  await expect.poll(async () => Math.round((await frameBox(page))?.width ?? 0)).toBe(460);
  await sidebarShowing(page, app.extensionId, ACME_NAME);
  expect(await reservedWidth(page)).toBe(24 + 460);
});

test('keyboard alone: from the sidebar, Shift+Tab reaches the resize grip (arrows, Home, End; width remembered) and then the collapse button', async () => {
  await start();
  const page = await app.open(ACME);
  await sidebarShowing(page, app.extensionId, ACME_NAME);
  const frame = await sidebarFrame(page, app.extensionId);
  // Focus the sidebar's first focusable control; one Shift+Tab leaves the frame backwards, onto the grip before it.
  await frame.evaluate(() => (document.querySelector('a[href],button,input,select,textarea,summary,[tabindex]') as HTMLElement).focus());
  // Each key waits for the page to see where the one before put the keyboard: it reaches
  // the page through the browser, and a key pressed before can go to where it was.
  await expect.poll(() => dockFocus(page)).toBe('Dealside');
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => dockFocus(page)).toBe('Resize Dealside sidebar');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => reservedWidth(page)).toBe(24 + 360 + 2 * 16);
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => reservedWidth(page)).toBe(24 + 360 + 2 * 16 - 64);
  await page.keyboard.press('Home');
  await expect.poll(() => reservedWidth(page)).toBe(24 + 720);
  await page.keyboard.press('End');
  await expect.poll(() => reservedWidth(page)).toBe(24 + 280);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => reservedWidth(page)).toBe(24 + 296);

  await page.reload();
  await sidebarShowing(page, app.extensionId, ACME_NAME);
  await expect.poll(async () => Math.round((await frameBox(page))?.width ?? 0)).toBe(296);

  // The bar's button comes before the grip: Enter collapses the sidebar to its bar.
  const again = await sidebarFrame(page, app.extensionId);
  await again.evaluate(() => (document.querySelector('a[href],button,input,select,textarea,summary,[tabindex]') as HTMLElement).focus());
  await expect.poll(() => dockFocus(page)).toBe('Dealside');
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => dockFocus(page)).toBe('Resize Dealside sidebar');
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => dockFocus(page)).toBe('Collapse Dealside sidebar');
  await page.keyboard.press('Enter');
  await expect.poll(() => reservedWidth(page)).toBe(24);
  await expect.poll(async () => (await frameBox(page)) === null).toBe(true);
  // Focus stays on the button ("Open Dealside sidebar" now): Enter again opens it at its width.
  await page.keyboard.press('Enter');
  await expect.poll(() => reservedWidth(page)).toBe(24 + 296);
  await sidebarShowing(page, app.extensionId, ACME_NAME);
});

test('follows the system colour scheme: dark', async () => {
  await start();
  const page = await app.open(ACME);
  await page.emulateMedia({ colorScheme: 'dark' });
  const aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  const frame = await sidebarFrame(page, app.extensionId);
  await expect.poll(() => frame.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(21, 24, 29)');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => frame.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
  await expect(aside).toBeVisible();
});

test('a deal page restored from the back-forward cache (sidebar kept collapsed) opens on its own deal', async () => {
  // A page with the sidebar's frame is not kept in Chromium's back-forward cache; one with only the bar is.
  await start({ backForwardCache: true });
  await app.context.addInitScript(() => {
    addEventListener('pageshow', (e) => ((window as unknown as { restored?: boolean }).restored = (e as PageTransitionEvent).persisted));
  });
  const page = await app.open(ACME);
  await sidebarShowing(page, app.extensionId, ACME_NAME);
  const box = (await frameBox(page))!;
  await page.mouse.click(box.x - 12, box.y + 8 + 14); // collapse
  await expect.poll(async () => (await frameBox(page)) === null).toBe(true);
  await page.reload();
  await expect.poll(() => reservedWidth(page)).toBe(24);
  // another deal in the same tab (its page asks the background afresh), then Back
  await page.goto('https://app.hubspot.com/contacts/4455667/record/0-3/9876543210');
  await expect.poll(() => reservedWidth(page)).toBe(24);
  await page.goBack({ waitUntil: 'commit' }); // a restored page fires no load event
  await expect.poll(() => page.evaluate(() => (window as unknown as { restored?: boolean }).restored)).toBe(true);
  // opened from the bar: the deal of this page, not a refusal nor the other page's deal
  await expect.poll(() => reservedWidth(page)).toBe(24);
  const viewport = page.viewportSize()!;
  await page.mouse.click(viewport.width - 12, box.y + 8 + 14);
  await sidebarShowing(page, app.extensionId, ACME_NAME);
});

// When a Dealside page's first request fails (the background restarting, its
// database unreadable for a moment), the page says why and offers "Try again",
// which asks once more and, answered, shows the page as usual.
import { expect, test, type BrowserContext } from '@playwright/test';
import { ACME, ACME_NAME, launch, sidebarFrame, type App } from './harness';

let app: App;
test.beforeEach(async () => {
  app = await launch();
});
test.afterEach(async () => {
  await app.close();
});

/**
 * In the extension page at `path` only: requests of `type` fail, as a background that
 * does not answer would, until someone presses "Try again". Until then every such
 * request fails: the page may well ask again by itself (the sidebar does when its tab's
 * deal changes), which must not stand in for the button.
 */
async function failUntilTryAgain(context: BrowserContext, path: string, type: string) {
  await context.addInitScript(
    ([p, t]) => {
      if (location.protocol !== 'chrome-extension:' || location.pathname !== p) return;
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage: (...a: unknown[]) => Promise<unknown> } } }).chrome.runtime;
      const real = runtime.sendMessage.bind(runtime);
      let pressed = false;
      // capture phase: set before the page's own handler sends its request
      document.addEventListener('click', (e) => {
        if ((e.target as Element | null)?.closest?.('button')?.textContent?.trim() === 'Try again') pressed = true;
      }, true);
      const counts = globalThis as unknown as { __asked?: number };
      counts.__asked = 0;
      runtime.sendMessage = (...args: unknown[]) => {
        if ((args[0] as { type?: string } | undefined)?.type === t) counts.__asked!++;
        if (!pressed && (args[0] as { type?: string } | undefined)?.type === t) {
          return Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
        }
        return real(...args);
      };
    },
    [path, type] as const,
  );
}

test('Options: a failed first read says why and offers Try again, which loads the page', async () => {
  await app.setUser();
  await failUntilTryAgain(app.context, '/options.html', 'settings/get');
  const options = await app.context.newPage();
  await options.goto(`chrome-extension://${app.extensionId}/options.html`);
  await expect(options.getByRole('alert')).toContainText('Dealside could not read its settings');
  await expect(options.getByRole('heading', { name: 'You', exact: true })).toHaveCount(0);
  await options.getByRole('button', { name: 'Try again' }).click();
  await expect(options.getByRole('heading', { name: 'You', exact: true })).toBeVisible();
  await expect(options.getByLabel('Your name')).toHaveValue('Morgan Lead');
  await expect(options.getByRole('alert')).toHaveCount(0);
  // the button pressed went with the error: the keyboard is on the page's title, not dropped to the body
  await expect(options.getByRole('heading', { name: 'Dealside options', level: 1 })).toBeFocused();
});

test('Sidebar: a failed first request says why and offers Try again, which shows the deal', async () => {
  await app.setUser();
  await failUntilTryAgain(app.context, '/sidebar.html', 'sidebar/open');
  const page = await app.open(ACME);
  const frame = await sidebarFrame(page, app.extensionId);
  const aside = frame.getByRole('complementary', { name: 'Dealside' });
  await expect(aside.getByRole('alert')).toContainText("Dealside's background did not answer");
  await expect(aside.getByRole('heading', { name: ACME_NAME, level: 1 })).toHaveCount(0);
  // a settings change meanwhile (here: the week start, from Options) asks again, and says so
  // again when that fails too; it used to clear the error and leave "Reading the deal…" for good
  const asked = () => frame.evaluate(() => (globalThis as unknown as { __asked: number }).__asked);
  const askedBefore = await asked();
  const options = await app.context.newPage();
  await options.goto(`chrome-extension://${app.extensionId}/options.html`);
  await options.getByLabel('Weeks start on').selectOption('Sunday');
  await options.close();
  await page.bringToFront();
  // the sidebar heard of the change: it asked again (and was refused again)
  await expect.poll(asked).toBeGreaterThan(askedBefore);
  await expect(aside.getByText('Reading the deal from the page…')).toHaveCount(0);
  await expect(aside.getByRole('alert')).toContainText("Dealside's background did not answer");
  await aside.getByRole('button', { name: 'Try again' }).click();
  await expect(aside.getByRole('heading', { name: ACME_NAME, level: 1 })).toBeVisible();
  await expect(aside.getByRole('alert')).toHaveCount(0);
  await expect(aside).toBeFocused(); // kept in the sidebar as the banner went
});

test('Sidebar: change events arriving faster than its first answer do not keep it from showing the deal', async () => {
  await app.setUser();
  // Every `sidebar/open` of the sidebar is answered 1.2 s late (a busy background), and
  // each change event meanwhile asks again: each newer question used to drop the answer
  // before it, so a steady run of events kept the sidebar on "Reading the deal…".
  await app.context.addInitScript(() => {
    if (location.protocol !== 'chrome-extension:' || location.pathname !== '/sidebar.html') return;
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage: (...a: unknown[]) => Promise<unknown> } } }).chrome.runtime;
    const real = runtime.sendMessage.bind(runtime);
    const counts = globalThis as unknown as { __opens?: number };
    counts.__opens = 0;
    runtime.sendMessage = (...args: unknown[]) => {
      if ((args[0] as { type?: string } | undefined)?.type !== 'sidebar/open') return real(...args);
      counts.__opens!++;
      return real(...args).then((answer) => new Promise((resolve) => setTimeout(() => resolve(answer), 1200)));
    };
  });
  const options = await app.context.newPage();
  await options.goto(`chrome-extension://${app.extensionId}/options.html`);
  // a settings change every 300 ms, from Options: a change event for every open page
  await options.evaluate(() => {
    let i = 0;
    (globalThis as unknown as { __storm: number }).__storm = setInterval(() => {
      const { runtime } = (globalThis as unknown as { chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } } }).chrome;
      void runtime.sendMessage({ type: 'settings/set', patch: { weekStartsOn: i++ % 2 ? 7 : 1 } });
    }, 300) as unknown as number;
  });
  const page = await app.open(ACME);
  const frame = await sidebarFrame(page, app.extensionId);
  const aside = frame.getByRole('complementary', { name: 'Dealside' });
  // shown while the events keep coming
  await expect(aside.getByRole('heading', { name: ACME_NAME, level: 1 })).toBeVisible({ timeout: 6000 });
  // the run of events really asked again and again before that answer came
  expect(await frame.evaluate(() => (globalThis as unknown as { __opens: number }).__opens)).toBeGreaterThan(2);
  await options.evaluate(() => clearInterval((globalThis as unknown as { __storm: number }).__storm));
  await expect(aside.getByRole('heading', { name: ACME_NAME, level: 1 })).toBeVisible();
});

test('Popup: a failed first read says why and offers Try again, which shows the week with the keyboard on its heading', async () => {
  await app.setUser();
  await failUntilTryAgain(app.context, '/popup.html', 'scorecard/week');
  const popup = await app.context.newPage();
  await popup.goto(`chrome-extension://${app.extensionId}/popup.html`);
  await expect(popup.getByRole('alert')).toContainText('Dealside could not read your scorecard data');
  await popup.getByRole('button', { name: 'Try again' }).focus();
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('navigation', { name: 'Week' })).toBeVisible();
  await expect(popup.getByRole('alert')).toHaveCount(0);
  // the button pressed went with the error: the keyboard is on the popup's heading, not dropped to the body
  await expect(popup.getByRole('heading', { name: 'Dealside', level: 1 })).toBeFocused();
});

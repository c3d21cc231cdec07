// The Theme setting (Options: Follow the system, Light, Dark) everywhere Dealside
// draws, from the start: with the system dark and Theme Light, no page of Dealside
// first shows dark and then turns light. Every extension document records its
// colours at its first animation frame (the last moment before its first paint) and
// when its code first draws ("Loading…"). Options and the popup are checked at the
// first frame; the framed sidebar and panel when they first draw (a frame in a CRM
// page gets no localStorage, so its very first frame may come before storage.local
// answers: lib/theme.ts). The sidebar's dock bar (a closed shadow root) is read over CDP.
import { expect, test, type Frame, type Page } from '@playwright/test';
import { GLOBEX, GLOBEX_NAME, launch, sidebarFrame, sidebarShowing, type App } from './harness';
import { openPanel, routePage } from './call-review.support';
import { routeMedia } from '../fixtures/calls/serve-media.mjs';

const LIGHT_BG = 'rgb(255, 255, 255)'; // --bg, components/base.css and call-review/style.css
const DARK_BG = 'rgb(21, 24, 29)';
const LIGHT_BAR = 'rgb(243, 244, 246)'; // --bar-bg, entrypoints/crm-reader/frame-host.ts
const DARK_BAR = 'rgb(31, 36, 48)';

interface Look {
  bg: string;
  theme: string | null;
}
interface Early {
  /** at the document's first animation frame: the last moment before its first paint */
  frame?: Look;
  /** when the page's own code first drew into #root ("Loading…") */
  content?: Look;
}

let app: App;
test.beforeEach(async () => {
  app = await launch();
  await app.context.addInitScript(() => {
    if (location.protocol !== 'chrome-extension:') return;
    const early: Early = {};
    (window as unknown as { __early: Early }).__early = early;
    const look = (): Look => ({
      bg: getComputedStyle(document.documentElement).backgroundColor,
      theme: document.documentElement.dataset.theme ?? null,
    });
    requestAnimationFrame(() => (early.frame = look()));
    // <html> does not exist yet when this runs: the document is watched for #root's first child
    const drawn = new MutationObserver(() => {
      if (!document.getElementById('root')?.firstChild) return;
      early.content = look();
      drawn.disconnect();
    });
    drawn.observe(document, { childList: true, subtree: true });
  });
});
test.afterEach(async () => {
  await app.close();
});

const early = async (target: Page | Frame, moment: keyof Early): Promise<Look> => {
  await expect.poll(() => target.evaluate((m) => !!(window as unknown as { __early?: Early }).__early?.[m], moment)).toBe(true);
  return target.evaluate((m) => (window as unknown as { __early: Early }).__early[m]!, moment);
};
const background = (target: Page | Frame) => target.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

/** The dock bar's background: inside the host's closed shadow root, so found over CDP (which pierces it). */
async function barBackground(page: Page): Promise<string | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    type Node = { nodeId: number; localName?: string; attributes?: string[]; children?: Node[]; shadowRoots?: Node[] };
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: Node };
    const find = (n: Node): Node | null => {
      const attrs = n.attributes ?? [];
      if (n.localName === 'div' && attrs[attrs.indexOf('class') + 1] === 'bar' && attrs.includes('class')) return n;
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) {
        const hit = find(c);
        if (hit) return hit;
      }
      return null;
    };
    // the bar lives in the CRM page's own document (not in a frame's)
    const dock = (root.children ?? []).map(find).find(Boolean) ?? null;
    if (!dock) return null;
    const { computedStyle } = (await cdp.send('CSS.getComputedStyleForNode', { nodeId: dock.nodeId })) as {
      computedStyle: { name: string; value: string }[];
    };
    return computedStyle.find((p) => p.name === 'background-color')?.value ?? null;
  } finally {
    await cdp.detach();
  }
}

/** First run done, as Options' form saves it (the request itself: this spec is about colours). */
async function setUser(options: Page) {
  const saved = await options.evaluate(() => {
    const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }).chrome;
    return api.runtime.sendMessage({ type: 'settings/set', patch: { user: { name: 'Maya Manager', role: 'manager' } } });
  });
  expect(saved).toMatchObject({ ok: true });
}

/** Options, under a dark system: pick a theme and wait until it is saved. */
async function chooseTheme(theme: 'system' | 'light' | 'dark'): Promise<Page> {
  const options = await app.context.newPage();
  await options.emulateMedia({ colorScheme: 'dark' });
  await options.goto(`chrome-extension://${app.extensionId}/options.html`);
  await setUser(options);
  await options.getByLabel('Theme').selectOption(theme);
  // applied once the save is answered, which follows the mirror's write
  if (theme === 'system') await expect(options.locator('html:not([data-theme])')).toHaveCount(1);
  else await expect(options.locator('html')).toHaveAttribute('data-theme', theme);
  return options;
}

test('Theme Light on a dark system: the sidebar and its dock bar, Options and the popup are light from the start, and follow a change', async () => {
  const options = await chooseTheme('light');

  const deal = await app.context.newPage();
  await deal.emulateMedia({ colorScheme: 'dark' });
  await deal.goto(GLOBEX);
  const frame = await sidebarFrame(deal, app.extensionId);
  expect(await early(frame, 'content'), 'the sidebar when it first draws').toEqual({ bg: LIGHT_BG, theme: 'light' });
  await sidebarShowing(deal, app.extensionId, GLOBEX_NAME);
  expect(await background(await sidebarFrame(deal, app.extensionId))).toBe(LIGHT_BG);
  await expect.poll(() => barBackground(deal), { message: 'the dock bar beside a light sidebar' }).toBe(LIGHT_BAR);

  await options.reload();
  expect(await early(options, 'frame'), 'Options at its first paint').toEqual({ bg: LIGHT_BG, theme: 'light' });

  const popup = await app.context.newPage();
  await popup.emulateMedia({ colorScheme: 'dark' });
  await popup.goto(`chrome-extension://${app.extensionId}/popup.html`);
  expect(await early(popup, 'frame'), 'the popup at its first paint').toEqual({ bg: LIGHT_BG, theme: 'light' });

  // Back to the system's: the sidebar follows at once with its settings, and tells its bar on the page.
  await options.getByLabel('Theme').selectOption('system');
  await expect.poll(async () => background(await sidebarFrame(deal, app.extensionId))).toBe(DARK_BG);
  await expect.poll(() => barBackground(deal), { message: 'the dock bar follows the sidebar without a reload' }).toBe(DARK_BAR);
  // and the next load starts so
  await deal.reload();
  await sidebarShowing(deal, app.extensionId, GLOBEX_NAME);
  await expect.poll(() => barBackground(deal)).toBe(DARK_BAR);
});

test('the call-review panel honours the Theme setting: light from the start, and follows a change while open', async () => {
  await chooseTheme('light');
  await routeMedia(app.context);
  await routePage(app.context, 'https://app.gong.io/**', 'test/fixtures/calls/gong-call.html');
  const recording = await app.context.newPage();
  await recording.emulateMedia({ colorScheme: 'dark' });
  await recording.goto('https://app.gong.io/call?id=7782342274025937895');
  const panel = await openPanel(recording);
  expect(await early(panel, 'content'), 'the panel when it first draws').toEqual({ bg: LIGHT_BG, theme: 'light' });
  await expect(panel.getByRole('region', { name: 'Call review' }).getByRole('radiogroup', { name: 'Discovery' })).toBeVisible();
  expect(await background(panel)).toBe(LIGHT_BG);

  // Options changes it while the panel is open: Dark, then the (dark) system's.
  const options = await chooseTheme('dark');
  await expect.poll(() => panel.evaluate(() => document.documentElement.dataset.theme ?? null)).toBe('dark');
  expect(await background(panel)).toBe(DARK_BG);
  await options.getByLabel('Theme').selectOption('system');
  await expect.poll(() => panel.evaluate(() => document.documentElement.dataset.theme ?? null)).toBeNull();
  expect(await background(panel)).toBe(DARK_BG);
});

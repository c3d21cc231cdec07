/**
 * The end-to-end harness: Debian's Chromium with the built extension loaded,
 * real CRM addresses fulfilled from fixture files (so match patterns and
 * address parsing run for real), everything else refused.
 */
import { expect, type BrowserContext, type Frame, type Page } from '@playwright/test';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, launchChromium, ROOT } from '../support/browser.mjs';
import { withoutToken } from '../support/frames.mjs';

export { EXTENSION_DIR, ROOT } from '../support/browser.mjs';

export const ACME = 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view';
export const GLOBEX = 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000GlobexAA/view';
export const DYNAMICS =
  'https://contoso.crm4.dynamics.com/main.aspx?appid=0b5ef1d8-66a7-4e4b-8f3c-1d2e3f4a5b6c&pagetype=entityrecord&etn=opportunity&id=%7B6F9619FF-8B86-D011-B42D-00C04FC964FF%7D';
export const LIST = 'https://acme.lightning.force.com/lightning/o/Opportunity/list';
export const ACME_KEY = 'salesforce:acme/0065g00000AcmeQAAS';
/** the deal names the fixtures show at ACME and GLOBEX */
export const ACME_NAME = 'Acme Corp — Platform Renewal';
export const GLOBEX_NAME = 'Globex — Expansion';

export interface ManifestEntry {
  file: string;
  url: string;
  crm: string;
  recordId?: string;
  deal?: boolean;
  expect?: Record<string, string | number>;
}

export async function fixtureManifest(): Promise<ManifestEntry[]> {
  return JSON.parse(await readFile(join(ROOT, 'test/fixtures/crm/manifest.json'), 'utf8')) as ManifestEntry[];
}

export interface App {
  context: BrowserContext;
  extensionId: string;
  /** the options page's first-run form, as a person would fill it */
  setUser(user?: { name: string; role: 'manager' | 'rep' }): Promise<void>;
  /** a new tab on a CRM address */
  open(url: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * A copy of the build under test whose manifest already holds access to `origins`
 * (as `https://host/*` host permissions): the state a person's "Allow" leaves, or the
 * `activeTab` grant a keyboard shortcut gives, neither of which Playwright can produce
 * (it cannot answer the browser's permission prompt, microsoft/playwright#32755, nor
 * press a browser-level shortcut). Everything else is the build itself. Returns the
 * copy's directory and how to remove it.
 */
export async function buildWithHostAccess(origins: string[]): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'dealside-access-'));
  await cp(EXTENSION_DIR, dir, { recursive: true });
  const manifestFile = join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<string, unknown>;
  manifest.host_permissions = origins.map((o) => `${o}/*`);
  await writeFile(manifestFile, JSON.stringify(manifest));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * `extensionDir`: another build of Dealside to load (default: the build under test).
 * `backForwardCache`: on, as browsers ship it (Playwright turns it off).
 */
export async function launch(
  extraArgs: string[] = [],
  { extensionDir, backForwardCache }: { extensionDir?: string; backForwardCache?: boolean } = {},
): Promise<App> {
  const { context, extensionId, close } = await launchChromium({
    extension: true,
    extraArgs,
    ...(extensionDir ? { extensionDir } : {}),
    ...(backForwardCache ? { backForwardCache } : {}),
  });
  // Nothing leaves the machine: every web address not routed below is refused.
  await context.route(/^https?:\/\//, (route) => route.abort());
  for (const entry of await fixtureManifest()) {
    const body = await readFile(join(ROOT, 'test/fixtures/crm', entry.file), 'utf8');
    const u = new URL(entry.url);
    // The Lightning shell renders whichever record its address names: serve it for every Lightning path.
    const pattern = entry.file === 'salesforce-lightning-opportunity.html' ? `${u.origin}/lightning/**` : entry.url.split('#')[0]!;
    await context.route(pattern, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
    if (entry.file === 'salesforce-lightning-opportunity.html') {
      await context.route(`${u.origin}/one/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
    }
  }
  return {
    context,
    extensionId,
    async setUser(user = { name: 'Morgan Lead', role: 'manager' }) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      await page.getByLabel('Your name').fill(user.name);
      await page.getByLabel(user.role === 'manager' ? 'Sales manager' : 'Sales rep').check();
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
      await page.close();
    },
    async open(url) {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    close,
  };
}

/**
 * This session's random extension id (`runtime.dynamicId`): the only address at which a web page
 * can load Dealside's web-accessible files (`use_dynamic_url`; Chromium then serves them as the
 * fixed id's). The hostile pages of the framing tests use it, as a page that learned it somehow would.
 */
export async function dynamicExtensionId(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = await worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { dynamicId?: string } } }).chrome.runtime.dynamicId);
  if (!id) throw new Error('this Chromium gives no runtime.dynamicId');
  return id;
}

/**
 * The sidebar frame inside a CRM page (extension-origin iframe in a closed shadow root): the one
 * Dealside's reader made, which carries the tab's frame token after `#` (a page framing the file has none).
 */
export async function sidebarFrame(page: Page, extensionId: string): Promise<Frame> {
  const ours = (f: Frame) => f.url().startsWith(`chrome-extension://${extensionId}/sidebar.html#`);
  await expect.poll(() => page.frames().some(ours), { timeout: 10_000 }).toBe(true);
  return page.frames().find(ours)!;
}

/**
 * A date `days` from today as the fixture's Salesforce user sees it (M/D/YYYY).
 * Checks that depend on "ahead of today" use it, so they hold whenever the
 * suite runs, not only until the fixture's fixed dates pass.
 */
export function usDateFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getMonth() + 1}/${d.getDate()}/${d.getFullYear()}`;
}

/** Inline-edit a field of the active record in the Lightning fixture, as a rep would in the CRM. */
export async function editCrmField(page: Page, field: string, text: string): Promise<void> {
  const edited = await page.evaluate(
    ([f, t]) => (window as unknown as { __fixture: { editField(f: string, t: string): boolean } }).__fixture.editField(f, t),
    [field, text] as const,
  );
  expect(edited, `the fixture has an active record with a ${field} field`).toBe(true);
}

type FixtureEditing = { openForEditing(): boolean; saveEdits(changes: Record<string, string>): boolean; cancelEdits(): boolean };

/**
 * The Lightning fixture's record opened for editing (every field an input, Save and
 * Cancel in a docked footer), saved with `changes` made meanwhile, or cancelled.
 */
export async function editCrmRecord(page: Page, step: 'open' | 'cancel' | { save: Record<string, string> }): Promise<void> {
  const done = await page.evaluate((s) => {
    const fixture = (window as unknown as { __fixture: FixtureEditing }).__fixture;
    return s === 'open' ? fixture.openForEditing() : s === 'cancel' ? fixture.cancelEdits() : fixture.saveEdits(s.save);
  }, step);
  expect(done, `the fixture's active record could ${typeof step === 'string' ? step : 'save'} its edit`).toBe(true);
}

/** The "Dealside" landmark once it shows the named deal. */
export async function sidebarShowing(page: Page, extensionId: string, dealName: string) {
  const frame = await sidebarFrame(page, extensionId);
  const aside = frame.getByRole('complementary', { name: 'Dealside' });
  await expect(aside.getByRole('heading', { name: dealName, level: 1 })).toBeVisible();
  return aside;
}

/** Is the sidebar frame laid out and visible? (The page itself sees only an empty <dealside-sidebar>.) */
export async function sidebarVisible(page: Page, extensionId: string): Promise<boolean> {
  const url = `chrome-extension://${extensionId}/sidebar.html`;
  const frame = page.frames().find((f) => withoutToken(f.url()) === url);
  if (!frame) return false;
  const element = await frame.frameElement();
  return element.isVisible();
}

/**
 * Wait until the CRM page itself sees the keyboard in the Dealside frame its `host` element
 * holds. Focus given inside an extension frame (another process) reaches the browser as a
 * message of its own: a key pressed on the page before the browser has taken it can go to the
 * page instead, and a late one can pull the keyboard back into the frame after a click elsewhere.
 */
export async function pageSeesFocusIn(page: Page, host: 'dealside-sidebar' | 'dealside-call-review'): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.activeElement?.localName)).toBe(host);
}

/**
 * The accessible name of what holds the keyboard in the sidebar's dock on the CRM page (its
 * collapse button, its resize grip; the frame's title when the keyboard is in the sidebar), or
 * null. The dock is in a closed shadow root, which only the DevTools protocol can look into.
 */
export async function dockFocus(page: Page): Promise<string | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    type Node = { nodeId: number; backendNodeId: number; localName?: string; children?: Node[]; shadowRoots?: Node[] };
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: Node };
    const find = (n: Node): Node | null => {
      if (n.localName === 'dealside-sidebar') return n.shadowRoots?.[0] ?? null;
      for (const c of n.children ?? []) {
        const hit = find(c);
        if (hit) return hit;
      }
      return null;
    };
    const shadow = find(root);
    if (!shadow) return null;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: 'function () { const a = this.activeElement; return a ? a.getAttribute("aria-label") ?? a.title ?? a.localName : null; }',
      returnByValue: true,
    });
    return (result.value as string | null) ?? null;
  } finally {
    await cdp.detach();
  }
}

// Launch helpers for call-review.spec.ts, on top of the shared harness (CRM
// routing, first run, the deal sidebar).
import { expect, type BrowserContext, type Frame, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACME_NAME, ACME, ACME_KEY, ROOT, launch, sidebarShowing } from './harness';
import { routeMedia } from '../fixtures/calls/serve-media.mjs';
import { findExtensionFrame } from '../support/frames.mjs';

export { ROOT } from './harness';

export interface CallReviewApp {
  context: BrowserContext;
  extensionId: string;
  /** first-run: the local user's name and role */
  setUser(user: { name: string; role: 'manager' | 'rep' }): Promise<void>;
  /** visit the Acme deal so it is "seen"; returns its deal key */
  visitDeal(): Promise<string>;
  /** the sidebar landmark of the deal visited by visitDeal */
  dealSidebar(): Promise<Locator>;
  close(): Promise<void>;
}

export async function launchWithExtension(): Promise<CallReviewApp> {
  // Media plays without a user gesture in these tests.
  const app = await launch(['--autoplay-policy=no-user-gesture-required']);
  let dealPage: Page | null = null;
  return {
    context: app.context,
    extensionId: app.extensionId,
    setUser: (user) => app.setUser(user),
    async visitDeal() {
      dealPage = await app.open(ACME);
      await sidebarShowing(dealPage, app.extensionId, ACME_NAME);
      return ACME_KEY;
    },
    async dealSidebar() {
      if (!dealPage) throw new Error('visitDeal first');
      await dealPage.bringToFront();
      return sidebarShowing(dealPage, app.extensionId, ACME_NAME);
    },
    close: () => app.close(),
  };
}

export async function routePage(context: BrowserContext, glob: string, file: string, edit?: (html: string) => string) {
  const html = readFileSync(join(ROOT, file), 'utf8');
  await context.route(glob, (route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: edit ? edit(html) : html })
      : route.fallback(),
  );
}

/** A manager on a recording page: first run done, the page and its media served from fixtures. */
export async function openRecording(app: Pick<CallReviewApp, 'context' | 'setUser'>, glob: string, file: string, url: string): Promise<Page> {
  await app.setUser({ name: 'Maya Manager', role: 'manager' });
  await routeMedia(app.context);
  await routePage(app.context, glob, file);
  const page = await app.context.newPage();
  await page.goto(url);
  return page;
}

/** The panel lives in an extension frame inside a closed shadow root: find it among the page's frames. */
export const panelFrame = (page: Page, timeoutMs = 10_000): Promise<Frame> => findExtensionFrame(page, 'call-review.html', timeoutMs);

/**
 * Open the panel as a person does: a click on its launcher tab at the right
 * edge of the page (closed shadow root, so by position). Until then the page
 * holds no panel frame at all.
 */
export async function openPanel(page: Page): Promise<Frame> {
  await page.waitForSelector('dealside-call-review', { state: 'attached' });
  expect(page.frames().some((f) => f.url().includes('/call-review.html'))).toBe(false);
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('no viewport');
  await page.mouse.click(viewport.width - 12, viewport.height / 2);
  return panelFrame(page);
}

export type { Frame };

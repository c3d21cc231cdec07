// Launch helpers for call-review.spec.ts. Kept beside the spec so it runs on its
// own; the shared harness (harness.ts) supplies CRM routing and the sidebar.
import { chromium, type BrowserContext, type Frame } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const EXTENSION_DIR = process.env.DEALSIDE_EXTENSION_DIR || join(ROOT, '.output/chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export interface CallReviewApp {
  context: BrowserContext;
  extensionId: string;
  /** first-run: the local user's name and role */
  setUser(user: { name: string; role: 'manager' | 'rep' }): Promise<void>;
  /** visit a CRM deal fixture so the deal is "seen"; returns its deal key (when a CRM fixture is available) */
  visitDeal?: () => Promise<string | undefined>;
  /** the sidebar frame of the deal visited by visitDeal */
  dealSidebar?: () => Promise<Frame>;
  close(): Promise<void>;
}

export async function launchWithExtension(): Promise<CallReviewApp> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'dealside-calls-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: [
      '--headless=new',
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
    viewport: { width: 1440, height: 900 },
  });
  // Nothing leaves the machine: every address not routed by a test is refused.
  await context.route(/^https?:\/\//, (route) => route.abort());
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;

  return {
    context,
    extensionId,
    async setUser(user) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      const reply = await page.evaluate(
        (u) =>
          (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok?: boolean }> } } }).chrome.runtime.sendMessage({
            type: 'settings/set',
            patch: { user: u },
          }),
        user,
      );
      if (!reply?.ok) throw new Error(`settings/set failed: ${JSON.stringify(reply)}`);
      await page.close();
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

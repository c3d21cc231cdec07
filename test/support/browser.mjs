// Debian's Chromium with (or without) the built extension, as the end-to-end
// tests, the benchmarks and the demo's headless walk all need it. Plain .mjs so
// `npm run bench` needs no TypeScript loader; types in browser.d.mts.
import { chromium } from '@playwright/test';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = process.env.DEALSIDE_EXTENSION_DIR || join(ROOT, '.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The launch flags that work on this machine (Debian's Chromium, no sandbox, new headless). */
const BASE_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  // Dates show in the browser language's region (lib/dates.ts `displayLocale`): the tests and
  // benchmarks expect en-US's, whatever the machine's own language is
  '--lang=en-US',
];

/**
 * A fresh persistent context (so no cache or database carries over).
 * `extension: false` is a baseline: the same browser, no Dealside.
 * `profileDir` reopens a profile the caller owns (kept on close), as a browser
 * restarted on yesterday's profile would; the caller removes it.
 * `extensionDir` loads another unpacked extension instead of Dealside's build
 * (a benchmark's reference extension, or a copy of Dealside's with a test's manifest).
 * `backForwardCache`: as browsers ship (Playwright turns it off by default).
 */
export async function launchChromium({ extension, extraArgs = [], profileDir, extensionDir = EXTENSION_DIR, backForwardCache = false }) {
  const userDataDir = profileDir ?? (await mkdtemp(join(tmpdir(), 'dealside-chromium-')));
  const freshProfile = (await readdir(userDataDir)).length === 0;
  const args = [...BASE_ARGS, ...extraArgs];
  if (extension) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args,
    viewport: { width: 1440, height: 900 },
    // Playwright turns the back-forward cache off; a test of a page restored from it turns it back on
    ...(backForwardCache ? { ignoreDefaultArgs: ['--disable-back-forward-cache'] } : {}),
  });
  let extensionId = null;
  if (extension) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    extensionId = new URL(worker.url()).host;
    // A fresh install opens Options (first run): let it open, then close it, or it
    // can take over the tab a test or benchmark is navigating. (A reopened profile
    // is no fresh install.)
    const optionsUrl = `chrome-extension://${extensionId}/options.html`;
    const dealside = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8')).name === 'Dealside';
    // (up to 30 s: a loaded machine can take seconds to open the database before it opens the tab)
    for (let i = 0; i < (freshProfile && dealside ? 300 : 0); i++) {
      const firstRun = context.pages().find((p) => p.url() === optionsUrl);
      if (firstRun) {
        await firstRun.close();
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    context,
    extensionId,
    async close() {
      await context.close();
      if (!profileDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

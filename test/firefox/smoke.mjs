#!/usr/bin/env node
// Firefox ESR smoke test over WebDriver BiDi (puppeteer-core): install the
// Firefox build, open the demo Salesforce deal at its real address (answered
// from the fixture by request interception), and check that the sidebar frame
// shows the deal read from the page and accepts a first-run user and a note,
// follows an in-app move to another deal and back,
// then that the popup's weekly scorecard renders, and that Options' CRM sites
// refuse a site without access with the reason.
import puppeteer from 'puppeteer-core';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';

const ROOT = resolve(import.meta.dirname, '../..');
const EXT = join(ROOT, '.output/firefox-mv2');
const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const ACME = 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view';
const shell = readFileSync(join(ROOT, 'test/fixtures/crm/salesforce-lightning-opportunity.html'), 'utf8');

const until = async (what, fn, ms = 15_000) => {
  const end = Date.now() + ms;
  for (;;) {
    const got = await fn().catch(() => undefined);
    if (got) return got;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
};

/**
 * Open one of the extension's pages as a window, by a click in the sidebar frame (WebDriver BiDi does not
 * navigate to moz-extension: addresses, and a framed extension page has no tabs API), and return it.
 */
async function openExtensionPage(frame, path) {
  const id = `smoke-open-${path.replace(/\W/g, '')}`;
  await frame.evaluate((buttonId, href) => {
    const b = document.createElement('button');
    b.id = buttonId;
    b.textContent = `open ${href}`;
    b.onclick = () => window.open(href);
    document.body.prepend(b);
  }, id, path);
  await frame.click(`#${id}`);
  return until(path, async () => {
    for (const p of await browser.pages()) if ((await p.evaluate(() => location.pathname).catch(() => '')) === path) return p;
    return undefined;
  });
}

const browser = await puppeteer.launch({
  browser: 'firefox',
  executablePath: FIREFOX,
  headless: true,
  protocol: 'webDriverBiDi',
  extraPrefsFirefox: { 'network.proxy.type': 0, 'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false },
});
let failed = false;
try {
  const id = await browser.installExtension(EXT);
  console.log(`installed ${id}`);
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('https://acme.lightning.force.com/')) {
      void req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: shell });
    } else if (/^https?:/.test(url)) {
      void req.abort();
    } else {
      void req.continue();
    }
  });
  await page.goto(ACME);
  // BiDi may report the extension frame by its initial about:blank address: ask each frame where it is.
  const frame = await until('the sidebar frame', async () => {
    for (const f of page.frames()) {
      const href = await f.evaluate(() => location.href).catch(() => '');
      if (/^moz-extension:\/\/[^/]+\/sidebar\.html/.test(href)) return f;
    }
    return undefined;
  });
  console.log(`sidebar frame: ${await frame.evaluate(() => location.href)}`);
  const text = () => frame.evaluate(() => document.body.innerText);
  await until('the first-run form', async () => (await text()).includes('Welcome to Dealside'));
  // Keys are sent to the page and reach the frame only once the browser has moved the keyboard there.
  await frame.focus('#user-name');
  await until('the page to see the keyboard in the sidebar', () => page.evaluate(() => document.activeElement?.localName === 'dealside-sidebar'));
  await frame.type('#user-name', 'Morgan Lead');
  await until('the name typed', async () => (await frame.$eval('#user-name', (i) => i.value)) === 'Morgan Lead');
  await frame.click('form[aria-label="About you"] button[type="submit"]');
  await until('the deal heading', async () => (await frame.$eval('h1', (h) => h.textContent)) === 'Acme Corp — Platform Renewal');
  const landmark = await frame.$eval('aside', (a) => a.getAttribute('aria-label'));
  assert.equal(landmark, 'Dealside');
  assert.match(await text(), /\$120,000\.00/);
  // the composer is read-only until its stored draft has loaded
  await frame.waitForSelector('#note-text:not([readonly])');
  await frame.type('#note-text', 'Firefox smoke: ask who signs');
  await frame.click('form[aria-label="New coaching note"] button[type="submit"]');
  await until('the saved note', async () => (await frame.$eval('ul[aria-label="Notes"]', (u) => u.textContent)).includes('Firefox smoke: ask who signs'));
  console.log('✔ Firefox ESR: sidebar shows the deal, first run and a note work');
  // An in-app move to another deal (history.pushState, no page load): the sidebar swaps to it, with
  // none of Acme's notes (the background takes the report of the deal the tab's address now names).
  await page.click('#nav-globex');
  await until('the next deal after an in-app move', async () => (await frame.$eval('h1', (h) => h.textContent)) === 'Globex — Expansion');
  assert.doesNotMatch(await text(), /Firefox smoke: ask who signs/);
  await page.click('#nav-acme');
  await until('the first deal again', async () => (await frame.$eval('ul[aria-label="Notes"]', (u) => u.textContent)).includes('Firefox smoke: ask who signs'));
  console.log('✔ Firefox ESR: an in-app move swaps the sidebar to the next deal and back');
  // The popup page loads its module code from its early script (see
  // scripts/vite-popup-modules-after-request.ts): check that path in Firefox too.
  const popup = await openExtensionPage(frame, '/popup.html');
  const table = await until('the weekly scorecard', async () =>
    popup.$eval('table[aria-label="Weekly scorecard"]', (t) => t.textContent),
  );
  assert.match(table, /Dana Reyes|On track \(1\)/);
  console.log('✔ Firefox ESR: the popup shows the weekly scorecard with the deal owner');
  // CRM sites a user adds (Options): Firefox has what they run on, and a site without access is refused
  // with the reason. (The browser's permission prompt cannot be answered from here; the Chromium e2e
  // test covers the granted path.)
  const options = await openExtensionPage(frame, '/options.html');
  await until('the CRM sites section', async () => options.$eval('section[aria-labelledby="sites-h"] h2', (h) => h.textContent));
  const sites = await options.evaluate(async () => ({
    scripting: typeof browser.scripting?.registerContentScripts,
    access: await browser.permissions.contains({ origins: ['https://sales.acme-corp.com/*'] }),
    add: await browser.runtime.sendMessage({ type: 'sites/add', address: 'sales.acme-corp.com', crm: 'salesforce' }),
  }));
  assert.equal(sites.scripting, 'function');
  assert.equal(sites.access, false);
  assert.equal(sites.add?.ok, false);
  assert.match(sites.add.error.message, /not given access to sales\.acme-corp\.com/);
  console.log('✔ Firefox ESR: Options lists CRM sites; a site without access is refused with the reason');
} catch (e) {
  failed = true;
  for (const f of browser.pages ? (await browser.pages()).flatMap((p) => p.frames()) : []) {
    const t = await f.evaluate(() => `${location.href}\n${document.body?.innerText.slice(0, 400)}`).catch(() => '');
    if (t.startsWith('moz-extension:')) {
      console.error(`--- ${t}`);
      console.error(JSON.stringify(await f.evaluate(() => browser.runtime.sendMessage({ type: 'sidebar/current' })).catch((e) => String(e))));
    }
  }
  console.error('✘ Firefox smoke test failed:', e);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);

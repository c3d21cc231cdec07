#!/usr/bin/env node
// `npm run demo`: build Dealside, serve the bundled demo CRM pages on
// 127.0.0.1, and start Chromium with Dealside loaded. The browser asks for
// the real CRM addresses (so the extension's match patterns and address
// parsing run for real) and each is answered from the local server.
// With a display: a normal window to click around in. Without one: headless,
// it walks the main flow and saves screenshots, printing their paths.
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureBrowsers, CHROMIUM } from './ensure-browsers.mjs';
import { findExtensionFrame } from '../test/support/frames.mjs';
import { routeMedia } from '../test/fixtures/calls/serve-media.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'test/fixtures/crm');
/** the demo recording: a Gong-like call page (its media generated on first use) */
const CALL_PAGE = join(ROOT, 'test/fixtures/calls/gong-call.html');
const GONG_CALL = 'https://app.gong.io/call?id=7782342274025937895';
const OUT = join(ROOT, 'demo-output');
const EXT = join(ROOT, '.output/chrome-mv3');
const headless = !process.env.DISPLAY || process.argv.includes('--headless');

if (process.argv.includes('--help')) {
  console.log(`npm run demo [-- --headless] [-- --no-build]
  --headless   walk the main flow and save screenshots even when a display is there
  --no-build   use the build already in .output/chrome-mv3 (built when there is none)`);
  process.exit(0);
}

ensureBrowsers({ firefox: false });
if (!process.argv.includes('--no-build') || !existsSync(EXT)) {
  const b = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const manifest = JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8'));
// 1. The demo CRM pages, on loopback only.
const server = createServer((req, res) => {
  const file = decodeURIComponent((req.url ?? '/').slice(1).split('?')[0] ?? '');
  if (!/^[\w.-]+\.html$/.test(file) || !existsSync(join(FIXTURES, file))) {
    res.writeHead(404).end('not a demo page');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(join(FIXTURES, file)));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;
console.log(`Demo CRM pages served at ${base}/`);

// 2. Chromium with Dealside; CRM addresses answered from the local server.
// a fresh profile each run (first run included), removed when the demo ends, walked or not
const profile = await mkdtemp(join(tmpdir(), 'dealside-demo-'));
process.on('exit', () => rmSync(profile, { recursive: true, force: true }));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: false, // the args below choose new-headless when there is no display
  args: [
    ...(headless ? ['--headless=new'] : []),
    `--disable-extensions-except=${EXT}`,
    `--load-extension=${EXT}`,
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
  viewport: { width: 1440, height: 900 },
});
const fromServer = (file) => async (route) => {
  const r = await fetch(`${base}/${file}`);
  await route.fulfill({ status: r.status, contentType: 'text/html; charset=utf-8', body: await r.text() });
};
await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
for (const entry of manifest) {
  const u = new URL(entry.url);
  const shell = entry.file === 'salesforce-lightning-opportunity.html';
  await context.route(shell ? `${u.origin}/lightning/**` : entry.url.split('#')[0], fromServer(entry.file));
  // the shell's older address form (`/one/one.app#/sObject/…`), one of the demo deals
  if (shell) await context.route(`${u.origin}/one/**`, fromServer(entry.file));
}
await context.route('https://app.gong.io/**', (route) =>
  route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(CALL_PAGE) }),
);
await routeMedia(context);
// Dealside is loaded once its background worker runs.
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(worker.url()).host;

const acme = manifest.find((e) => e.recordId === '0065g00000AcmeQAAS');
const hubspot = manifest.find((e) => e.file === 'hubspot-deal-new.html');

if (!headless) {
  const page = await context.newPage();
  await page.goto(acme.url);
  console.log('Chromium is open on the demo Salesforce deal. Other demo deals:');
  for (const e of manifest.filter((m) => m.deal !== false)) console.log(`  ${e.url}`);
  console.log(`A demo recording to review (the tab on the right edge opens the panel):\n  ${GONG_CALL}`);
  console.log('Close the browser window to stop.');
  await new Promise((done) => context.on('close', done));
  server.close();
  process.exit(0);
}

// 3. Headless: walk the main flow and take screenshots.
mkdirSync(OUT, { recursive: true });
const shots = [];
const shot = async (page, name) => {
  const path = join(OUT, `${name}.png`);
  // The sidebar is another process's frame: let it paint its last update (two animation
  // frames inside it), or a screenshot can show it as it was before the last click.
  const frame = page.frames().find((f) => /\/(sidebar|call-review)\.html/.test(f.url()));
  await frame?.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.waitForTimeout(500);
  await page.screenshot({ path });
  shots.push(path);
};
const sidebar = async (page) => (await findExtensionFrame(page, 'sidebar.html')).getByRole('complementary', { name: 'Dealside' });

const page = await context.newPage();
await page.goto(acme.url);
let aside = await sidebar(page);
await aside.getByRole('heading', { name: 'Welcome to Dealside' }).waitFor();
await shot(page, '1-first-run');
await aside.getByLabel('Your name').fill('Morgan Lead');
await aside.getByRole('button', { name: 'Save' }).click();
await aside.getByRole('heading', { level: 1, name: acme.expect.name }).waitFor();
await aside.getByRole('textbox', { name: 'Commitment' }).fill('a signed mutual action plan with Acme');
await aside.getByRole('textbox', { name: 'Due' }).fill('today');
await aside.getByRole('button', { name: 'Save commitment' }).click();
await aside.getByText('What happened?').waitFor();
await aside.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '4' }).check();
await aside.getByRole('radiogroup', { name: 'Next step' }).getByRole('radio', { name: '3' }).check();
await aside.getByRole('radiogroup', { name: 'Qualification' }).getByRole('radio', { name: '2' }).focus();
await aside.getByRole('textbox', { name: 'Coaching note' }).fill('Great discovery; the economic buyer is still unknown. Ask Dana to map the buying group before Thursday.');
await aside.getByRole('button', { name: 'Add note' }).click();
await aside.getByRole('list', { name: 'Notes' }).getByText('Great discovery').waitFor();
await shot(page, '2-salesforce-deal');
await aside.getByLabel('Outcome note').fill('Legal review slipped; MAP goes out Monday');
await aside.getByRole('button', { name: 'Missed' }).click();
// saved: the question gives way to the history, which shows the outcome
await aside.getByText('What happened?').waitFor({ state: 'hidden' });
const history = aside.getByRole('list', { name: 'Commitment history' });
await history.getByText('Missed').first().waitFor();
// the new promise made in that 1:1: open until its date, with its Update button
await aside.getByRole('textbox', { name: 'Commitment' }).fill('the mutual action plan sent to Acme legal');
await aside.getByRole('textbox', { name: 'Due' }).fill('next Monday');
await aside.getByRole('button', { name: 'Save commitment' }).click();
await aside.getByRole('button', { name: 'Update: the mutual action plan sent to Acme legal' }).waitFor();
await history.scrollIntoViewIfNeeded();
await shot(page, '3-commitment-missed');

const hub = await context.newPage();
await hub.goto(hubspot.url);
aside = await sidebar(hub);
await aside.getByRole('heading', { level: 1, name: hubspot.expect.name }).waitFor();
await shot(hub, '4-hubspot-deal');
await hub.emulateMedia({ colorScheme: 'dark' });
await hub.waitForTimeout(300);
await shot(hub, '5-hubspot-deal-dark');

// A recorded call reviewed on its own page: notes pinned to moments of it, the three scores.
const call = await context.newPage();
await call.goto(GONG_CALL);
await call.waitForSelector('dealside-call-review', { state: 'attached' });
await call.mouse.click(1440 - 12, 900 / 2); // the panel's tab on the right edge
const review = (await findExtensionFrame(call, 'call-review.html')).getByRole('region', { name: 'Call review' });
await review.getByRole('heading', { level: 1, name: 'Acme Corp — Discovery call' }).waitFor();
const pinAt = async (seconds, text) => {
  await call.evaluate((s) => {
    const v = document.querySelector('#player');
    if (v) v.currentTime = s;
  }, seconds);
  await review.getByRole('textbox', { name: 'Note at current time' }).fill(text);
  await review.getByRole('textbox', { name: 'Note at current time' }).press('Enter');
  await review.getByRole('list', { name: 'Pinned notes' }).getByText(text).waitFor();
};
await pinAt(2, 'Good pain question: onboarding time');
await pinAt(5, 'Missed the impact follow-up: what does the Q1 window cost?');
await review.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '4' }).check();
await review.getByRole('radiogroup', { name: 'Next step' }).getByRole('radio', { name: '2' }).check();
await review.getByRole('radiogroup', { name: 'Qualification' }).getByRole('radio', { name: '3' }).check();
await review.getByRole('combobox', { name: 'Rep' }).fill('Dana Reyes');
await review.getByRole('textbox', { name: 'Overall note' }).fill('Strong discovery; end with a dated next step.');
await shot(call, '6-call-review');
await review.getByRole('button', { name: 'Complete review' }).click();
await review.getByRole('status').filter({ hasText: 'Review completed.' }).waitFor();

// The toolbar popup's weekly scorecard, at the popup's size.
const popup = await context.newPage();
await popup.setViewportSize({ width: 800, height: 600 });
await popup.goto(`chrome-extension://${extensionId}/popup.html`);
await popup.getByRole('table', { name: 'Weekly scorecard' }).waitFor();
await shot(popup, '7-weekly-scorecard');

console.log('\nDemo walked: first run → Salesforce deal (commitment, scores, note) → commitment missed, a new one made → HubSpot deal (light, dark) → a recorded call reviewed in place → the weekly scorecard, exceptions first.');
console.log('Screenshots:');
for (const s of shots) console.log(`  ${s}`);
await context.close();
server.close();

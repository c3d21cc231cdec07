// What Dealside costs a CRM page: extra main-thread script time (from a trace,
// promise reactions included: lib.mjs scriptTimer says why) and long tasks,
// measured against the same page without the extension in the same run.
// Runs alternate with/without so machine noise hits both sides alike.
import { join } from 'node:path';
import { LONG_TASK_OBSERVER, ROOT, launch, median, reference, result, routeFixture, scriptTimer, signIn } from './lib.mjs';
import { findSidebarFrame, shownAt, waitFor } from './sidebar-frame.mjs';
import { withNoiseInRecordPage } from '../support/large-record.mjs';

/** Let the content script finish (idle callbacks, debounced reads) before reading the counters. */
const SETTLE_MS = 1500;

/** Main world, the page's own script: from load, an activity feed in the record's page gains an item every 50 ms, 60 in all. */
const GROWING_FEED = `
  addEventListener('load', () => {
    const feed = document.createElement('div');
    feed.className = 'slds-feed';
    (document.querySelector('[data-record-id="0065g00000AcmeQAAS"]') ?? document.body).append(feed);
    const add = setInterval(() => {
      const item = document.createElement('article');
      item.className = 'slds-feed__item';
      item.innerHTML = '<div class="slds-media"><span>Call logged</span><p>Walked the buyer through the renewal terms</p></div>';
      feed.append(item);
      if (feed.childElementCount >= 60) clearInterval(add);
    }, 50);
  });
`;

const CASES = [
  {
    name: 'non-deal CRM page (5,000+ elements)',
    url: 'https://acme.lightning.force.com/lightning/setup/SetupOneHome/home',
    file: 'test/fixtures/crm/noise-5000.html',
    budget: 3,
    sidebar: false,
  },
  {
    // The usual case: Dealside's frame process is already running (another CRM tab
    // shows a deal), as it is for every deal page after the first.
    name: 'deal page (Salesforce Lightning), Dealside open in another tab',
    url: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
    file: 'test/fixtures/crm/salesforce-lightning-opportunity.html',
    budget: 10,
    sidebar: true,
    keepWarmTab: true,
    // The least any sidebar of this design makes the page run: test/bench/bare-sidebar/.
    bareReference: true,
  },
  {
    // The first deal page of a browser session: the sidebar's process starts while the
    // page loads, and on 2 cores that competes with the page's own main thread.
    name: 'deal page (Salesforce Lightning), first Dealside frame of the session',
    url: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
    file: 'test/fixtures/crm/salesforce-lightning-opportunity.html',
    budget: 10,
    sidebar: true,
    keepWarmTab: false,
    // What any in-page frame costs this page: its own script appends one cross-origin iframe.
    frameReference: true,
  },
  {
    // A record page at the size of a real one: related lists, activity and feed put
    // thousands of elements inside the record's page, all of which the reader's search
    // for open shadow roots visits.
    name: 'large deal page (Salesforce Lightning, 6,000+ elements), Dealside open in another tab',
    url: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
    file: 'test/fixtures/crm/salesforce-lightning-opportunity.html',
    transform: withNoiseInRecordPage,
    minElements: 6000,
    budget: 10,
    sidebar: true,
    keepWarmTab: true,
  },
  {
    // A record page still loading its activity after the fields are on it: 60 feed items
    // over 3 s. What the reader does on a page that keeps mutating elsewhere.
    name: 'deal page (Salesforce Lightning) loading its activity feed for 3 s, Dealside open in another tab',
    url: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
    file: 'test/fixtures/crm/salesforce-lightning-opportunity.html',
    inject: GROWING_FEED,
    settleMs: 3000 + SETTLE_MS,
    // the feed grew to its 60 items within the measured stretch
    check: (page) => page.evaluate(() => document.querySelector('.slds-feed')?.childElementCount === 60),
    budget: 10,
    sidebar: true,
    keepWarmTab: true,
  },
  {
    // A user who keeps the sidebar collapsed: the bar only, no frame until it is opened.
    name: 'deal page (Salesforce Lightning), sidebar kept collapsed',
    url: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
    file: 'test/fixtures/crm/salesforce-lightning-opportunity.html',
    budget: 10,
    sidebar: false,
    collapsed: true,
    keepWarmTab: false,
  },
];

/** The width Dealside reserves beside the CRM (<html>'s margin): 24 px when collapsed to its bar. */
const reservedWidth = (page) => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).marginRight));

/** Collapse the sidebar with its bar's button (closed shadow root: by position, left of the frame). */
async function collapseSidebar(page) {
  const frame = await findSidebarFrame(page, 10_000);
  const box = await (await frame.frameElement()).boundingBox();
  await page.mouse.click(box.x - 12, box.y + 8 + 14); // the bar starts where the dock does (below bars the CRM fixes across the top)
  for (let i = 0; i < 100 && (await reservedWidth(page)) !== 24; i++) await page.waitForTimeout(20);
  if ((await reservedWidth(page)) !== 24) throw new Error('the sidebar did not collapse');
}

/**
 * Main world: once the page has loaded, append one cross-origin iframe, as a page script would.
 * (Init scripts run in every frame: only the top page appends, or each frame would frame the next.)
 */
const APPEND_ONE_FRAME = `
  if (window === window.top) addEventListener('load', () => {
    const f = document.createElement('iframe');
    f.src = 'https://frame.example/';
    document.body.append(f);
  });
`;

/** A reference extension: the least an in-page extension-frame sidebar does on a deal page (its README says what). */
const BARE_SIDEBAR = join(ROOT, 'test/bench/bare-sidebar');

async function once(c, extension, { appendFrame = false, bare = false } = {}) {
  const b = bare ? await launch({ extension: true, extensionDir: BARE_SIDEBAR }) : await launch({ extension });
  try {
    // signed in, as every user is after the first run: the sidebar then shows the deal
    if (extension && !bare) await (await signIn(b)).close();
    await routeFixture(b.context, c.url, c.file, { transform: c.transform, inject: c.inject });
    await b.context.route('https://frame.example/', (r) => r.fulfill({ contentType: 'text/html', body: '<p>framed</p>' }));
    await b.context.route(/^https?:\/\/(?!acme\.lightning\.force\.com|frame\.example\/)/, (r) => r.abort());
    // Steady state: the extension's worker is up and the scripts' code caches are
    // warm. One visit first (not measured), then the measured visit in a fresh
    // tab; `keepWarmTab` leaves the first tab open (Dealside running there). The
    // baseline gets exactly the same.
    const warm = await b.context.newPage();
    await warm.goto(c.url, { waitUntil: 'load' });
    await warm.waitForTimeout(SETTLE_MS);
    if (extension && c.collapsed) await collapseSidebar(warm);
    if (!c.keepWarmTab) await warm.close();
    const page = await b.context.newPage();
    await page.addInitScript(LONG_TASK_OBSERVER);
    if (appendFrame) await page.addInitScript(APPEND_ONE_FRAME);
    const timer = await scriptTimer(page);
    await page.goto(c.url, { waitUntil: 'load' });
    if (bare) return await onceBare(page, timer, c);
    const sidebar = extension && c.sidebar ? await findSidebarFrame(page, 10_000) : null;
    if (extension && c.collapsed) {
      // the bar is laid out, and no frame is made for it
      for (let i = 0; i < 250 && (await reservedWidth(page)) !== 24; i++) await page.waitForTimeout(20);
      if ((await reservedWidth(page)) !== 24) throw new Error('the collapsed sidebar bar did not appear');
    }
    await page.waitForTimeout(c.settleMs ?? SETTLE_MS);
    if (extension && c.collapsed && page.frames().some((f) => f.url().startsWith('chrome-extension://'))) throw new Error('a collapsed sidebar was framed');
    const { ms: scriptMs, cpuMs, scriptDurationMs, extensionScriptEvents } = await timer.read();
    // the trace saw the extension's scripts run on the page exactly when one was loaded
    if (extension ? extensionScriptEvents === 0 : extensionScriptEvents > 0) {
      throw new Error(`${c.name}: ${extensionScriptEvents} extension script events on the page ${extension ? 'with' : 'without'} Dealside`);
    }
    // (after the measure) the sidebar read and showed this deal, or the figure is of nothing
    if (sidebar) await waitFor(() => shownAt(sidebar, 'salesforce:acme/0065g00000AcmeQAAS'), 5_000, `${c.name}: the sidebar showing the deal`);
    if (!(await page.evaluate(() => window.__benchLongTaskObserverOk === true))) throw new Error(`${c.name}: the long-task observer did not start`);
    const longTasks = await page.evaluate(() => window.__benchLongTasks ?? []);
    const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
    if (elements < (c.minElements ?? 0)) throw new Error(`${c.name}: ${elements} elements, fewer than ${c.minElements}`);
    if (c.check && !(await c.check(page))) throw new Error(`${c.name}: the page was not in the state measured`);
    return { scriptMs, cpuMs, scriptDurationMs, longTasks: longTasks.length, longestMs: Math.max(0, ...longTasks.map((t) => t.duration)), elements };
  } finally {
    await b.close();
  }
}

/** The measured visit with the bare reference sidebar: the same stretch, and proof that it framed its panel. */
async function onceBare(page, timer, c) {
  await page.waitForTimeout(c.settleMs ?? SETTLE_MS);
  const { ms: scriptMs, cpuMs, extensionScriptEvents } = await timer.read();
  if (extensionScriptEvents === 0) throw new Error('the trace saw no script of the bare sidebar on the page');
  if (!page.frames().some((f) => /^chrome-extension:\/\/[a-p]{32}\/panel\.html$/.test(f.url()))) throw new Error('the bare sidebar did not frame its panel');
  // four of the six fields: its light-DOM queries do not reach the amount's or the Next Step's shadow root
  const found = await page.evaluate(() => document.documentElement.getAttribute('data-bare-sidebar-read'));
  if (found !== '4') throw new Error(`the bare sidebar read ${found ?? 'nothing'}, not the four light-DOM fields`);
  return { scriptMs, cpuMs };
}

/** "with X vs without Y" of the thread's CPU time in the same script events (lib.mjs: scriptMsOfMainFrame). */
const cpuDetail = (withRuns, withoutRuns) => {
  const w = median(withRuns.map((r) => r.cpuMs));
  const o = median(withoutRuns.map((r) => r.cpuMs));
  return `the main thread's CPU time in those events: ${(w - o).toFixed(1)} ms extra (${w.toFixed(1)} vs ${o.toFixed(1)} ms)`;
};

export async function run({ runs }) {
  const rows = [];
  // BENCH_CASE=<words> runs only the cases whose name contains them (while working on one)
  for (const c of CASES.filter((k) => !process.env.BENCH_CASE || k.name.includes(process.env.BENCH_CASE))) {
    const withExt = [];
    const without = [];
    const oneFrame = [];
    const bareSidebar = [];
    for (let i = 0; i < runs; i++) {
      without.push(await once(c, false));
      withExt.push(await once(c, true));
      if (c.frameReference) oneFrame.push(await once(c, false, { appendFrame: true }));
      if (c.bareReference) bareSidebar.push(await once(c, true, { bare: true }));
    }
    const base = median(without.map((r) => r.scriptMs));
    const ext = median(withExt.map((r) => r.scriptMs));
    const sdExtra = median(withExt.map((r) => r.scriptDurationMs)) - median(without.map((r) => r.scriptDurationMs));
    rows.push(
      result(
        `${c.name}: extra main-thread script time`,
        ext - base,
        'ms',
        c.budget,
        `with ${ext.toFixed(1)} ms vs without ${base.toFixed(1)} ms; ${withExt[0].elements} elements; runs with: ${withExt.map((r) => r.scriptMs.toFixed(1)).join(', ')}; without: ${without.map((r) => r.scriptMs.toFixed(1)).join(', ')}; the Performance domain's ScriptDuration (no promise reactions) gives ${sdExtra.toFixed(1)} ms extra; ${cpuDetail(withExt, without)}`,
      ),
    );
    if (c.bareReference) {
      const bareMs = median(bareSidebar.map((r) => r.scriptMs));
      rows.push(
        reference(
          `${c.name}: the least any in-page frame sidebar does (reference extension, no Dealside)`,
          bareMs - base,
          'ms',
          `test/bench/bare-sidebar/: one message, a closed host with an extension-page iframe, the width reserved, one query per field once the record shows (light DOM only: 4 of 6 found), one report; runs: ${bareSidebar.map((r) => r.scriptMs.toFixed(1)).join(', ')}; ${cpuDetail(bareSidebar, without)}`,
        ),
      );
    }
    if (c.frameReference) {
      const framed = median(oneFrame.map((r) => r.scriptMs));
      rows.push(
        reference(
          `${c.name}: the page itself appending one cross-origin iframe, no extension`,
          framed - base,
          'ms',
          `what creating any in-page frame costs this page on this machine (Dealside's sidebar is one); runs: ${oneFrame.map((r) => r.scriptMs.toFixed(1)).join(', ')}`,
        ),
      );
    }
    const extraLong = median(withExt.map((r) => r.longTasks)) - median(without.map((r) => r.longTasks));
    rows.push(
      result(
        `${c.name}: extra long tasks (≥50 ms)`,
        Math.max(0, extraLong),
        'tasks',
        0,
        `longest with extension ${median(withExt.map((r) => r.longestMs)).toFixed(0)} ms, without ${median(without.map((r) => r.longestMs)).toFixed(0)} ms`,
      ),
    );
  }
  return rows;
}

// The sidebar's own budgets, in Chromium with the built extension:
//  - the deal is on screen ≤ 300 ms after the record's fields are on the page
//    (first load and SPA navigation to another deal);
//  - with 200 notes and 50 commitments, first render ≤ 150 ms (baseline: the
//    same deal with no coaching data, same run);
//  - typing a note stays under 16 ms a keystroke.
import { launch, median, result, routeFixture, sendFromExtensionPage, signIn } from './lib.mjs';
import { findSidebarFrame, shownAt, waitFor } from './sidebar-frame.mjs';
// when the record's fields are shown: test/support/fields-watch.mjs says how, and why the latest showing counts
import { fieldsWatchScript } from '../support/fields-watch.mjs';

const SHELL = 'test/fixtures/crm/salesforce-lightning-opportunity.html';
const ACME = 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view';
const ACME_KEY = 'salesforce:acme/0065g00000AcmeQAAS';
const GLOBEX_KEY = 'salesforce:acme/0065g00000GlobexAA';

async function setUp(b) {
  await routeFixture(b.context, 'https://acme.lightning.force.com/lightning/**', SHELL);
  await b.context.route(/^https?:\/\/(?!acme\.lightning\.force\.com)/, (r) => r.abort());
  return signIn(b);
}

async function latencyRun() {
  const b = await launch({ extension: true });
  try {
    await setUp(b);
    // The very first visit after install (cold caches) is timed too, and reported beside
    // the steady state a user meets every other time: a second tab on the deal.
    const first = await b.context.newPage();
    await first.addInitScript(fieldsWatchScript);
    await first.goto(ACME);
    const firstFrame = await findSidebarFrame(first);
    const cold = (await waitFor(() => shownAt(firstFrame, ACME_KEY))) - (await first.evaluate(() => window.__fieldsAt['0065g00000AcmeQAAS']));
    await first.close();
    const page = await b.context.newPage();
    await page.addInitScript(fieldsWatchScript);
    await page.goto(ACME);
    const frame = await findSidebarFrame(page);
    const shown = await waitFor(() => shownAt(frame, ACME_KEY));
    const fields = await page.evaluate(() => window.__fieldsAt['0065g00000AcmeQAAS']);
    const parsed = await page.evaluate(() => window.__firstFieldsAt['0065g00000AcmeQAAS']);
    // SPA navigation to the other deal: the address changes first, the fields ~150 ms later.
    await page.locator('a[data-nav][href*="0065g00000GlobexAA"]').first().click();
    const shown2 = await waitFor(() => shownAt(frame, GLOBEX_KEY));
    const fields2 = await page.evaluate(() => window.__fieldsAt['0065g00000GlobexAA']);
    const latencies = { first: shown - fields, fromParse: shown - parsed, nav: shown2 - fields2, cold };
    // the deal shown before its fields were: the fields' moment was not the one this measures
    for (const [name, ms] of Object.entries(latencies)) if (!(ms >= 0)) throw new Error(`sidebar latency (${name}) of ${ms} ms: not a measure`);
    return latencies;
  } finally {
    await b.close();
  }
}

async function renderRun(seed) {
  const b = await launch({ extension: true });
  try {
    const options = await setUp(b);
    // The deal must be seen once before coaching data can hang off it.
    const visit = await b.context.newPage();
    await visit.goto(ACME);
    const visitFrame = await findSidebarFrame(visit);
    await waitFor(() => shownAt(visitFrame, ACME_KEY));
    await visit.close();
    if (seed) {
      const requests = [];
      for (let i = 0; i < 50; i++) {
        requests.push({ type: 'commitment/create', dealKey: ACME_KEY, text: `Commitment ${i}: send the security questionnaire answers`, due: `2026-${String((i % 12) + 1).padStart(2, '0')}-15` });
      }
      for (let i = 0; i < 200; i++) {
        requests.push({ type: 'note/add', dealKey: ACME_KEY, body: { kind: 'free', text: `Note ${i}: reviewed the call; discovery stayed on features, ask about the cost of doing nothing next time.` }, diagnosis: ['skill', 'will', 'knowledge', 'system'][i % 4] });
      }
      await sendFromExtensionPage(options, requests);
    }
    const page = await b.context.newPage();
    await page.goto(ACME);
    const frame = await findSidebarFrame(page);
    await waitFor(() => shownAt(frame, ACME_KEY));
    // First render of the deal: from the sidebar asking the background for this deal's data
    // (one round trip: IndexedDB reads of every note and commitment) to the deal on screen
    // (React committed and effects run, i.e. after paint). The page's own fields arriving
    // is not counted here (the fixture renders them 150 ms after load); frame navigation
    // start → shown is reported alongside.
    const { firstRender, fromFrame, committed } = await frame.evaluate((key) => {
      const shown = performance.getEntriesByName('dealside:deal-shown').find((e) => e.detail === key).startTime;
      const asked = performance
        .getEntriesByName('dealside:view-requested')
        .filter((e) => e.startTime <= shown)
        .at(-1).startTime;
      const commit = performance.getEntriesByName('dealside:deal-committed').find((e) => e.detail === key).startTime;
      return { firstRender: shown - asked, fromFrame: shown, committed: commit - asked };
    }, ACME_KEY);
    const notes = await frame.evaluate(() => document.querySelectorAll('ul[aria-label="Notes"] > li').length);
    // seeded: the deal's 200 notes (25 listed first) and its commitments are on screen, or this is not the case named
    if (seed) {
      const commitments = await frame.evaluate(() => document.querySelectorAll('.prompt, .upcoming, ul[aria-label="Commitment history"] > li').length);
      if (notes < 25 || commitments === 0) throw new Error(`the seeded deal shows ${notes} notes and ${commitments} commitments`);
    }
    let keystroke = null;
    if (seed) {
      keystroke = await frame.evaluate(async () => {
        const box = document.getElementById('note-text');
        // read-only until the stored draft has loaded (a keystroke before would be dropped)
        while (box.readOnly) await new Promise((r) => setTimeout(r, 10));
        const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;
        const text = 'The champion is not the economic buyer; ask Dana to get a meeting with the CFO.';
        const times = [];
        box.focus();
        for (let i = 1; i <= text.length; i++) {
          const t0 = performance.now();
          setter.call(box, text.slice(0, i));
          box.dispatchEvent(new Event('input', { bubbles: true }));
          await Promise.resolve();
          void box.offsetHeight; // layout included
          times.push(performance.now() - t0);
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        }
        times.sort((a, b) => a - b);
        return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)], max: times[times.length - 1], n: times.length };
      });
    }
    return { firstRender, fromFrame, committed, notes, keystroke };
  } finally {
    await b.close();
  }
}

export async function run({ runs }) {
  const lat = [];
  for (let i = 0; i < runs; i++) lat.push(await latencyRun());
  const seeded = [];
  const empty = [];
  for (let i = 0; i < Math.max(5, Math.ceil(runs / 2)); i++) {
    empty.push(await renderRun(false));
    seeded.push(await renderRun(true));
  }
  const ks = seeded.map((r) => r.keystroke);
  return [
    result(
      'sidebar shows the deal after its fields are on the page (page load)',
      median(lat.map((l) => l.first)),
      'ms',
      300,
      `runs: ${lat.map((l) => l.first.toFixed(0)).join(', ')}; very first visit after install (cold caches): ${median(lat.map((l) => l.cold)).toFixed(0)} ms; from the record's markup first parsed, before the shell hid it (this bench's measure before 2026-11-26): ${median(lat.map((l) => l.fromParse)).toFixed(0)} ms`,
    ),
    result('sidebar shows the next deal after its fields are on the page (SPA navigation)', median(lat.map((l) => l.nav)), 'ms', 300, `runs: ${lat.map((l) => l.nav.toFixed(0)).join(', ')}`),
    result(
      'sidebar first render, deal with 200 notes + 50 commitments',
      median(seeded.map((r) => r.firstRender)),
      'ms',
      150,
      `deal data asked → deal on screen (after paint); React commit at ${median(seeded.map((r) => r.committed)).toFixed(0)} ms; same deal with no coaching data ${median(empty.map((r) => r.firstRender)).toFixed(0)} ms; frame navigation start → shown ${median(seeded.map((r) => r.fromFrame)).toFixed(0)} ms (includes waiting for the page's fields); ${seeded[0].notes} notes listed first`,
    ),
    result(
      'typing a note with 200 notes on screen (per keystroke)',
      median(ks.map((k) => k.median)),
      'ms',
      16,
      `p95 ${median(ks.map((k) => k.p95)).toFixed(1)} ms, max ${Math.max(...ks.map((k) => k.max)).toFixed(1)} ms over ${ks[0].n} keystrokes × ${ks.length} runs`,
    ),
  ];
}

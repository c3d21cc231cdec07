// The weekly scorecard's budgets, in Chromium with the built extension and a
// seeded year of data (50 reps × 40 open deals, 30,000 commitments, 100,000
// scores, 50,000 notes; test/bench/seed-scorecard.mjs):
//  - popup open → "Weekly scorecard" table rendered ≤ 150 ms (median; the
//    popup's performance.mark, from the popup document's timeOrigin), in a
//    browser reopened on the seeded profile (the seeding session is reported too).
//    Two ways: as opened (the card the background kept is drawn at once when no
//    write came since: lib/scorecard/week-cache.ts), and after a write, when the
//    popup must wait for the fresh answer (its own row, same budget);
//  - the rollup reads index ranges and aggregates, never whole stores:
//    records read per rollup against the stores' sizes. Counted outside the
//    code under test: IndexedDB's own read calls are wrapped in the background's
//    worker for one popup open (`readsCountedByIndexedDb`); the handler's own
//    count is shown beside it and must agree on the stores it reads.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_USER, launch, median, result, sendFromExtensionPage } from './lib.mjs';
import { generateScorecardData, pipelineFor, repOpenDuesFor, repPipelinesFor, repWeeksFor, storeSizes, writeIntoExtensionDb } from './seed-scorecard.mjs';

const MARK = 'dealside:scorecard-rendered';
const SETTLE_AFTER_SEEDING_MS = 15_000;
/** After the browser reopens the seeded profile: its own start-up work done. */
const SETTLE_AFTER_START_MS = 5_000;
/**
 * Opens before the measured ones: Chromium keeps compiled code for a page's
 * scripts only from their second or third load on, as any popup opened daily
 * has. The first open after the restart is reported separately.
 */
const WARM_UP_OPENS = 3;
/** Opens right after stopping the background's service worker (informational). */
const COLD_WORKER_OPENS = 5;
/** A write that changes nothing the card shows, yet stamps a new generation (the kept card is no longer current). */
const A_WRITE = { type: 'settings/set', patch: { user: BENCH_USER } };
const MIN_MEASURED_OPENS = 15;
/** The stores the weekly rollup reads (lib/db/scorecard.ts `readScorecardWeek`), as its own count names them. */
const ROLLUP_STORES = ['repWeeks', 'repPipelines', 'repOpenDues', 'callReviews', 'reps'];

async function openPopupOnce(context, extensionId) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  // the table drawn, and the fresh answer in (after the table when a kept card was drawn first)
  const mark = await page.waitForFunction((name) => {
    const m = performance.getEntriesByName(name)[0];
    const data = performance.getEntriesByName('dealside:scorecard-data')[0];
    return m && data ? { at: m.startTime, dataAt: data.startTime, detail: m.detail } : null;
  }, MARK, { timeout: 15_000, polling: 10 });
  const value = await mark.jsonValue();
  const table = await page.evaluate(() => ({
    shown: !!document.querySelector('table[aria-label="Weekly scorecard"]'),
    rows: document.querySelectorAll('table[aria-label="Weekly scorecard"] th[scope="row"]').length,
    error: document.querySelector('[role="alert"]')?.textContent ?? null,
  }));
  await page.close();
  return { ...value, ...table };
}

export async function run({ runs }) {
  // The seeded year goes into a profile of its own. The budget is measured after the
  // browser reopens that profile; the session that wrote the year is measured the same
  // way and reported beside it (see seedYear).
  const profileDir = await mkdtemp(join(tmpdir(), 'dealside-scorecard-'));
  // Opens are cheap next to the minute of seeding, and single opens spread widely on this
  // machine: take at least MIN_MEASURED_OPENS for each median.
  const measuredOpens = Math.max(runs, MIN_MEASURED_OPENS);
  try {
    const seeded = await seedYear(profileDir, measuredOpens);
    const b = await launch({ extension: true, profileDir });
    try {
      await new Promise((r) => setTimeout(r, SETTLE_AFTER_START_MS));
      const opens = [];
      for (let i = 0; i < measuredOpens + WARM_UP_OPENS; i++) opens.push(await openPopupOnce(b.context, b.extensionId));
      const measured = opens.slice(WARM_UP_OPENS);
      const afterStop = await coldWorkerOpens(b);
      const { fresh, freshAfterStop } = await opensAfterAWrite(b, measuredOpens);
      // last: the wrapped reads cost time, and no timed open comes after
      const counted = await readsCountedByIndexedDb(b);
      const first = opens[0];
      // every timed open must have shown the table, not the error state
      const failed = [...seeded.measured, ...opens, ...afterStop, ...fresh, ...freshAfterStop].find((o) => o.error || !o.shown);
      if (failed) throw new Error(`popup showed no table: ${failed.error ?? 'no Weekly scorecard table'}`);
      // after a write, a kept card must never be drawn
      if ([...fresh, ...freshAfterStop].some((o) => o.detail.kept)) throw new Error('the popup drew a kept card after a write');
      const { sizes } = seeded;
      const totalStored = sizes.commitments + sizes.scores + sizes.notes + sizes.callReviews + sizes.deals + sizes.nextSteps + sizes.reps;
      // The code under test's own count must agree with IndexedDB's on the stores the rollup reads.
      for (const store of ROLLUP_STORES) {
        if ((counted.byStore[store] ?? 0) !== counted.handlerSays[store]) {
          throw new Error(`records read from ${store}: the handler says ${counted.handlerSays[store]}, IndexedDB served ${counted.byStore[store] ?? 0}`);
        }
      }
      const byStore = (name) => counted.byStore[name] ?? 0;
      const others = Object.entries(counted.byStore)
        .filter(([name]) => !ROLLUP_STORES.includes(name))
        .map(([name, n]) => `${name} ${n}`);
      const readDetail = `counted by wrapping IndexedDB's reads in the background for one open (the handler's own count agrees): repWeeks ${byStore('repWeeks')}/${sizes.repWeeks} (per-day counts of commitments, scores, notes: ${byStore('commitments')} of ${sizes.commitments}, ${byStore('scores')} of ${sizes.scores} and ${byStore('notes')} of ${sizes.notes} read), repPipelines ${byStore('repPipelines')}/${sizes.repPipelines} (per rep, the deals seen in 30 days with next steps: ${byStore('deals')} of the ${sizes.deals} deals, ${byStore('nextSteps')} of ${sizes.nextSteps} next steps read), repOpenDues ${byStore('repOpenDues')}/${sizes.repOpenDues} (per rep, promises still open by due day), callReviews ${byStore('callReviews')}/${sizes.callReviews}, reps ${byStore('reps')}/${sizes.reps}${others.length ? `; also ${others.join(', ')}` : ''}; aggregates not counted in the total stored`;
      const s = seeded.measured;
      return [
        result(
          'popup open → weekly scorecard table rendered (50 reps, a year of data)',
          median(measured.map((o) => o.at)),
          'ms',
          150,
          `browser reopened on the seeded profile, no write between opens; ${keptText(measured)}; runs: ${runsText(measured)}; first open after the restart ${first.at.toFixed(0)} ms (${first.detail.kept ? 'kept card' : 'fresh answer'}), then ${runsText(opens.slice(1, WARM_UP_OPENS))} (warm-up, not counted); ${first.rows} rows in the DOM (on-track reps folded); with the background's worker stopped first (as after 30 s idle) ${median(afterStop.map((o) => o.at)).toFixed(0)} ms (${runsText(afterStop)}; ${keptText(afterStop)}). Not in the median: in the session that wrote the year (seeded in ${seeded.seedSeconds.toFixed(0)} s, then ${SETTLE_AFTER_SEEDING_MS / 1000} s settling, the same warm-up and count) ${median(s.map((o) => o.at)).toFixed(0)} ms (runs: ${runsText(s)}; ${keptText(s)})`,
        ),
        result(
          'popup open right after a write → table rendered from the fresh answer (same data)',
          median(fresh.map((o) => o.at)),
          'ms',
          150,
          `a write (settings saved) before each open, so no kept card is current and the popup waits for the background's read and rollup; runs: ${runsText(fresh)}; ${splitText(fresh)}; with the worker also stopped first ${median(freshAfterStop.map((o) => o.at)).toFixed(0)} ms (${runsText(freshAfterStop)}: the worker's start comes first)`,
        ),
        result(
          'records read per weekly rollup, % of the records stored',
          (100 * counted.total) / totalStored,
          '%',
          10,
          `${counted.total} of ${totalStored} records: ${readDetail}`,
        ),
      ];
    } finally {
      await b.close();
    }
  } finally {
    await rm(profileDir, { recursive: true, force: true });
  }
}

const runsText = (opens) => opens.map((o) => o.at.toFixed(0)).join(', ');
const keptText = (opens) => `${opens.filter((o) => o.detail.kept).length} of ${opens.length} drew the kept card, the fresh answer arriving at ${median(opens.map((o) => o.dataAt)).toFixed(0)} ms`;

/** When the data arrived, and where the handler's time went. */
function splitText(opens) {
  const phases = Object.keys(opens[0].detail.read.phases ?? {})
    .map((k) => `${k} ${median(opens.map((o) => o.detail.read.phases[k])).toFixed(0)}`)
    .join(', ');
  return `data arrived at ${median(opens.map((o) => o.dataAt)).toFixed(0)} ms (rendered ${median(opens.map((o) => o.at - o.dataAt)).toFixed(0)} ms later); handler ${median(opens.map((o) => o.detail.ms)).toFixed(0)} ms median (${phases})`;
}

/**
 * Writes the seeded year into the extension's database in `profileDir`,
 * measures opens in that same session (reported, not budgeted), and closes the
 * browser. Why the budget is taken after reopening: pushing 186,000 records
 * through an extension page in under a minute leaves the extension's process
 * slow for the rest of that session — in one run, 177 ms against 125 ms after
 * reopening, with both the background's handler (55 vs 38 ms) and the popup's
 * own render (41 vs 19 ms) slower, so not IndexedDB alone. A profile that grew
 * over a year of use is opened by a browser that never did that; both figures
 * are in the detail of every run.
 */
async function seedYear(profileDir, measuredOpens) {
  const b = await launch({ extension: true, profileDir });
  try {
    const setup = await b.context.newPage();
    await setup.goto(`chrome-extension://${b.extensionId}/options.html`);
    // Any request makes the background open (create) the database at the current version.
    await sendFromExtensionPage(setup, [{ type: 'settings/set', patch: { user: BENCH_USER } }]);
    const timeZone = await setup.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const t0 = Date.now();
    const now = Date.now();
    const data = generateScorecardData({ seed: 4, now });
    const repWeeks = await repWeeksFor(data, timeZone);
    const pipeline = await pipelineFor(data.deals, data.nextSteps);
    const repPipelines = await repPipelinesFor(pipeline, now);
    const repOpenDues = await repOpenDuesFor(data.commitments);
    await writeIntoExtensionDb(setup, { ...data, repWeeks, pipeline, repPipelines, repOpenDues });
    const seedSeconds = (Date.now() - t0) / 1000;
    const sizes = await storeSizes(setup);
    await setup.close();
    // Writing a year in 45 s leaves IndexedDB compacting on disk for a while: let it settle.
    await new Promise((r) => setTimeout(r, SETTLE_AFTER_SEEDING_MS));
    const opens = [];
    for (let i = 0; i < measuredOpens + WARM_UP_OPENS; i++) opens.push(await openPopupOnce(b.context, b.extensionId));
    return { sizes, seedSeconds, measured: opens.slice(WARM_UP_OPENS) };
  } finally {
    await b.close();
  }
}

/**
 * Opens right after a write (from Options, as the sidebar's writes come), so
 * the popup must wait for a fresh answer; then the same with the worker
 * stopped between the write and the open (before it makes the card again).
 */
/** `A_WRITE`, sent from an Options page that is then closed. */
async function writeOnce(b) {
  const options = await b.context.newPage();
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
  await sendFromExtensionPage(options, [A_WRITE]);
  // closed before the worker is stopped: an open extension page reconnects its change port and wakes it
  await options.close();
}

async function opensAfterAWrite(b, count) {
  const control = await b.context.newPage();
  const cdp = await b.context.newCDPSession(control);
  await cdp.send('ServiceWorker.enable');
  const fresh = [];
  for (let i = 0; i < count; i++) {
    await writeOnce(b);
    fresh.push(await openPopupOnce(b.context, b.extensionId));
  }
  const freshAfterStop = [];
  for (let i = 0; i < COLD_WORKER_OPENS; i++) {
    await writeOnce(b);
    await cdp.send('ServiceWorker.stopAllWorkers');
    await new Promise((r) => setTimeout(r, 1000));
    freshAfterStop.push(await openPopupOnce(b.context, b.extensionId));
  }
  await control.close();
  return { fresh, freshAfterStop };
}

/**
 * The records IndexedDB hands the background while it answers one popup open (after a write, so
 * the answer is computed), counted by wrapping IndexedDB's read calls in the worker, outside
 * Dealside's code: every record a `get`, `getAll` or cursor step returns, by store (keys alone,
 * `getAllKeys` and `count`, are no records). The wrapping goes with the worker; it is stopped after.
 */
async function readsCountedByIndexedDb(b) {
  await writeOnce(b);
  const worker = b.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${b.extensionId}/`));
  if (!worker) throw new Error('no background worker to count reads in');
  await worker.evaluate(() => {
    const counts = {};
    globalThis.__benchReads = counts;
    const add = (store, n) => (counts[store] = (counts[store] ?? 0) + n);
    const wrap = (proto, method, storeOf, recordsIn) => {
      const original = proto[method];
      proto[method] = function (...args) {
        const request = original.apply(this, args);
        request.addEventListener('success', () => add(storeOf(this), recordsIn(request.result)));
        return request;
      };
    };
    const ofStore = (s) => s.name;
    const ofIndex = (i) => i.objectStore.name;
    const all = (r) => r.length;
    const one = (r) => (r === undefined ? 0 : 1);
    // a cursor's every step fires `success` on the same request: one record each while it has one
    const step = (c) => (c ? 1 : 0);
    for (const [proto, storeOf] of [
      [IDBObjectStore.prototype, ofStore],
      [IDBIndex.prototype, ofIndex],
    ]) {
      wrap(proto, 'getAll', storeOf, all);
      wrap(proto, 'get', storeOf, one);
      wrap(proto, 'openCursor', storeOf, step);
    }
  });
  const open = await openPopupOnce(b.context, b.extensionId);
  if (open.detail.kept) throw new Error('the counted open drew a kept card: no read to count');
  const byStore = await worker.evaluate(() => globalThis.__benchReads ?? null);
  if (!byStore) throw new Error('the background worker restarted while its reads were counted');
  const control = await b.context.newPage();
  const cdp = await b.context.newCDPSession(control);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await control.close();
  return { byStore, total: Object.values(byStore).reduce((a, n) => a + n, 0), handlerSays: open.detail.read };
}

/** Opens right after stopping the background's service worker, as after MV3's 30 s idle stop. */
async function coldWorkerOpens(b) {
  const control = await b.context.newPage();
  const cdp = await b.context.newCDPSession(control);
  await cdp.send('ServiceWorker.enable');
  const opens = [];
  for (let i = 0; i < COLD_WORKER_OPENS; i++) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    await new Promise((r) => setTimeout(r, 1000));
    opens.push(await openPopupOnce(b.context, b.extensionId));
  }
  await control.close();
  return opens;
}

// The weekly scorecard's budgets, in Chromium with the built extension and a
// seeded year of data (50 reps × 40 open deals, 30,000 commitments, 100,000
// scores, 50,000 notes; test/bench/seed-scorecard.mjs):
//  - popup open → "Weekly scorecard" table rendered ≤ 150 ms (median; the
//    popup's performance.mark, from the popup document's timeOrigin);
//  - the rollup reads index ranges and aggregates, never whole stores:
//    records read per rollup against the stores' sizes.
import { launch, median, result } from './lib.mjs';
import { generateScorecardData, pipelineFor, repPipelinesFor, repWeeksFor, storeSizes, writeIntoExtensionDb } from './seed-scorecard.mjs';

const MARK = 'dealside:scorecard-rendered';
const SETTLE_AFTER_SEEDING_MS = 15_000;
/**
 * Opens before the measured ones: Chromium keeps compiled code for a page's
 * scripts only from their second or third load on, as any popup opened daily
 * has. The first open is reported separately.
 */
const WARM_UP_OPENS = 3;
/** Opens right after stopping the background's service worker (informational). */
const COLD_WORKER_OPENS = 5;
const MIN_MEASURED_OPENS = 15;

async function openPopupOnce(context, extensionId) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const mark = await page.waitForFunction((name) => {
    const m = performance.getEntriesByName(name)[0];
    const data = performance.getEntriesByName('dealside:scorecard-data')[0];
    const script = performance.getEntriesByType('resource').find((r) => r.name.includes('/chunks/popup-'));
    return m ? { at: m.startTime, dataAt: data?.startTime ?? NaN, scriptLoadedAt: script?.responseEnd ?? NaN, detail: m.detail } : null;
  }, MARK, { timeout: 15_000, polling: 10 });
  const value = await mark.jsonValue();
  const table = await page.evaluate(() => ({
    rows: document.querySelectorAll('table[aria-label="Weekly scorecard"] th[scope="row"]').length,
    error: document.querySelector('[role="alert"]')?.textContent ?? null,
  }));
  await page.close();
  return { ...value, ...table };
}

export async function run({ runs }) {
  const b = await launch({ extension: true });
  try {
    const setup = await b.context.newPage();
    await setup.goto(`chrome-extension://${b.extensionId}/options.html`);
    // Any request makes the background open (create) the database at the current version.
    await setup.evaluate(async () => {
      const res = await chrome.runtime.sendMessage({ type: 'settings/set', patch: { user: { name: 'Bench Manager', role: 'manager' } } });
      if (!res?.ok) throw new Error(JSON.stringify(res));
    });
    const timeZone = await setup.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    const t0 = Date.now();
    const now = Date.now();
    const data = generateScorecardData({ seed: 4, now });
    const repWeeks = await repWeeksFor(data, timeZone);
    const pipeline = await pipelineFor(data.deals, data.nextSteps);
    const repPipelines = await repPipelinesFor(pipeline, now);
    await writeIntoExtensionDb(setup, { ...data, repWeeks, pipeline, repPipelines });
    const seedSeconds = (Date.now() - t0) / 1000;
    const sizes = await storeSizes(setup);
    await setup.close();
    // Writing a year of data in 45 s leaves IndexedDB's store compacting on disk for
    // a while, which a profile that grew over a year never shows: let it settle.
    // (The first open right after seeding is still reported.)
    await new Promise((r) => setTimeout(r, SETTLE_AFTER_SEEDING_MS));

    // First open after seeding (warm service worker, cold popup), then `runs` more.
    const opens = [];
    // Opens are cheap next to the minute of seeding, and single opens spread widely on this
    // machine: take at least MIN_MEASURED_OPENS for the median.
    const measuredOpens = Math.max(runs, MIN_MEASURED_OPENS);
    for (let i = 0; i < measuredOpens + WARM_UP_OPENS; i++) opens.push(await openPopupOnce(b.context, b.extensionId));
    const measured = opens.slice(WARM_UP_OPENS);
    // Reported beside the budget, not in it: MV3 stops the background after ~30 s idle,
    // so a popup opened after a pause also waits for the worker to start again.
    const control = await b.context.newPage();
    const cdp = await b.context.newCDPSession(control);
    await cdp.send('ServiceWorker.enable');
    const afterStop = [];
    for (let i = 0; i < COLD_WORKER_OPENS; i++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await new Promise((r) => setTimeout(r, 1000));
      afterStop.push(await openPopupOnce(b.context, b.extensionId));
    }
    await control.close();
    const first = opens[0];
    if (first.error) throw new Error(`popup showed an error: ${first.error}`);
    const read = first.detail.read;
    const totalStored = sizes.commitments + sizes.scores + sizes.notes + sizes.callReviews + sizes.deals + sizes.nextSteps + sizes.reps;
    const readDetail = `repWeeks ${read.repWeeks}/${sizes.repWeeks} (per-day counts of commitments, scores, notes: none of those ${sizes.commitments} + ${sizes.scores} + ${sizes.notes} read), repPipelines ${read.repPipelines}/${sizes.repPipelines} (per rep, the deals seen in 30 days with next steps: none of the ${sizes.deals} deals, ${sizes.nextSteps} next steps or ${sizes.pipeline} per-deal summaries read), callReviews ${read.callReviews}/${sizes.callReviews}, reps ${read.reps}/${sizes.reps}; aggregates not counted in the total stored`;
    return [
      result(
        'popup open → weekly scorecard table rendered (50 reps, a year of data)',
        median(measured.map((o) => o.at)),
        'ms',
        150,
        `runs: ${measured.map((o) => o.at.toFixed(0)).join(', ')}; first open after seeding ${first.at.toFixed(0)} ms, then ${opens.slice(1, WARM_UP_OPENS).map((o) => o.at.toFixed(0)).join(', ')} (warm-up, not counted); data arrived at ${median(measured.map((o) => o.dataAt)).toFixed(0)} ms (rendered ${median(measured.map((o) => o.at - o.dataAt)).toFixed(0)} ms later); handler ${median(measured.map((o) => o.detail.ms)).toFixed(0)} ms median (${Object.keys(measured[0].detail.read.phases ?? {}).map((k) => `${k} ${median(measured.map((o) => o.detail.read.phases[k])).toFixed(0)}`).join(', ')}); ${first.rows} rows in the DOM (on-track reps folded); seeded in ${seedSeconds.toFixed(0)} s, measured after ${SETTLE_AFTER_SEEDING_MS / 1000} s settling. Not in the median: with the background's worker stopped first (as after 30 s idle) ${median(afterStop.map((o) => o.at)).toFixed(0)} ms (${afterStop.map((o) => o.at.toFixed(0)).join(', ')})`,
      ),
      result(
        'records read per weekly rollup, % of the records stored',
        (100 * read.total) / totalStored,
        '%',
        10,
        `${read.total} of ${totalStored} records: ${readDetail}`,
      ),
    ];
  } finally {
    await b.close();
  }
}

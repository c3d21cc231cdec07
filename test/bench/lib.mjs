// Shared plumbing for the benchmarks: launch Debian Chromium with or without
// the built extension, fulfil real CRM addresses from fixture files, read
// main-thread script time, and summarise runs. Plain .mjs so `npm run bench`
// needs no TypeScript loader.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHROMIUM, EXTENSION_DIR, ROOT, launchChromium } from '../support/browser.mjs';

export { CHROMIUM, EXTENSION_DIR, ROOT };

/**
 * Chromium 156 preloads its WebUI omnibox popup in a background renderer at a
 * random moment after a tab opens: 0.7–0.9 s of CPU, seen by tracing in about
 * half of all runs, with or without Dealside. On 2 cores it lands in either
 * arm of a comparison and swamps a 10 ms budget with noise, so the benchmark
 * browser turns it off (as it turns off background networking and component
 * updates: test/support/browser.mjs).
 */
const BENCH_ARGS = ['--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup'];

/** A fresh browser per run, with or without Dealside, or with a reference extension from `extensionDir` (see test/support/browser.mjs). */
export const launch = ({ extension, profileDir, extensionDir }) => launchChromium({ extension, profileDir, extensionDir, extraArgs: BENCH_ARGS });

/**
 * Fulfil `url` (a real CRM address, exact or glob) with a fixture file;
 * `transform` may rewrite the file's HTML first (async), `inject` adds a script.
 */
export async function routeFixture(context, urlGlob, fixtureFile, { inject, transform } = {}) {
  let body = await readFile(join(ROOT, fixtureFile), 'utf8');
  if (transform) body = await transform(body);
  if (inject) body = body.replace('</body>', `<script>${inject}</script></body>`);
  await context.route(urlGlob, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }),
  );
}

/** Who every benchmark signs in as: without a user, the sidebar shows its first-run form instead of the deal. */
export const BENCH_USER = { name: 'Bench Manager', role: 'manager' };

/** Send requests from an extension page (Options), as Dealside's own pages do; any refusal throws. */
export function sendFromExtensionPage(page, requests) {
  return page.evaluate(async (list) => {
    for (const r of list) {
      const res = await chrome.runtime.sendMessage(r);
      if (!res?.ok) throw new Error(`${r.type}: ${JSON.stringify(res)}`);
    }
  }, requests);
}

/** Open Options in browser `b` (with Dealside) and sign in as BENCH_USER; returns that page, still open. */
export async function signIn(b) {
  const options = await b.context.newPage();
  await options.goto(`chrome-extension://${b.extensionId}/options.html`);
  await sendFromExtensionPage(options, [{ type: 'settings/set', patch: { user: BENCH_USER } }]);
  return options;
}

/** Trace events that are script running on a thread (DevTools' Performance panel counts them as Scripting). */
const SCRIPT_EVENTS = new Set([
  'EvaluateScript', // a classic script, content scripts included
  'v8.evaluateModule',
  'v8.compile',
  'v8.compileModule',
  'FunctionCall', // event listeners, callbacks
  'TimerFire',
  'EventDispatch',
  'RunMicrotasks', // promise reactions: what runs after an `await` or `.then`
  'FireIdleCallback',
  'FireAnimationFrame',
  'XHRReadyStateChange',
  'XHRLoad',
]);

/**
 * Main-thread script time of a page's renderer, in ms, from a trace: the wall
 * time covered by script events on the thread that runs the page's main frame
 * (all worlds, so content scripts count; out-of-process frames such as
 * Dealside's sidebar do not). Nested events are counted once.
 *
 * Why a trace and not the Performance domain's ScriptDuration: ScriptDuration
 * leaves out promise reactions (a page spending 30 ms in a `.then` after
 * `import()` or `fetch()` shows 1.2–1.7 ms; `node test/bench/why-trace.mjs`),
 * and that is where a content script that awaits anything does much of its
 * work. ScriptDuration is still returned, for comparison.
 *
 * Call BEFORE navigating; `read()` ends the trace (start another timer to
 * measure a later stretch of the same page).
 */
export async function scriptTimer(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const startSd = await scriptDuration(cdp);
  // The trace stays in the browser until the end (ReturnAsStream): streaming it
  // to this process while the page loads would add CPU load of its own.
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'v8.execute', '__metadata'] },
    transferMode: 'ReturnAsStream',
  });
  return {
    /** { ms: trace-based script time, cpuMs: the thread's CPU time in it, scriptDurationMs: the Performance domain's figure } since this timer started */
    async read() {
      const scriptDurationMs = (await scriptDuration(cdp)) - startSd;
      const { frameTree } = await cdp.send('Page.getFrameTree');
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      const { stream } = await complete;
      let text = '';
      for (;;) {
        const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
        text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
        if (chunk.eof) break;
      }
      await cdp.send('IO.close', { handle: stream });
      await cdp.detach();
      const parsed = JSON.parse(text);
      const all = Array.isArray(parsed) ? parsed : parsed.traceEvents;
      return {
        ms: scriptMsOfMainFrame(all, frameTree.frame.id),
        cpuMs: scriptMsOfMainFrame(all, frameTree.frame.id, true),
        scriptDurationMs,
        extensionScriptEvents: extensionScriptEventsOfMainFrame(all, frameTree.frame.id),
      };
    },
  };
}

/**
 * Union of script-event wall time on the renderer thread that last ran `mainFrame`;
 * with `cpu`, the thread's CPU time within those events instead (each event's
 * thread time, pro rata where events overlap). Wall time is the budgeted figure:
 * it is what the page waits. CPU time leaves out the stretches the thread was
 * not running (on 2 cores, other processes, the extension's own included, take
 * turns with it), and is reported beside it.
 */
function scriptMsOfMainFrame(all, mainFrame, cpu = false) {
  const mine = mainFrameThreadEvents(all, mainFrame);
  mine.sort((a, b) => a.ts - b.ts);
  let ms = 0;
  let end = -Infinity;
  for (const e of mine) {
    const from = Math.max(e.ts, end);
    const to = e.ts + (e.dur ?? 0);
    if (to > from) ms += (cpu ? (e.tdur ?? 0) * ((to - from) / (e.dur || 1)) : to - from) / 1000;
    end = Math.max(end, to);
  }
  return ms;
}

/**
 * The script events on the renderer thread that last ran `mainFrame` (a page with no script
 * of its own, and no extension, has none: 0 ms). No event of that frame at all, script or not
 * (its parsing, its layout), means the trace did not see the page (its format or the frame's
 * id changed): that throws, rather than reading as "0 ms" on both sides and passing any budget.
 */
function mainFrameThreadEvents(all, mainFrame) {
  const threadNames = threadNamesOf(all);
  const frameOf = (e) => e.args?.data?.frame ?? e.args?.beginData?.frame ?? e.args?.frame;
  // The last renderer that ran the main frame (a cross-site navigation moves it off the first).
  const owner = all.findLast((e) => e.ph === 'X' && frameOf(e) === mainFrame && threadNames.get(`${e.pid}:${e.tid}`) === 'CrRendererMain');
  if (!owner) throw new Error('the trace holds no event of the page\'s main frame: nothing was measured');
  return all.filter((e) => e.ph === 'X' && SCRIPT_EVENTS.has(e.name) && e.pid === owner.pid && e.tid === owner.tid);
}
const threadNamesOf = (all) => new Map(all.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));

/** How many script events on the page's thread name an extension's script: some in every run with an extension, none without. */
function extensionScriptEventsOfMainFrame(all, mainFrame) {
  return mainFrameThreadEvents(all, mainFrame).filter((e) => JSON.stringify(e.args ?? {}).includes('chrome-extension://')).length;
}

async function scriptDuration(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
}

/** Main-world long-task observer, installed before any page script. */
export const LONG_TASK_OBSERVER = `
  window.__benchLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__benchLongTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    window.__benchLongTaskObserverOk = true;
  } catch {}
`;

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export const RUNS = Number(process.env.BENCH_RUNS || 7);

export function result(name, value, unit, budget, detail = '') {
  return { name, value: round(value, 2), unit, budget, pass: value <= budget, detail };
}

/** A figure printed for context beside the budgeted ones (no budget, never fails the run). */
export function reference(name, value, unit, detail = '') {
  return { name, value: round(value, 2), unit, budget: null, pass: true, reference: true, detail };
}

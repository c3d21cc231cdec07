// Shared plumbing for the benchmarks: launch Debian Chromium with or without
// the built extension, fulfil real CRM addresses from fixture files, read
// main-thread script time, and summarise runs. Plain .mjs so `npm run bench`
// needs no TypeScript loader.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHROMIUM, EXTENSION_DIR, ROOT, launchChromium } from '../support/browser.mjs';

export { CHROMIUM, EXTENSION_DIR, ROOT };

/** A fresh browser per run, with or without Dealside (see test/support/browser.mjs). */
export const launch = ({ extension, profileDir }) => launchChromium({ extension, profileDir });

/** Fulfil `url` (a real CRM address, exact or glob) with a fixture file; abort everything else external. */
export async function routeFixture(context, urlGlob, fixtureFile, { inject } = {}) {
  let body = await readFile(join(ROOT, fixtureFile), 'utf8');
  if (inject) body = body.replace('</body>', `<script>${inject}</script></body>`);
  await context.route(urlGlob, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }),
  );
}

/**
 * Cumulative main-thread script time of the page's renderer (all worlds, so
 * content scripts count), in ms. The Performance domain only counts from when
 * it is enabled: call this BEFORE navigating, read after.
 */
export async function scriptTimer(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return {
    async read() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
      return (m.ScriptDuration ?? 0) * 1000;
    },
  };
}

/** Main-world long-task observer, installed before any page script. */
export const LONG_TASK_OBSERVER = `
  window.__benchLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__benchLongTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
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

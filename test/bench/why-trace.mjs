#!/usr/bin/env node
// Why scriptTimer (lib.mjs) reads a trace: the same 30 ms of script, run in
// different ways, as Chromium's ScriptDuration and as the trace count it.
// ScriptDuration leaves out promise reactions (after `await`, `.then`,
// `import()`, `fetch()`). Run: node test/bench/why-trace.mjs
import { launch, scriptTimer } from './lib.mjs';

const SPIN = 'function spin(ms){const e=performance.now()+ms;while(performance.now()<e);}';
// 30 ms of busy script, placed each way
const WAYS = {
  'no spin': '',
  'in the script itself': 'spin(30);',
  'in a timer': 'setTimeout(() => spin(30));',
  'in a promise reaction': 'Promise.resolve().then(() => spin(30));',
  'after import()': "import('/m.js').then(() => spin(30));",
  'after fetch()': "fetch('/m.js').then(() => spin(30));",
};

const b = await launch({ extension: false });
try {
  await b.context.route('https://t.example/**', (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/m.js') return route.fulfill({ body: 'export const x = 1;', contentType: 'text/javascript' });
    const code = WAYS[url.searchParams.get('way')] ?? '';
    return route.fulfill({ body: `<!doctype html><p>spin</p><script>${SPIN}${code}</script>`, contentType: 'text/html' });
  });
  for (const way of Object.keys(WAYS)) {
    const page = await b.context.newPage();
    const timer = await scriptTimer(page);
    await page.goto(`https://t.example/?way=${encodeURIComponent(way)}`, { waitUntil: 'load' });
    await page.waitForTimeout(500);
    const { ms, scriptDurationMs } = await timer.read();
    console.log(`${way.padEnd(26)} ScriptDuration ${scriptDurationMs.toFixed(1).padStart(5)} ms   trace ${ms.toFixed(1).padStart(5)} ms`);
    await page.close();
  }
} finally {
  await b.close();
}

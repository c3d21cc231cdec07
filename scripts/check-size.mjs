// The CRM content script's budget is 25 KB minified. It comes in two parts:
// crm-watch.js runs on every CRM page; crm-reader.js joins it on deal pages. The
// budget holds for what a deal page loads: both together.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CONTENT_SCRIPT_BUDGET = 25 * 1024;
const out = join(resolve(import.meta.dirname, '..'), '.output/chrome-mv3');
const always = statSync(join(out, 'crm-watch.js')).size;
const reader = statSync(join(out, 'crm-reader.js')).size;
const total = always + reader;
const ok = total <= CONTENT_SCRIPT_BUDGET;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`CRM content script: ${kb(always)} on every CRM page + ${kb(reader)} on deal pages = ${kb(total)} (budget ${kb(CONTENT_SCRIPT_BUDGET)}) ${ok ? 'OK' : 'OVER BUDGET'}`);
// The scripts start from the bare entry (scripts/vite-bare-unlisted-entry.ts), not WXT's
// wrapper, whose start-up messages a build that lost the entry would carry again.
const wrapped = ['crm-watch.js', 'crm-reader.js', 'calls.js'].filter((f) => readFileSync(join(out, f), 'utf8').includes('crashed on startup'));
if (wrapped.length) console.log(`WXT's entry wrapper is back in ${wrapped.join(', ')}: the bare entry was not used`);
process.exit(ok && !wrapped.length ? 0 : 1);

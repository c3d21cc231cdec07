// The CRM content script runs on every CRM page: its budget is 25 KB minified.
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CONTENT_SCRIPT_BUDGET = 25 * 1024;
const file = join(resolve(import.meta.dirname, '..'), '.output/chrome-mv3/content-scripts/crm.js');
const size = statSync(file).size;
const ok = size <= CONTENT_SCRIPT_BUDGET;
console.log(`crm.js: ${(size / 1024).toFixed(1)} KB (budget ${CONTENT_SCRIPT_BUDGET / 1024} KB) ${ok ? 'OK' : 'OVER BUDGET'}`);
process.exit(ok ? 0 : 1);

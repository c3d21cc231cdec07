// Content-script weight: what a CRM page downloads and parses. The CRM script
// has two parts: crm-watch.js on every CRM page, crm-reader.js added on deal pages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { result } from './lib.mjs';

const BUDGET_KB = 25;

export async function run({ extensionDir }) {
  const size = (f) => readFileSync(join(extensionDir, f));
  const always = size('crm-watch.js');
  const reader = size('crm-reader.js');
  const kb = (b) => b.length / 1024;
  const rows = [
    result('CRM content script on a non-deal page (crm-watch.js, minified)', kb(always), 'KB', BUDGET_KB, `${(gzipSync(always).length / 1024).toFixed(1)} KB gzipped`),
    result(
      'CRM content script on a deal page (crm-watch.js + crm-reader.js, minified)',
      kb(always) + kb(reader),
      'KB',
      BUDGET_KB,
      `${(kb(always)).toFixed(1)} + ${kb(reader).toFixed(1)} KB; ${((gzipSync(always).length + gzipSync(reader).length) / 1024).toFixed(1)} KB gzipped`,
    ),
  ];
  // Every other script the manifest injects (the call-review script on recording pages): same budget.
  const manifest = JSON.parse(size('manifest.json').toString('utf8'));
  for (const f of manifest.content_scripts.flatMap((c) => c.js).filter((f) => f !== 'crm-watch.js')) {
    const b = size(f);
    rows.push(result(`content script ${f} (minified)`, kb(b), 'KB', BUDGET_KB, `${(gzipSync(b).length / 1024).toFixed(1)} KB gzipped`));
  }
  return rows;
}

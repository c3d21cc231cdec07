// The Lightning deal fixture made record-page sized, for the page-cost benchmark
// and the end-to-end test of a large record page. Plain .mjs (types in
// large-record.d.mts) so the benchmarks need no TypeScript loader.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './browser.mjs';

/**
 * `html` (the Lightning deal fixture) with the body of the 5,000-element noise page
 * (Setup's tree and Object Manager rows: SLDS markup, no scripts) placed inside the
 * active record's page, before its related lists. The noise page's own page host
 * loses its `active` and host classes, so the record stays the page shown.
 */
export async function withNoiseInRecordPage(html) {
  const noise = await readFile(join(ROOT, 'test/fixtures/crm/noise-5000.html'), 'utf8');
  const inner = /<body[^>]*>([\s\S]*)<\/body>/.exec(noise)?.[1].replace(/\bactive lafPageHost\b/g, 'noise-region');
  const host = html.indexOf('data-record-id="0065g00000AcmeQAAS"');
  const related = html.indexOf('<lst-related-list-container', host);
  if (!inner || host < 0 || related < 0) throw new Error('cannot build the large deal page from the fixtures');
  return `${html.slice(0, related)}<div class="record-extras">${inner}</div>${html.slice(related)}`;
}

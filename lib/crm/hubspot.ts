/**
 * HubSpot deal records: `app.hubspot.com` and regional hosts (`app-eu1…`).
 * New layout `/contacts/{portalId}/record/0-3/{dealId}` (0-3 = deals), old
 * layout `/contacts/{portalId}/deal/{dealId}`. recordId = `{portalId}-{dealId}`
 * so deals of two portals never collide.
 *
 * Reading relies on data attributes (`data-property-name`, `data-test-id`,
 * `data-selenium-test`) and ARIA only: HubSpot's class names are generated and
 * change between releases. Cards about OTHER records (associations, preview
 * dialogs) and navigation are never read.
 */
import type { DealAddress } from './types';
import { defineCrm, fieldText, isHidden, pageBody, textOf, titleWithout, type FieldReaders } from './dom';

const OTHER = '[data-test-id*="association"],[data-selenium-test*="association"],[role="dialog"],nav,[role="navigation"]';
/** What a property row shows besides its value. */
const LABEL_PARTS = 'label,[data-test-id*="label"],[data-selenium-test*="label"],[role="tooltip"],svg';
const HEADING = 'h2,[role="heading"][aria-level="2"]';

const usable = (el: Element) => !isHidden(el) && !el.closest(OTHER);
const main = (doc: Document) => doc.querySelector('main,[role="main"]') ?? pageBody(doc);
const first = (root: Element, sel: string) => Array.from(root.querySelectorAll(sel)).find(usable);

function parse(url: URL): DealAddress | null {
  const m = /^\/contacts\/(\d{1,12})\/(?:record\/0-3|deal)\/(\d{1,20})(?:\/.*)?$/.exec(url.pathname);
  return m ? { crm: 'hubspot', recordId: `${m[1]}-${m[2]}` } : null;
}

/** A property row's value (an input's value, else its text without the label); '--' is blank. */
function property(root: Element, name: string): string | undefined {
  const row = first(root, `[data-property-name="${name}"],[data-selenium-test="property-input-${name}"]`);
  if (!row) return undefined;
  const input = row.querySelector('input:not([type="hidden"]),textarea');
  const v = (input && fieldText(input)) || textOf(row, LABEL_PARTS);
  return v === '--' ? '' : v;
}

/**
 * Which deal the page shows: links to deal records (tabs, "view all
 * properties") outside association cards name it. While they name another
 * deal, the previous record is still on screen.
 */
function shows(root: Element, address: DealAddress): 'match' | 'other' | 'unknown' {
  let seen: 'other' | 'unknown' = 'unknown';
  for (const a of root.querySelectorAll('a[href*="/record/0-3/"],a[href*="/deal/"]')) {
    const id = /\/(?:record\/0-3|deal)\/(\d+)/.exec(a.getAttribute('href') ?? '')?.[1];
    if (!id || a.closest(OTHER)) continue;
    if (address.recordId.endsWith(`-${id}`)) return 'match';
    seen = 'other';
  }
  return seen;
}

function read(doc: Document, address: DealAddress): FieldReaders {
  const root = main(doc);
  if (!root || shows(root, address) === 'other') return {};
  const p = (name: string) => () => property(root, name);
  return {
    name: () => textOf(first(root, HEADING), 'button,svg') || titleWithout(doc, /\s+[|–-]\s+.*$/),
    amount: () => textOf(first(root, '[data-test-id="highlight-property-display-amount"]'), LABEL_PARTS) || property(root, 'amount'),
    stage: () => property(root, 'dealstage') || fieldText(first(root, '[data-test-id="deal-stage-select"]'), 'svg'),
    closeDate: p('closedate'),
    owner: p('hubspot_owner_id'),
    nextStep: p('hs_next_step'),
  };
}

export const hubspot = defineCrm({
  id: 'hubspot',
  label: 'HubSpot',
  host: /^app(?:-[a-z]{2,3}\d{1,2})?\.hubspot\.com$/,
  parse,
  read,
  rendered(doc, address) {
    const root = main(doc);
    return (
      !!root &&
      shows(root, address) !== 'other' &&
      !!textOf(first(root, HEADING)) &&
      !!root.querySelector('[data-property-name],[data-test-id="deal-stage-select"],[data-test-id^="highlight-property"]')
    );
  },
});

import { parseHTML } from 'linkedom';
import { afterEach, expect, it, vi } from 'vitest';
import { salesforce } from '../../../lib/crm/salesforce';
import { NAMES_THIS_RECORD, type DealSnapshot } from '../../../lib/crm/types';

const page = (id: string) => `<html lang="en-US"><head><title>Acme Renewal | Opportunity | Salesforce</title></head><body>
<div class="windowViewMode-normal oneContent active lafPageHost" data-record-id="${id}">
 <div data-target-selection-name="sfdc:RecordField.Opportunity.Name"><span class="test-id__field-value"><lightning-formatted-text>Acme Renewal</lightning-formatted-text></span></div>
 <div data-target-selection-name="sfdc:RecordField.Opportunity.Amount"><span class="test-id__field-value"><lightning-formatted-text>$120,000.00</lightning-formatted-text></span></div>
 <div data-target-selection-name="sfdc:RecordField.Opportunity.StageName"><span class="test-id__field-value"><lightning-formatted-text>Prospecting</lightning-formatted-text></span></div>
 <div data-target-selection-name="sfdc:RecordField.Opportunity.CloseDate"><span class="test-id__field-value"><lightning-formatted-text>12/31/2026</lightning-formatted-text></span></div>
 <div data-target-selection-name="sfdc:RecordField.Opportunity.OwnerId"><span class="test-id__field-value"><a>Dana Reyes</a></span></div>
 <div data-target-selection-name="sfdc:RecordField.Opportunity.NextStep"><span class="test-id__field-value"><lightning-formatted-text>Call</lightning-formatted-text></span></div>
</div></body></html>`;

const A = '0065g00000AcmeQAAS';
const B = '0065g00000CloneAAS'; // "Clone" of A: every field copied
const url = (id: string) => `https://acme.lightning.force.com/lightning/r/Opportunity/${id}/view`;

afterEach(() => vi.unstubAllGlobals());

/**
 * The reader having read deal A, the address now names B and the page shows `shown`: what the
 * watcher of B reports over 30 s, and whether the page was seen to name B.
 */
async function afterMoveToB(shown: string) {
  const { watchDeal, contentOf } = await import('../../../entrypoints/crm-reader/snapshot-watcher');
  // what the reader remembers of deal A
  const a = parseHTML(page(A)).document as unknown as Document;
  const snapA = salesforce.readDeal(a, { crm: 'salesforce', recordId: A }, new URL(url(A)));
  const { document, MutationObserver } = parseHTML(shown);
  vi.stubGlobal('document', document);
  vi.stubGlobal('MutationObserver', MutationObserver);
  vi.stubGlobal('location', { href: url(B) });
  vi.useFakeTimers();
  const reports: DealSnapshot[] = [];
  const w = watchDeal(salesforce, { crm: 'salesforce', recordId: B }, (s) => reports.push(s), contentOf(snapA));
  try {
    const rendered = salesforce.isRecordRendered(document as unknown as Document, { crm: 'salesforce', recordId: B });
    vi.advanceTimersByTime(30_000);
    return { rendered, reported: reports.map((r) => r.recordId) };
  } finally {
    w.stop();
    vi.useRealTimers();
  }
}

/**
 * After an in-app move the reader waits while the page shows exactly what it read for the deal
 * before (the new record not rendered yet). A clone shows exactly that, for good: it is read
 * once the page names it by its own id.
 */
it('a cloned opportunity (same fields, its own id on the active host) is read after deal A', async () => {
  // the user opens the clone B (SPA): the active host names B (hostShows === 'match')
  expect(await afterMoveToB(page(B))).toEqual({ rendered: NAMES_THIS_RECORD, reported: [B] });
});

it('the deal before still on screen under the new address (no id of the new record on the page) is waited out', async () => {
  // the address already names B; the active host still shows A, without its id
  expect(await afterMoveToB(page(A).replace(` data-record-id="${A}"`, ''))).toEqual({ rendered: true, reported: [] });
});

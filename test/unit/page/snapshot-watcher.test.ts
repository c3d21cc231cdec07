import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fieldText, scopeOf, shadowSearch, textOf } from '../../../lib/crm/dom';
import type { CrmAdapter, DealAddress, DealSnapshot } from '../../../lib/crm/types';
import type { SnapshotWatcher } from '../../../entrypoints/crm-reader/snapshot-watcher';

/**
 * The watcher on a page whose Next Step sits in an open shadow root, after `fillers`
 * other elements of the record: a read searches them all for shadow roots. Past the
 * watcher's allowance (SHADOW_SEARCH_ALLOWANCE elements) the page is touched a slice at a time first and
 * read after; the read that stopped short is not reported (its missing field is no
 * field cleared).
 */
function recordPage(fillers: number) {
  const { document, MutationObserver } = parseHTML('<html><body><main id="record"><h1 class="name">Acme renewal</h1></main></body></html>');
  const record = document.getElementById('record')!;
  for (let i = 0; i < fillers; i++) record.append(document.createElement('div'));
  const section = document.createElement('section');
  record.append(section);
  section.attachShadow({ mode: 'open' }).innerHTML = '<p class="next">Send the mutual action plan</p>';
  vi.stubGlobal('document', document);
  vi.stubGlobal('MutationObserver', MutationObserver);
  vi.stubGlobal('location', { href: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view' });
  return document as unknown as Document;
}

const address: DealAddress = { crm: 'salesforce', recordId: '0065g00000AcmeQAAS' };
/** the search's allowance as each read found it */
const allowances: number[] = [];
/** the search's allowance as each "is it being edited?" found it */
const editingAllowances: number[] = [];
/** Reads the name from the light DOM and the next step wherever it is (shadow roots searched). */
const adapter = {
  // the address names this record (a test may move it on)
  parseDealAddress: (url: URL) => (url.href.includes(address.recordId) ? address : { crm: 'salesforce', recordId: 'another' }),
  isRecordRendered: (doc: Document) => !!doc.querySelector('.name'),
  // the record open for editing: a form with Save (as Lightning's docked footer)
  isRecordBeingEdited: (doc: Document) => (editingAllowances.push(shadowSearch.allowance), !!doc.querySelector('form.editing')),
  readDeal: (doc: Document, a: DealAddress, url: URL) => {
    allowances.push(shadowSearch.allowance);
    const scope = scopeOf(doc.body);
    const next = textOf(scope.query('.next'));
    return { crm: a.crm, recordId: a.recordId, host: url.host, url: url.href, name: textOf(scope.query('.name')), ...(next ? { nextStep: { text: next } } : {}) };
  },
} as unknown as CrmAdapter;

const { watchDeal, contentOf, SHADOW_SEARCH_ALLOWANCE } = await import('../../../entrypoints/crm-reader/snapshot-watcher');
let watcher: SnapshotWatcher | undefined;
afterEach(() => {
  allowances.length = editingAllowances.length = 0;
  watcher?.stop();
  watcher = undefined;
  vi.unstubAllGlobals();
});

describe('snapshot watcher: the deal left behind', () => {
  const settle = () => new Promise((r) => setTimeout(r, 120));

  it('reads nothing once the address names another record (Firefox learns of the move by a poll, a second late)', async () => {
    const doc = recordPage(4);
    const reports: DealSnapshot[] = [];
    watcher = watchDeal(adapter, address, (s) => reports.push(s));
    expect(reports).toHaveLength(1);
    // the page moves on to Globex: its fields render before this watcher is replaced
    vi.stubGlobal('location', { href: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000GlobexAA/view' });
    doc.querySelector('.name')!.textContent = 'Globex expansion';
    await settle();
    expect(reports).toHaveLength(1); // not Globex's fields under Acme's id
  });

  it('waits, however long, while the page shows exactly what was read for the deal before; a deal sharing only its name shows at once', async () => {
    const doc = recordPage(4);
    const before = { crm: 'salesforce', recordId: 'the-deal-before', host: 'acme.lightning.force.com', url: 'https://x/', name: 'Acme renewal', nextStep: { text: 'Send the mutual action plan' }, readAt: 'then' };
    const reports: DealSnapshot[] = [];
    vi.useFakeTimers();
    try {
      watcher = watchDeal(adapter, address, (s) => reports.push(s), contentOf(before as never));
      vi.advanceTimersByTime(20_000); // past any give-up time: still the deal before on screen
      expect(reports).toHaveLength(0);
      // the new record renders: the same name, another next step (two deals may share a name)
      doc.querySelector('section')!.shadowRoot!.querySelector('.next')!.textContent = 'Book the security review';
      await vi.advanceTimersByTimeAsync(200);
      expect(reports.map((r) => [r.recordId, r.name, r.nextStep?.text])).toEqual([['0065g00000AcmeQAAS', 'Acme renewal', 'Book the security review']]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('snapshot watcher: a page that swaps its whole body (Turbo-, pjax-style)', () => {
  it('reads the new body: what it shows is reported, and its later edits too', async () => {
    const doc = recordPage(4);
    const reports: DealSnapshot[] = [];
    watcher = watchDeal(adapter, address, (s) => reports.push(s));
    expect(reports.map((r) => r.name)).toEqual(['Acme renewal']);
    const body = doc.createElement('body');
    body.innerHTML = '<main id="record"><h1 class="name">Acme renewal — 40 seats</h1></main>';
    doc.body.replaceWith(body);
    await new Promise((r) => setTimeout(r, 120));
    expect(reports.map((r) => r.name)).toEqual(['Acme renewal', 'Acme renewal — 40 seats']);
    doc.querySelector('.name')!.textContent = 'Acme renewal — 45 seats';
    await new Promise((r) => setTimeout(r, 120));
    expect(reports.map((r) => r.name)).toEqual(['Acme renewal', 'Acme renewal — 40 seats', 'Acme renewal — 45 seats']);
  });
});

describe('snapshot watcher: the search for shadow roots on a large page', () => {
  it('a record of ordinary size is read and reported at once', () => {
    recordPage(SHADOW_SEARCH_ALLOWANCE / 4);
    const reports: DealSnapshot[] = [];
    watcher = watchDeal(adapter, address, (s) => reports.push(s));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.nextStep?.text).toBe('Send the mutual action plan');
    expect(shadowSearch.allowance).toBe(Infinity); // left unlimited for anyone else searching
  });

  it('a large record: nothing reported at once, then one report, already with the field in the shadow root', async () => {
    const doc = recordPage(SHADOW_SEARCH_ALLOWANCE * 3);
    const walkers = vi.spyOn(doc, 'createTreeWalker');
    const reports: DealSnapshot[] = [];
    watcher = watchDeal(adapter, address, (s) => reports.push(s));
    expect(reports).toHaveLength(0);
    expect(shadowSearch.allowance).toBe(Infinity);
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    expect(reports[0]!.nextStep?.text).toBe('Send the mutual action plan');
    expect(reports[0]!.name).toBe('Acme renewal');
    // cut short, warmed (the record and the one shadow root), then read whole
    expect(walkers.mock.calls.length).toBeGreaterThanOrEqual(4);
    await new Promise((r) => setTimeout(r, 50));
    expect(reports).toHaveLength(1);
  });

  it('a large record: each later read is limited again (the record may have grown), and edits still arrive whole', async () => {
    const doc = recordPage(SHADOW_SEARCH_ALLOWANCE * 3);
    const reports: DealSnapshot[] = [];
    watcher = watchDeal(adapter, address, (s) => reports.push(s));
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    expect(allowances).toEqual([SHADOW_SEARCH_ALLOWANCE, Infinity]); // cut short, then whole after warming
    const next = doc.querySelector('section')!.shadowRoot!.querySelector('.next')!;
    next.textContent = 'Procurement review';
    doc.querySelector('.name')!.textContent = 'Acme renewal (2 years)';
    await vi.waitFor(() => expect(reports).toHaveLength(2));
    expect(reports[1]).toMatchObject({ name: 'Acme renewal (2 years)', nextStep: { text: 'Procurement review' } });
    expect(allowances.slice(2)).toEqual([SHADOW_SEARCH_ALLOWANCE, Infinity]);
  });

  it('stopped while it warms: no element walked after that, nothing ever reported', async () => {
    const doc = recordPage(SHADOW_SEARCH_ALLOWANCE * 3);
    const walkers = vi.spyOn(doc, 'createTreeWalker');
    const reports: DealSnapshot[] = [];
    watcher = watchDeal(adapter, address, (s) => reports.push(s));
    const walkedByTheRead = walkers.mock.calls.length;
    expect(walkedByTheRead).toBeGreaterThan(0);
    watcher.stop();
    await new Promise((r) => setTimeout(r, 100));
    expect(walkers.mock.calls.length).toBe(walkedByTheRead);
    expect(reports).toHaveLength(0);
  });
});

describe('snapshot watcher: a record open for editing', () => {
  it('reports nothing while every field is a form input; the saved record arrives', async () => {
    const doc = recordPage(10);
    const reports: DealSnapshot[] = [];
    watcher = watchDeal(adapter, address, (s) => reports.push(s));
    expect(reports).toHaveLength(1);
    // Edit mode: the fields turn into inputs (the reader finds the labels, and no next step)
    const record = doc.getElementById('record')!;
    const form = doc.createElement('form');
    form.className = 'editing';
    form.innerHTML = '<button name="SaveEdit">Save</button>';
    record.append(form);
    doc.querySelector('.name')!.textContent = 'Opportunity Name';
    doc.querySelector('section')!.shadowRoot!.querySelector('.next')!.textContent = '';
    const readsBefore = allowances.length;
    await vi.waitFor(() => expect(allowances.length).toBeGreaterThan(readsBefore)); // read, and held
    await new Promise((r) => setTimeout(r, 100));
    expect(reports).toHaveLength(1);
    // asked within the read's own allowance: its search is no larger than the read's
    expect(editingAllowances.length).toBeGreaterThanOrEqual(2);
    expect(editingAllowances.every((a) => a <= SHADOW_SEARCH_ALLOWANCE)).toBe(true);
    // Saved: the fields show their values again, one of them changed
    form.remove();
    doc.querySelector('.name')!.textContent = 'Acme renewal (2 years)';
    doc.querySelector('section')!.shadowRoot!.querySelector('.next')!.textContent = 'Send the mutual action plan';
    await vi.waitFor(() => expect(reports).toHaveLength(2));
    expect(reports[1]).toMatchObject({ name: 'Acme renewal (2 years)', nextStep: { text: 'Send the mutual action plan' } });
  });

  it('asks only of a read that would report: an unchanged record is not asked about again', async () => {
    const doc = recordPage(10);
    const reports: DealSnapshot[] = [];
    watcher = watchDeal(adapter, address, (s) => reports.push(s));
    expect(editingAllowances).toHaveLength(1); // the first read
    const readsBefore = allowances.length;
    doc.getElementById('record')!.append(doc.createElement('aside')); // something beside the record
    await vi.waitFor(() => expect(allowances.length).toBeGreaterThan(readsBefore));
    expect(editingAllowances).toHaveLength(1);
    expect(reports).toHaveLength(1);
  });
});

describe('snapshot watcher: a form field being typed in', () => {
  /** A record whose next step is an input (as Dynamics shows its fields, or HubSpot a property being edited). */
  function formPage() {
    const { document, MutationObserver, Event } = parseHTML(
      '<html><body><main id="record"><h1 class="name">Acme renewal</h1><input class="next" value="Send the MAP"></main></body></html>',
    );
    vi.stubGlobal('document', document);
    vi.stubGlobal('MutationObserver', MutationObserver);
    vi.stubGlobal('location', { href: 'https://contoso.crm4.dynamics.com/main.aspx' });
    let focused: Element | null = null;
    // linkedom keeps no focus: the test says which element has it, and fires what a browser would
    Object.defineProperty(document, 'activeElement', { get: () => focused, configurable: true });
    const focus = (el: Element | null) => {
      focused?.dispatchEvent(new Event('focusout', { bubbles: true }));
      focused = el;
      el?.dispatchEvent(new Event('focusin', { bubbles: true }));
    };
    return { doc: document as unknown as Document, Event, focus };
  }
  const formAdapter = {
    parseDealAddress: () => address,
    isRecordRendered: (doc: Document) => !!doc.querySelector('.name'),
    isRecordBeingEdited: () => false,
    readDeal: (doc: Document, a: DealAddress, url: URL) => ({
      crm: a.crm,
      recordId: a.recordId,
      host: url.host,
      url: url.href,
      name: textOf(doc.querySelector('.name')),
      nextStep: { text: fieldText(doc.querySelector('.next')) },
    }),
  } as unknown as CrmAdapter;
  /** Typing as React does it: the value, mirrored into the attribute (a mutation). */
  const type = (input: HTMLInputElement, text: string) => {
    input.value = text;
    input.setAttribute('value', text);
  };
  const settle = () => new Promise((r) => setTimeout(r, 150));

  it('is reported once committed (its change event), not keystroke by keystroke', async () => {
    const { doc, Event, focus } = formPage();
    const reports: DealSnapshot[] = [];
    watcher = watchDeal(formAdapter, address, (s) => reports.push(s));
    expect(reports.map((r) => r.nextStep?.text)).toEqual(['Send the MAP']);
    const input = doc.querySelector<HTMLInputElement>('.next')!;
    focus(input);
    type(input, 'Send the MAP v');
    await settle();
    type(input, 'Send the MAP v2');
    await settle();
    expect(reports).toHaveLength(1);
    input.dispatchEvent(new Event('change', { bubbles: true })); // Enter: committed, still focused
    await vi.waitFor(() => expect(reports).toHaveLength(2));
    expect(reports[1]!.nextStep?.text).toBe('Send the MAP v2');
  });

  it('an input put in place of the value (HubSpot) is held until committed, though never reported itself', async () => {
    const { doc, Event, focus } = formPage();
    const reports: DealSnapshot[] = [];
    watcher = watchDeal(formAdapter, address, (s) => reports.push(s));
    const editor = doc.createElement('input') as HTMLInputElement;
    editor.className = 'next';
    editor.value = 'Send the MAP';
    doc.querySelector('.next')!.replaceWith(editor);
    focus(editor);
    type(editor, 'Pricing call');
    await settle();
    expect(reports).toHaveLength(1);
    editor.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(reports).toHaveLength(2));
    expect(reports[1]!.nextStep?.text).toBe('Pricing call');
  });

  it('a value set by the CRM while the field has focus is held until focus leaves it, change event or not', async () => {
    const { doc, focus } = formPage();
    const reports: DealSnapshot[] = [];
    watcher = watchDeal(formAdapter, address, (s) => reports.push(s));
    const input = doc.querySelector<HTMLInputElement>('.next')!;
    focus(input);
    type(input, 'Send the MAP (saved)'); // the CRM's own script, as a save recalculates it
    await settle();
    expect(reports).toHaveLength(1);
    focus(doc.body); // clicked away: no change event (the user typed nothing)
    await vi.waitFor(() => expect(reports).toHaveLength(2));
    expect(reports[1]!.nextStep?.text).toBe('Send the MAP (saved)');
  });

  it('a field focused as the page loads does not keep the deal from being reported; a field not read does not hold it', async () => {
    const { doc, focus } = formPage();
    const input = doc.querySelector<HTMLInputElement>('.next')!;
    focus(input);
    type(input, 'Typed before the first read');
    const reports: DealSnapshot[] = [];
    watcher = watchDeal(formAdapter, address, (s) => reports.push(s));
    expect(reports.map((r) => r.nextStep?.text)).toEqual(['Typed before the first read']);
    // typing in a search box elsewhere on the page
    const search = doc.createElement('input');
    doc.body.append(search);
    focus(search);
    doc.querySelector('.name')!.textContent = 'Acme renewal (2 years)';
    await vi.waitFor(() => expect(reports).toHaveLength(2));
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deepQuery, isHidden, pageLocale, pageTitle, readTrace, scopeOf, shadowSearch, textOf, warmShadowSearch } from '../../../lib/crm/dom';
import { ADAPTERS, adapterFor, parseDealAddress } from '../../../lib/crm/registry';
import { SHADOW_SEARCH_ALLOWANCE } from '../../../entrypoints/crm-reader/snapshot-watcher';
import { NAMES_THIS_RECORD, type CrmAdapter, type DealSnapshot } from '../../../lib/crm/types';
import { DIR, fixtureFor, load, manifest, readEnriched, showLightningRecord, type Expect } from '../support/crm-fixtures';

function check(snap: Omit<DealSnapshot, 'readAt'>, exp: Expect): void {
  if (exp.name !== undefined) expect(snap.name).toBe(exp.name);
  if (exp.amountText !== undefined) expect(snap.amount?.text).toBe(exp.amountText);
  if (exp.amountValue !== undefined) expect(snap.amount?.value).toBe(exp.amountValue);
  if (exp.currency !== undefined) expect(snap.amount?.currency).toBe(exp.currency);
  if (exp.stage !== undefined) expect(snap.stage).toBe(exp.stage);
  if (exp.closeDateText !== undefined) expect(snap.closeDate?.text).toBe(exp.closeDateText);
  if (exp.closeDateIso !== undefined) expect(snap.closeDate?.iso).toBe(exp.closeDateIso);
  if (exp.owner !== undefined) expect(snap.owner).toBe(exp.owner);
  // '' in the manifest: the page shows the field blank, reported as such (the step was cleared in the CRM)
  if (exp.nextStepText === '') expect(snap.nextStep).toEqual({ text: '' });
  else if (exp.nextStepText !== undefined) expect(snap.nextStep?.text).toBe(exp.nextStepText);
  if (exp.nextStepDateIso !== undefined) expect(snap.nextStep?.date?.iso).toBe(exp.nextStepDateIso);
}

describe('manifest', () => {
  it('names existing fixture files and real CRM addresses', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(12);
    for (const e of manifest) {
      expect(() => readFileSync(join(DIR, e.file))).not.toThrow();
      expect(adapterFor(new URL(e.url))?.id).toBe(e.crm);
    }
  });

  it('fixtures load nothing from the network', () => {
    for (const file of new Set(manifest.map((e) => e.file))) {
      const html = readFileSync(join(DIR, file), 'utf8');
      expect(html).not.toMatch(/<(?:script|img|link|iframe)[^>]+(?:src|href)="(?:https?:)?\/\//i);
      expect(html).not.toMatch(/url\((?:['"])?(?:https?:)?\/\//i);
    }
  });
});

describe.each(manifest.filter((e) => e.deal !== false))('$file at $url', (entry) => {
  it('is a deal address with the expected record id', () => {
    expect(parseDealAddress(new URL(entry.url))).toEqual({ crm: entry.crm, recordId: entry.recordId });
  });

  it('reports the record as rendered', () => {
    const { doc, adapter, address } = fixtureFor(entry);
    // rendered; where the page names the record by its id (Lightning's active host), said so
    expect([true, NAMES_THIS_RECORD]).toContain(adapter.isRecordRendered(doc, address));
  });

  it('reads every expected field', () => {
    const { doc, adapter, address, url } = fixtureFor(entry);
    const snap = readEnriched(adapter, doc, address, url);
    expect(snap.crm).toBe(entry.crm);
    expect(snap.recordId).toBe(entry.recordId);
    expect(snap.host).toBe(url.host);
    expect(snap.url).toBe(url.href);
    check(snap, entry.expect ?? {});
  });

  it('traces an element for every value it read from the page (the watcher watches those)', () => {
    const { doc, adapter, address, url } = fixtureFor(entry);
    const traced: Element[] = [];
    readTrace.element = (el) => traced.push(el);
    const snap = adapter.readDeal(doc, address, url);
    readTrace.element = null;
    // what each traced element shows, read after the fact (not traced again)
    const shown = traced.map((el) => `${textOf(el)} ${el.getAttribute('title') ?? ''} ${(el as HTMLInputElement).value ?? ''}`);
    const values = [snap.amount?.text, snap.stage, snap.closeDate?.text, snap.owner, snap.nextStep?.text];
    // the name alone may come from the document's title
    if (snap.name && !pageTitle(doc).includes(snap.name)) values.push(snap.name);
    for (const value of values.filter((v): v is string => !!v)) {
      expect(shown.some((t) => t.includes(value)), `${value} came from a traced element`).toBe(true);
    }
  });
});

describe.each(manifest.filter((e) => e.deal === false))('not a deal: $file at $url', (entry) => {
  it('is not a deal address', () => {
    expect(parseDealAddress(new URL(entry.url))).toBeNull();
  });
});

describe('Dynamics 365: the record name', () => {
  it('is the header title alone, whatever language its save state is shown in', () => {
    const dyn = ADAPTERS.find((a) => a.id === 'dynamics')!;
    const url = new URL('https://contoso.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=opportunity&id=6f9619ff-8b86-d011-b42d-00c04fc964ff');
    for (const state of [' - Saved', ' - Gespeichert', ' - Enregistré', ' - Unsaved changes']) {
      const doc = load('dynamics-opportunity.html');
      doc.querySelector('[data-id="header_title"] .pa-saved')!.textContent = state;
      expect(readEnriched(dyn, doc, dyn.parseDealAddress(url)!, url).name, state).toBe('Fabrikam — 500 Seats');
    }
    // a header without the attribute: its text, less an English save state
    const doc = load('dynamics-opportunity.html');
    doc.querySelector('[data-id="header_title"]')!.removeAttribute('title');
    expect(readEnriched(dyn, doc, dyn.parseDealAddress(url)!, url).name).toBe('Fabrikam — 500 Seats');
  });
});

describe('Salesforce Lightning: stale and in-between pages', () => {
  const ACME = 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view';
  const GLOBEX = 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000GlobexAA/view';
  const sf = ADAPTERS.find((a) => a.id === 'salesforce')!;

  it('the file as served has a hidden stale Globex host BEFORE the active Acme host', () => {
    const doc = load('salesforce-lightning-opportunity.html');
    const hosts = Array.from(doc.querySelectorAll('[data-record-id]'));
    expect(hosts.map((h) => h.getAttribute('data-record-id'))).toEqual(['0065g00000GlobexAA', '0065g00000AcmeQAAS']);
    expect(isHidden(hosts[0])).toBe(true);
    expect(hosts[1]!.classList.contains('active')).toBe(true);
    // a naive first-match reader would pick up Globex
    expect(textOf(doc.querySelector('[data-target-selection-name="sfdc:RecordField.Opportunity.Name"] .test-id__field-value'))).toBe(
      'Globex — Expansion',
    );
    const url = new URL(ACME);
    const snap = readEnriched(sf, doc, parseDealAddress(url)!, url);
    expect(snap.name).toBe('Acme Corp — Platform Renewal');
    expect(snap.amount?.text).toBe('$120,000.00');
  });

  it('does not read the previous record while the new one has not arrived', () => {
    // address already says Globex, the active host still shows Acme
    const doc = load('salesforce-lightning-opportunity.html');
    const url = new URL(GLOBEX);
    const address = parseDealAddress(url)!;
    expect(sf.isRecordRendered(doc, address)).toBe(false);
    const snap = readEnriched(sf, doc, address, url);
    // only what the address and the page's language say: no field of either record
    expect(snap).toEqual({ crm: 'salesforce', recordId: '0065g00000GlobexAA', host: url.host, url: url.href, locale: 'en-US' });
  });

  it('reads nothing while no page host is active (old page hidden, new one not shown yet)', () => {
    const doc = load('salesforce-lightning-opportunity.html');
    for (const h of Array.from(doc.querySelectorAll('.lafPageHost'))) {
      h.classList.remove('active');
      h.setAttribute('hidden', '');
    }
    for (const href of [ACME, GLOBEX]) {
      const url = new URL(href);
      const address = parseDealAddress(url)!;
      expect(sf.isRecordRendered(doc, address)).toBe(false);
      const snap = readEnriched(sf, doc, address, url);
      expect(snap.name).toBeUndefined();
      expect(snap.amount).toBeUndefined();
    }
  });

  it('Back to Acme after Globex: reads Acme again, not the hidden Globex host', () => {
    const doc = load('salesforce-lightning-opportunity.html');
    showLightningRecord(doc, '0065g00000GlobexAA');
    showLightningRecord(doc, '0065g00000AcmeQAAS');
    const url = new URL(ACME);
    const snap = readEnriched(sf, doc, parseDealAddress(url)!, url);
    expect(snap.name).toBe('Acme Corp — Platform Renewal');
    expect(snap.owner).toBe('Dana Reyes');
  });

  it('the one.app hash address of Acme reads Acme', () => {
    const doc = load('salesforce-lightning-opportunity.html');
    const url = new URL('https://acme.lightning.force.com/one/one.app#/sObject/0065g00000AcmeQAAS/view');
    expect(readEnriched(sf, doc, parseDealAddress(url)!, url).name).toBe('Acme Corp — Platform Renewal');
  });

  it('sees an inline edit made in place (as window.__fixture.editField does)', () => {
    const doc = load('salesforce-lightning-opportunity.html');
    const active = doc.querySelector('.lafPageHost.active')!;
    const item = deepQuery(active, '[data-target-selection-name="sfdc:RecordField.Opportunity.NextStep"]')!;
    item.querySelector('lightning-formatted-text')!.textContent = 'Exec sponsor call 1/20/2027';
    const url = new URL(ACME);
    const snap = readEnriched(sf, doc, parseDealAddress(url)!, url);
    expect(snap.nextStep).toEqual({ text: 'Exec sponsor call 1/20/2027', date: { text: '1/20/2027', iso: '2027-01-20' } });
  });

  it('reads the Amount from inside an open shadow root', () => {
    const doc = load('salesforce-lightning-opportunity.html');
    const active = doc.querySelector('.lafPageHost.active')!;
    const num = active.querySelector('[data-target-selection-name="sfdc:RecordField.Opportunity.Amount"] lightning-formatted-number')!;
    expect(num.shadowRoot).toBeTruthy();
    expect(num.textContent?.trim()).toBe(''); // light DOM alone shows nothing
    expect(textOf(num)).toBe('$120,000.00');
  });

  it('falls back to layout labels, the highlights panel and the title', () => {
    const url = new URL(ACME);
    const address = parseDealAddress(url)!;
    const page = (inner: string, title = 'Acme Corp — Platform Renewal | Opportunity | Salesforce') =>
      parseHTML(`<html lang="en-US"><head><title>${title}</title></head><body>
        <div class="windowViewMode-normal active lafPageHost" data-record-id="0065g00000AcmeQAAS">${inner}</div></body></html>`)
        .document as unknown as Document;
    const byLabel = page(`
      <records-record-layout-item field-label="Amount"><span class="test-id__field-label">Amount</span><slot name="outputField"><lightning-formatted-text>$9.00</lightning-formatted-text></slot></records-record-layout-item>
      <records-record-layout-item field-label="Stage"><slot name="outputField"><lightning-formatted-text>Closed Won</lightning-formatted-text></slot></records-record-layout-item>`);
    let snap = readEnriched(sf, byLabel, address, url);
    expect(snap.amount).toEqual({ text: '$9.00', value: 9, currency: 'USD' });
    expect(snap.stage).toBe('Closed Won');
    expect(snap.name).toBe('Acme Corp — Platform Renewal'); // from the title
    const highlights = page('<h1><lightning-formatted-text slot="primaryField">From Highlights</lightning-formatted-text></h1>', 'Something | Salesforce');
    snap = readEnriched(sf, highlights, address, url);
    expect(snap.name).toBe('From Highlights');
    // the active host's own id is this record's
    expect(sf.isRecordRendered(highlights, address)).toBe(NAMES_THIS_RECORD);
  });

  it("a host that does not name its record: lookups and hover cards inside it do not make it another record's page", () => {
    const url = new URL(ACME);
    const address = parseDealAddress(url)!;
    const host = (inner: string) =>
      parseHTML(`<html lang="en-US"><body><div class="windowViewMode-normal active lafPageHost">${inner}</div></body></html>`).document as unknown as Document;
    const NAME = `<div data-target-selection-name="sfdc:RecordField.Opportunity.Name"><span class="test-id__field-value"><lightning-formatted-text>Acme Corp — Platform Renewal</lightning-formatted-text></span></div>`;
    // an account hover card first, then the record's own container
    const hover = host(`<records-hoverable-link data-record-id="0015g00000AcmeAcAA"><a>Acme Corp</a></records-hoverable-link>${NAME}`);
    expect(sf.isRecordRendered(hover, address)).toBe(true); // rendered, but nothing names this record
    expect(readEnriched(sf, hover, address, url).name).toBe('Acme Corp — Platform Renewal');
    // this record named anywhere inside, after another opportunity in a related list
    const related = host(`<div data-record-id="0065g00000PilotQAAS"></div><div data-record-id="0065g00000AcmeQAAS">${NAME}</div>`);
    expect(sf.isRecordRendered(related, address)).toBe(NAMES_THIS_RECORD);
    // only another opportunity named: that one's page
    const other = host(`<div data-record-id="0065g00000GlobexAA">${NAME.replace('Acme Corp — Platform Renewal', 'Globex — Expansion')}</div>`);
    expect(sf.isRecordRendered(other, address)).toBe(false);
    expect(readEnriched(sf, other, address, url).name).toBeUndefined();
  });
});

describe('Salesforce Lightning: a record open for editing', () => {
  const ACME = new URL('https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view');
  const sf = ADAPTERS.find((a) => a.id === 'salesforce')!;
  const address = parseDealAddress(ACME)!;
  const FOOTER = '<div class="slds-docked-form-footer"><button name="CancelEdit">Cancel</button><button name="SaveEdit">Save</button></div>';

  /** A layout item of the active record shown as Lightning's edit mode shows it: a labelled input. */
  function asInput(doc: Document, field: string, control = '<input type="text">'): Element {
    const active = doc.querySelector('.lafPageHost.active')!;
    const item = deepQuery(active, `[data-target-selection-name="sfdc:RecordField.Opportunity.${field}"]`)!;
    item.innerHTML = `<lightning-input class="slds-form-element"><label class="slds-form-element__label">${field}</label>${control}</lightning-input>`;
    return item;
  }
  /** The docked Cancel/Save footer of Lightning's edit mode, in the active record's host. */
  const withFooter = (doc: Document) => doc.querySelector('.lafPageHost.active')!.insertAdjacentHTML('beforeend', FOOTER);

  it('the record as served is not being edited; nor is any other CRM fixture', () => {
    for (const entry of manifest.filter((e) => e.deal !== false)) {
      const { doc, adapter, address: a } = fixtureFor(entry);
      expect(adapter.isRecordBeingEdited(doc, a), entry.file).toBe(false);
    }
  });

  it("a field shown as an enabled input (light DOM or a section's shadow root), under the Save footer, is the record open for editing", () => {
    const light = load('salesforce-lightning-opportunity.html');
    asInput(light, 'Amount');
    withFooter(light);
    expect(sf.isRecordBeingEdited(light, address)).toBe(true);
    const shadow = load('salesforce-lightning-opportunity.html');
    const item = asInput(shadow, 'NextStep');
    expect(item.getRootNode()).not.toBe(shadow); // the fixture keeps Next Step in a section's shadow root
    withFooter(shadow);
    expect(sf.isRecordBeingEdited(shadow, address)).toBe(true);
    const textarea = load('salesforce-lightning-opportunity.html');
    asInput(textarea, 'NextStep', '<textarea></textarea>');
    withFooter(textarea);
    expect(sf.isRecordBeingEdited(textarea, address)).toBe(true);
  });

  it('either sign alone is no edit: an input without the footer, the footer without an input', () => {
    const input = load('salesforce-lightning-opportunity.html');
    asInput(input, 'Amount');
    expect(sf.isRecordBeingEdited(input, address)).toBe(false);
    const footer = load('salesforce-lightning-opportunity.html');
    withFooter(footer);
    expect(sf.isRecordBeingEdited(footer, address)).toBe(false);
    // nor a footer kept hidden
    const hidden = load('salesforce-lightning-opportunity.html');
    asInput(hidden, 'Amount');
    withFooter(hidden);
    hidden.querySelector('.slds-docked-form-footer')!.setAttribute('hidden', '');
    expect(sf.isRecordBeingEdited(hidden, address)).toBe(false);
  });

  it("forms beside the record's fields are no edit of it: the activity composer's Log a Call, an Update Opportunity quick action", () => {
    const doc = load('salesforce-lightning-opportunity.html');
    const active = doc.querySelector('.lafPageHost.active')!;
    // "Log a Call" laid out from the Task's own layout, open in the activity tab
    active.insertAdjacentHTML(
      'beforeend',
      '<div class="forceActivityComposer"><records-record-layout-item field-label="Subject" data-target-selection-name="sfdc:RecordField.Task.Subject"><input type="text"></records-record-layout-item>' +
        `<records-record-layout-item field-label="Comments"><textarea></textarea></records-record-layout-item>${FOOTER}</div>`,
    );
    // a quick action updating the opportunity itself: its fields, as inputs, after the record's own
    active.insertAdjacentHTML(
      'beforeend',
      '<div class="quickActionForm"><records-record-layout-item field-label="Stage" data-target-selection-name="sfdc:RecordField.Opportunity.StageName"><select><option>Closed Won</option></select></records-record-layout-item>' +
        `<records-record-layout-item field-label="Next Step" data-target-selection-name="sfdc:RecordField.Opportunity.NextStep"><input type="text"></records-record-layout-item>${FOOTER}</div>`,
    );
    expect(sf.isRecordBeingEdited(doc, address)).toBe(false);
    expect(readEnriched(sf, doc, address, ACME)).toMatchObject({ stage: 'Negotiation/Review', nextStep: { text: 'Send mutual action plan draft by 12/15/2026' } });
  });

  it('controls that are no edit: a view-mode checkbox, a disabled, read-only or hidden input, one the field hides, one in a hidden host', () => {
    for (const control of [
      '<input type="checkbox" disabled>',
      '<input type="checkbox">',
      '<input type="text" disabled>',
      '<input type="text" readonly>',
      '<input type="hidden">',
      '<input type="text" hidden>',
      '<div style="display:none"><input type="text"></div>',
    ]) {
      const doc = load('salesforce-lightning-opportunity.html');
      asInput(doc, 'Amount', control);
      withFooter(doc);
      expect(sf.isRecordBeingEdited(doc, address), control).toBe(false);
    }
    // a record visited earlier, kept hidden, left in edit mode
    const stale = load('salesforce-lightning-opportunity.html');
    const globex = stale.querySelector('.lafPageHost[data-record-id="0065g00000GlobexAA"]')!;
    globex.querySelector('[data-target-selection-name="sfdc:RecordField.Opportunity.Amount"]')!.innerHTML = '<input type="text">';
    globex.insertAdjacentHTML('beforeend', FOOTER);
    expect(sf.isRecordBeingEdited(stale, address)).toBe(false);
  });

  it('what a read finds meanwhile is the form, not the record (why nothing is reported)', () => {
    const doc = load('salesforce-lightning-opportunity.html');
    asInput(doc, 'NextStep');
    expect(readEnriched(sf, doc, address, ACME).nextStep?.text).not.toBe('Send mutual action plan draft by 12/15/2026');
  });
});

describe('Salesforce Lightning: shadow roots searched only for what the light DOM lacks', () => {
  const url = new URL('https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view');
  const sf = ADAPTERS.find((a) => a.id === 'salesforce')!;
  const shadowRootsWalked = (doc: Document) => {
    const walked = new Set<ShadowRoot>();
    readTrace.root = (r) => walked.add(r);
    try {
      return { snap: readEnriched(sf, doc, parseDealAddress(url)!, url), walked };
    } finally {
      readTrace.root = null;
    }
  };

  it('the fixture keeps its Next Step in a section\'s shadow root: found, so the roots are searched', () => {
    const { snap, walked } = shadowRootsWalked(load('salesforce-lightning-opportunity.html'));
    expect(snap.name).toBe('Acme Corp — Platform Renewal');
    expect(snap.nextStep?.text).toBe('Send mutual action plan draft by 12/15/2026');
    expect([...walked].some((r) => r.host.localName === 'records-record-layout-section')).toBe(true);
  });

  it('every field shown in the light DOM: the same snapshot, and no open shadow root walked for a field', () => {
    const doc = load('salesforce-lightning-opportunity.html');
    const before = shadowRootsWalked(doc).snap;
    // the Next Step's item moved out of its section's shadow root into the light DOM
    const host = doc.querySelector('.active.lafPageHost')!;
    const item = deepQuery(host, '[data-target-selection-name="sfdc:RecordField.Opportunity.NextStep"]')!;
    expect(item.getRootNode()).not.toBe(doc);
    host.append(item);
    const { snap, walked } = shadowRootsWalked(doc);
    expect(snap).toEqual(before);
    // only the roots a value's own text passes through (the amount's formatted number)
    const amountRoots = [...walked].filter((r) => r.host.localName === 'lightning-formatted-number');
    expect(walked.size).toBe(amountRoots.length);
  });
});

describe('the search for open shadow roots, limited and warmed a slice at a time (a large page read without a long task)', () => {
  const url = new URL('https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view');
  const sf = ADAPTERS.find((a) => a.id === 'salesforce')!;
  afterEach(() => {
    shadowSearch.allowance = Infinity;
    shadowSearch.cutShort.clear();
  });

  it('stops short after the elements allowed, says which search it cut, and so misses the Next Step in a shadow root', () => {
    const doc = load('salesforce-lightning-opportunity.html');
    shadowSearch.allowance = 20;
    const cut = readEnriched(sf, doc, parseDealAddress(url)!, url);
    expect(cut.nextStep).toBeUndefined();
    expect(shadowSearch.cutShort.size).toBeGreaterThan(0);
    // unlimited (the default, and the watcher's once the page is warm): found, nothing cut
    shadowSearch.allowance = Infinity;
    shadowSearch.cutShort.clear();
    expect(readEnriched(sf, doc, parseDealAddress(url)!, url).nextStep?.text).toBe('Send mutual action plan draft by 12/15/2026');
    expect(shadowSearch.cutShort.size).toBe(0);
  });

  it('an allowance the page fits in changes nothing', () => {
    const doc = load('salesforce-lightning-opportunity.html');
    const unlimited = readEnriched(sf, doc, parseDealAddress(url)!, url);
    shadowSearch.allowance = SHADOW_SEARCH_ALLOWANCE; // the watcher's: this page's read visits about 400
    expect(readEnriched(sf, doc, parseDealAddress(url)!, url)).toEqual(unlimited);
    expect(shadowSearch.cutShort.size).toBe(0);
  });

  it('warming walks the root and every open shadow root the search would walk, over several tasks', async () => {
    const doc = load('salesforce-lightning-opportunity.html');
    const walked = new Set<ShadowRoot>();
    readTrace.root = (r) => walked.add(r);
    try {
      scopeOf(doc.body).queryAll('.no-such-thing');
    } finally {
      readTrace.root = null;
    }
    expect(walked.size).toBeGreaterThan(0);
    const walkers: Node[] = [];
    const create = doc.createTreeWalker.bind(doc);
    doc.createTreeWalker = ((root: Node, what?: number) => (walkers.push(root), create(root, what))) as typeof doc.createTreeWalker;
    const timeout = vi.spyOn(globalThis, 'setTimeout');
    await warmShadowSearch([doc.body], () => false, 0);
    expect(walkers[0]).toBe(doc.body);
    expect(new Set(walkers.slice(1))).toEqual(walked);
    // one batch of elements per task when each slice may take no time: the page's elements over several tasks
    expect(timeout.mock.calls.length).toBeGreaterThanOrEqual(Math.floor(doc.body.querySelectorAll('*').length / 64));
    timeout.mockRestore();
  });

  it('a root inside another is walked with it, not again', async () => {
    const doc = load('salesforce-lightning-opportunity.html');
    const walkers = vi.spyOn(doc, 'createTreeWalker');
    await warmShadowSearch([doc.body], () => false);
    const alone = walkers.mock.calls.length;
    walkers.mockClear();
    const inner = doc.querySelector('.active.lafPageHost')!;
    const sectionRoot = Array.from(doc.querySelectorAll('records-record-layout-section')).find((el) => el.shadowRoot)!.shadowRoot!;
    await warmShadowSearch([inner, doc.body, sectionRoot], () => false);
    expect(walkers.mock.calls.length).toBe(alone);
    expect(walkers.mock.calls[0]![0]).toBe(doc.body);
  });

  it('warming stops when told, and ends (never rejects) when the page throws under it', async () => {
    const doc = load('salesforce-lightning-opportunity.html');
    const walkers = vi.spyOn(doc, 'createTreeWalker');
    await warmShadowSearch([doc.body], () => true);
    expect(walkers).not.toHaveBeenCalled();
    walkers.mockImplementation(() => {
      throw new Error('odd DOM');
    });
    await expect(warmShadowSearch([doc.body], () => false)).resolves.toBeUndefined();
  });
});

describe('a next-step field shown blank is reported blank; no field at all is no report', () => {
  const readOf = (file: string, href: string, change: (doc: Document) => void) => {
    const url = new URL(href);
    const doc = load(file);
    if (file === 'salesforce-lightning-opportunity.html') showLightningRecord(doc, parseDealAddress(url)!.recordId);
    change(doc);
    return readEnriched(adapterFor(url)!, doc, parseDealAddress(url)!, url);
  };
  const LIGHTNING = ['salesforce-lightning-opportunity.html', 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view'] as const;
  const CLASSIC = ['salesforce-classic-opportunity.html', 'https://acme.my.salesforce.com/0065g00000ClassAAA'] as const;
  const HUBSPOT = ['hubspot-deal-new.html', 'https://app.hubspot.com/contacts/4455667/record/0-3/9876543210'] as const;
  const nextStepItem = (doc: Document) =>
    deepQuery(doc.querySelector('.lafPageHost.active')!, '[data-target-selection-name="sfdc:RecordField.Opportunity.NextStep"]')!;
  const classicLabel = (doc: Document) => Array.from(doc.querySelectorAll('.labelCol')).find((l) => textOf(l) === 'Next Step')!;

  it('Salesforce Lightning', () => {
    expect(readOf(...LIGHTNING, (doc) => (nextStepItem(doc).querySelector('lightning-formatted-text')!.textContent = '')).nextStep).toEqual({ text: '' });
    expect(readOf(...LIGHTNING, (doc) => nextStepItem(doc).remove())).not.toHaveProperty('nextStep');
  });
  it('Salesforce Classic', () => {
    expect(readOf(...CLASSIC, (doc) => (classicLabel(doc).nextElementSibling!.textContent = '\u00a0')).nextStep).toEqual({ text: '' });
    expect(
      readOf(...CLASSIC, (doc) => {
        const label = classicLabel(doc);
        label.nextElementSibling!.remove();
        label.remove();
      }),
    ).not.toHaveProperty('nextStep');
  });
  it('HubSpot ("--" is how it shows a blank property)', () => {
    const textarea = (doc: Document) => doc.querySelector<HTMLTextAreaElement>('[data-property-name="hs_next_step"] textarea')!;
    expect(readOf(...HUBSPOT, (doc) => textarea(doc).replaceWith('--')).nextStep).toEqual({ text: '' });
    expect(readOf(...HUBSPOT, (doc) => doc.querySelector('[data-property-name="hs_next_step"]')!.remove())).not.toHaveProperty('nextStep');
  });
});

describe('German Lightning org', () => {
  it('reads through the German layout label when the selection attribute is missing', () => {
    const doc = load('salesforce-lightning-de.html');
    expect(pageLocale(doc)).toBe('de-DE');
    expect(doc.querySelector('[data-target-selection-name="sfdc:RecordField.Opportunity.NextStep"]')).toBeNull();
  });
});

describe('Salesforce Classic in another language', () => {
  const read = (file: string, href: string, change: (doc: Document) => void = () => {}) => {
    const url = new URL(href);
    const doc = load(file);
    change(doc);
    return readEnriched(adapterFor(url)!, doc, parseDealAddress(url)!, url);
  };

  it('reads every field through its German label (was: the name only)', () => {
    const snap = read('salesforce-classic-de.html', 'https://acme-de.my.salesforce.com/0065g00000KlassAAA');
    expect(snap).toMatchObject({
      name: 'Stadtwerke Nordhafen — Wartungsvertrag',
      amount: { text: 'EUR 110.000,00 (USD 120.000,00)', value: 110000, currency: 'EUR' },
      stage: 'Verhandlung/Prüfung',
      closeDate: { text: '31.03.2027', iso: '2027-03-31' },
      owner: 'Jürgen Weber',
      nextStep: { text: 'Angebot an Einkauf senden bis 15.03.2027', date: { text: '15.03.2027', iso: '2027-03-15' } },
    });
  });

  it('prefers the English label: a custom field named like a German one ("Phase") earlier on an English layout is not the stage', () => {
    const snap = read('salesforce-classic-opportunity.html', 'https://acme.my.salesforce.com/0065g00000ClassAAA', (doc) => {
      const row = doc.querySelector('.detailList tr')!;
      row.insertAdjacentHTML('beforebegin', '<tr><td class="labelCol">Phase</td><td class="dataCol col02">Rollout wave 2</td></tr>');
    });
    expect(snap.stage).toBe('Value Proposition');
  });
});

describe('HubSpot: other records on the page', () => {
  const hs = ADAPTERS.find((a) => a.id === 'hubspot')!;
  it('ignores association cards and the hidden preview panel', () => {
    const entry = manifest.find((e) => e.file === 'hubspot-deal-new.html')!;
    const { doc, address, url } = fixtureFor(entry);
    const snap = readEnriched(hs, doc, address, url);
    expect(snap.amount?.text).toBe('$64,000.00');
    expect(snap.closeDate?.text).toBe('03/31/2027');
    // the deal's own rows removed: association values still must not be read
    for (const row of Array.from(doc.querySelectorAll('[data-test-id="about-card"] [data-property-name]'))) row.remove();
    for (const el of Array.from(doc.querySelectorAll('[data-test-id^="highlight-property"]'))) el.remove();
    const partial = readEnriched(hs, doc, address, url);
    expect(partial.amount).toBeUndefined();
    expect(partial.closeDate).toBeUndefined();
  });

  it('does not read the previous deal while the page still shows it', () => {
    const entry = manifest.find((e) => e.file === 'hubspot-deal-new.html')!;
    const doc = load(entry.file);
    const url = new URL('https://app.hubspot.com/contacts/4455667/record/0-3/1234');
    const address = parseDealAddress(url)!;
    expect(hs.isRecordRendered(doc, address)).toBe(false);
    expect(readEnriched(hs, doc, address, url).name).toBeUndefined();
  });
});

describe('odd documents never throw and give partial snapshots', () => {
  const huge = 'lorem ipsum '.repeat(200_000);
  const docs: [string, string][] = [
    ['empty body', '<html><body></body></html>'],
    ['garbage', 'garbage <<>> &&& <div <span>>> </x-y'],
    ['no root', ''],
    ['huge text', `<html><body><main><h1>${huge}</h1><h2>${huge}</h2><label>Amount</label><div>${huge}</div></main></body></html>`],
    [
      'deep nesting',
      `<html><body><div class="active lafPageHost">${'<div>'.repeat(3000)}x${'</div>'.repeat(3000)}</div></body></html>`,
    ],
    [
      'hostile attributes',
      `<html lang="&quot;]*{}"><body><div class="active lafPageHost" data-record-id='"]'><a href='"]'>x</a>
       <div data-target-selection-name="sfdc:RecordField.Opportunity.Amount"><span class="test-id__field-value">${'9'.repeat(5000)}</span></div></div></body></html>`,
    ],
  ];
  const urls = [
    'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
    'https://acme.my.salesforce.com/0065g00000AcmeQAAS',
    'https://app.hubspot.com/contacts/1/record/0-3/2',
    'https://acme.pipedrive.com/deal/1',
    'https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=opportunity&id=6f9619ff-8b86-d011-b42d-00c04fc964ff',
    'https://crm.zoho.com/crm/org1/tab/Potentials/2',
  ];
  for (const [label, html] of docs) {
    it(label, () => {
      const doc = parseHTML(html).document as unknown as Document;
      for (const href of urls) {
        const url = new URL(href);
        const adapter = adapterFor(url)!;
        const address = adapter.parseDealAddress(url)!;
        let snap: ReturnType<CrmAdapter['readDeal']> | undefined;
        expect(() => (snap = readEnriched(adapter, doc, address, url))).not.toThrow();
        expect(snap).toMatchObject({ crm: address.crm, recordId: address.recordId, host: url.host, url: url.href });
        expect(() => adapter.isRecordRendered(doc, address)).not.toThrow();
        for (const v of [snap!.name, snap!.stage, snap!.owner]) if (v) expect(v.length).toBeLessThanOrEqual(300);
        if (snap!.amount) expect(snap!.amount.text.length).toBeLessThanOrEqual(100);
      }
    });
  }
});

describe('cost on a large non-deal page', () => {
  it('stays fast even if an adapter is (wrongly) run on the 5,000-element setup page', () => {
    const doc = load('noise-5000.html');
    expect(doc.querySelectorAll('*').length).toBeGreaterThan(5000);
    const url = new URL('https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view');
    const address = parseDealAddress(url)!;
    for (const adapter of ADAPTERS) {
      readEnriched(adapter, doc, address, url); // warm up
      const t0 = performance.now();
      for (let i = 0; i < 5; i++) {
        adapter.isRecordRendered(doc, address);
        readEnriched(adapter, doc, address, url);
      }
      const ms = (performance.now() - t0) / 5;
      // linkedom is far slower than a browser; this only catches runaway (quadratic) scans
      expect(ms, adapter.id).toBeLessThan(250);
    }
  });
});

describe('dom helpers', () => {
  const html = (s: string, lang = 'en-US') => parseHTML(`<html lang="${lang}"><body>${s}</body></html>`).document as unknown as Document;

  it('isHidden: hidden, aria-hidden="true", inline display:none — on the element or an ancestor, across shadow roots', () => {
    const doc = html(`<div id="a" hidden><p id="a1">x</p></div><div aria-hidden="true"><p id="b1">x</p></div>
      <div style="color: red; display : none"><p id="c1">x</p></div><div aria-hidden="false" style="display:block"><p id="d1">x</p></div><x-host id="h" hidden></x-host>`);
    for (const id of ['a', 'a1', 'b1', 'c1']) expect(isHidden(doc.getElementById(id)), id).toBe(true);
    expect(isHidden(doc.getElementById('d1'))).toBe(false);
    const sr = doc.getElementById('h')!.attachShadow({ mode: 'open' });
    sr.innerHTML = '<span id="in">x</span>';
    expect(isHidden(sr.querySelector('#in'))).toBe(true);
  });

  it('textOf: shadow text with slots filled from the host, assistive text skipped, blocks separated', () => {
    const doc = html('<x-field id="f"><b slot="value">42</b><i>default</i></x-field><div id="g"><div>A</div><div>B</div><span class="sr">Edit</span></div>');
    const host = doc.getElementById('f')!;
    host.attachShadow({ mode: 'open' }).innerHTML = '<label>Amount</label> <slot name="value"></slot> (<slot></slot>)';
    expect(textOf(host)).toBe('Amount 42 (default)');
    expect(textOf(doc.getElementById('g'), '.sr')).toBe('A B');
    expect(deepQuery(doc, 'b')?.textContent).toBe('42');
  });

  it('scope.each: the matches of queryAll in the same order, shadow roots searched only when read past the light DOM', () => {
    const doc = html('<p class="v" id="l1"></p><x-host id="h"></x-host><p class="v" id="l2"></p>');
    doc.getElementById('h')!.attachShadow({ mode: 'open' }).innerHTML = '<p class="v" id="s1"></p>';
    const walked: ShadowRoot[] = [];
    readTrace.root = (r) => walked.push(r);
    try {
      const first = scopeOf(doc.body).each('.v')[Symbol.iterator]().next().value as Element;
      expect(first.id).toBe('l1');
      expect(walked).toHaveLength(0);
      const scope = scopeOf(doc.body);
      expect([...scope.each('.v')].map((e) => e.id)).toEqual(scope.queryAll('.v').map((e) => e.id));
      expect([...scope.each('.v')].map((e) => e.id)).toEqual(['l1', 'l2', 's1']);
      expect(walked).toHaveLength(1);
    } finally {
      readTrace.root = null;
    }
  });

  it('pageLocale reads <html lang> and refuses junk', () => {
    expect(pageLocale(html('', 'de-DE'))).toBe('de-DE');
    expect(pageLocale(html('', '"><script>'))).toBeUndefined();
    expect(pageLocale(parseHTML('<html><body></body></html>').document as unknown as Document)).toBeUndefined();
  });
});

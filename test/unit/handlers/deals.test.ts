import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDealsideDB, type DB } from '../../../lib/db/open';
import { createDealHandlers, type DealHandlers } from '../../../lib/handlers/deals';
import { HandlerError, createRouter, type Handlers } from '../../../lib/messages/router';
import { pageMessagesInOrder } from '../../../lib/handlers/tab-order';
import { stampingWrites } from '../../../lib/handlers/week-cache';
import type { ChangeEvent } from '../../../lib/messages/protocol';
import { noteDraftKey } from '../../../lib/model';
import { issueFrameToken } from '../../../lib/handlers/frame-tokens';
import { SIDEBAR_REFUSED } from '../../../lib/page/sidebar-framing';
import { patchSettings } from '../../../lib/db/settings';
import type { SenderLike } from '../../../lib/messages/senders';
import { createQuota } from '../../../lib/rules/record-quota';

const HOST = 'acme.lightning.force.com';
const URL_ = `https://${HOST}/lightning/r/Opportunity/0065g00000AcmeQAAS/view`;
const KEY = 'salesforce:acme/0065g00000AcmeQAAS';
/** the reader in a tab's top frame; `url` is where the document loaded, `tab.url` where the tab is now */
const content = { id: 'x', url: URL_, tab: { id: 7, url: URL_ }, frameId: 0 };
const sidebar = { id: 'x', url: 'chrome-extension://x/sidebar.html', tab: { id: 7 }, frameId: 3 };
/** the tab's frame token, as its reader put it in the sidebar frame's address */
const sidebarToken = (tabId = 7) => issueFrameToken('sidebar', tabId, false);

/** A Lightning record; its address names its record id unless one is given (the background holds a report to its sender's address). */
const snapshot = (extra: Record<string, unknown> = {}) => ({
  crm: 'salesforce' as const,
  recordId: '0065g00000AcmeQAAS',
  host: HOST,
  url: `https://${(extra.host as string | undefined) ?? HOST}/lightning/r/Opportunity/${(extra.recordId as string | undefined) ?? '0065g00000AcmeQAAS'}/view`,
  name: 'Acme Corp — Platform Renewal',
  owner: 'Dana Reyes',
  amount: { text: '€1.234,56' },
  closeDate: { text: '31.12.2026' },
  nextStep: { text: 'Send MAP by 15.12.2026' },
  locale: 'de-DE',
  readAt: '2026-11-25T10:00:00.000Z',
  ...extra,
});

let db: DB;
let h: DealHandlers;
let events: ChangeEvent[];
let n = 0;

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openDealsideDB(`deals-${++n}`);
  events = [];
  h = createDealHandlers({
    db: async () => db,
    broadcast: async (e) => void events.push(e),
    now: () => new Date('2026-11-25T10:00:00.000Z'),
    newId: (() => {
      let i = 0;
      return () => `id${++i}`;
    })(),
  });
  await h['settings/set']({ type: 'settings/set', patch: { user: { name: 'Morgan Lead', role: 'manager' } } }, sidebar);
});

describe('date order (05/11/2026 on a page whose language is en-US, with a UK locale)', () => {
  const GLOBEX = 'salesforce:acme/0065g00000GlobxQAA';
  const INITECH = 'salesforce:acme/0065g00000InitcQAA';
  const uk = (extra: Record<string, unknown> = {}) =>
    snapshot({ locale: 'en-US', amount: { text: '£120,000' }, closeDate: { text: '05/11/2026' }, nextStep: { text: 'Pricing call 04/12/2026' }, ...extra });
  const view = (dealKey = KEY) => h['deal/view']({ type: 'deal/view', dealKey }, sidebar);
  const report = (s: ReturnType<typeof snapshot>, from: SenderLike = { ...content, url: s.url, tab: { id: 7, url: s.url } }) => h['page/snapshot']({ type: 'page/snapshot', snapshot: s }, from);
  const setOrder = (patch: Record<string, unknown>) => h['settings/set']({ type: 'settings/set', patch }, sidebar);
  const learned = async () => (await h['settings/get']({ type: 'settings/get' }, sidebar)).dateOrderBySite;

  it("goes by the page's language until the site writes a close date that proves its order, then re-reads the site's deals", async () => {
    await report(uk());
    // nothing proves otherwise yet: en-US reads month first
    expect((await view()).deal?.snapshot.closeDate).toEqual({ text: '05/11/2026', iso: '2026-05-11' });
    expect((await view()).nextStep).toMatchObject({ due: '2026-04-12', source: 'crm' });
    events = [];
    // another deal on the same site closes on 26/11/2026: the site writes day first
    await report(uk({ recordId: '0065g00000GlobxQAA', name: 'Globex', closeDate: { text: '26/11/2026' }, nextStep: { text: 'Demo 03/12/2026' } }));
    expect((await view(GLOBEX)).nextStep).toMatchObject({ due: '2026-12-03' });
    // and Acme, stored before, is read again that way: its close date and its CRM next step's date
    expect((await view()).deal?.snapshot.closeDate).toEqual({ text: '05/11/2026', iso: '2026-11-05' });
    expect((await view()).nextStep).toMatchObject({ text: 'Pricing call 04/12/2026', due: '2026-12-04', source: 'crm' });
    // said once, naming exactly the deal read again (Options hears of the learned order too)
    expect(events.filter((e) => e.settings).map((e) => e.dealKeys)).toEqual([[KEY]]);
    expect(await learned()).toEqual({ [HOST]: 'day-first' });
    // later snapshots of the site follow what it proved
    await report(uk({ closeDate: { text: '06/11/2026' } }));
    expect((await view()).deal?.snapshot.closeDate).toEqual({ text: '06/11/2026', iso: '2026-11-06' });
  });

  it("a date typed in a next step proves nothing of the CRM's format", async () => {
    await report(uk({ recordId: '0065g00000GlobxQAA', name: 'Globex', closeDate: { text: '26/11/2026' } }));
    await report(uk({ recordId: '0065g00000InitcQAA', name: 'Initech', closeDate: { text: '07/11/2026' } }));
    expect((await view(INITECH)).deal?.snapshot.closeDate).toEqual({ text: '07/11/2026', iso: '2026-11-07' });
    // a rep writes "3/15/2026" in a next step, on a deal with no close date shown, and on one with an ambiguous one
    await report(uk({ closeDate: undefined, nextStep: { text: 'call back 3/15/2026' } }));
    await report(uk({ recordId: '0065g00000InitcQAA', name: 'Initech', closeDate: { text: '07/11/2026' }, nextStep: { text: 'call 3/15/2026' } }));
    expect(await learned()).toEqual({ [HOST]: 'day-first' });
    expect((await view(INITECH)).deal?.snapshot.closeDate).toEqual({ text: '07/11/2026', iso: '2026-11-07' });
    expect((await view(INITECH)).nextStep).toMatchObject({ due: '2026-03-15' });
  });

  it('two sites learned at once both stay learned', async () => {
    const other = 'globex.my.salesforce.com';
    const otherUrl = `https://${other}/0065g00000GlobxQAA`;
    const otherTab = { ...content, url: otherUrl, tab: { id: 8 } };
    await Promise.all([
      report(uk({ closeDate: { text: '26/11/2026' } })),
      report(uk({ recordId: '0065g00000GlobxQAA', host: other, url: otherUrl, closeDate: { text: '11/26/2026' } }), otherTab),
    ]);
    expect(await learned()).toEqual({ [HOST]: 'day-first', [other]: 'month-first' });
  });

  it('what one site proves is not taken for another', async () => {
    await report(uk({ closeDate: { text: '26/11/2026' } }));
    const other = 'globex.my.salesforce.com';
    const otherUrl = `https://${other}/0065g00000GlobxQAA`;
    await report(uk({ recordId: '0065g00000GlobxQAA', host: other, url: otherUrl, nextStep: { text: 'n/a' } }), { ...content, url: otherUrl, tab: { id: 7, url: otherUrl } });
    expect((await view('salesforce:globex/0065g00000GlobxQAA')).deal?.snapshot.closeDate).toEqual({ text: '05/11/2026', iso: '2026-05-11' });
  });

  it('the order set in Options wins, and re-reads the stored deals at once; a date set in the sidebar stays', async () => {
    await report(uk());
    await report(uk({ recordId: '0065g00000GlobxQAA', name: 'Globex', nextStep: { text: 'Demo 03/12/2026' } }));
    // the rep moved the CRM step's date in the sidebar, keeping its words
    await h['nextStep/set']({ type: 'nextStep/set', dealKey: GLOBEX, text: 'Demo 03/12/2026', due: '2026-12-20' }, sidebar);
    events = [];
    expect((await setOrder({ dateOrder: 'day-first' })).dateOrder).toBe('day-first');
    expect((await view()).deal?.snapshot.closeDate).toEqual({ text: '05/11/2026', iso: '2026-11-05' });
    expect((await view()).nextStep).toMatchObject({ due: '2026-12-04', source: 'crm' });
    expect((await view(GLOBEX)).nextStep).toMatchObject({ text: 'Demo 03/12/2026', due: '2026-12-20', source: 'sidebar' });
    expect(events.find((e) => e.settings)?.dealKeys.sort()).toEqual([KEY, GLOBEX].sort());
    // the same order again reads nothing again (the deals' amounts do not make them differ)
    events = [];
    await setOrder({ dateOrder: 'day-first' });
    await setOrder({ theme: 'dark' });
    expect(events.map((e) => e.dealKeys)).toEqual([[], []]);
    // back to automatic: the page's language again (nothing on this site proved an order)
    await setOrder({ dateOrder: 'auto' });
    expect((await view()).deal?.snapshot.closeDate).toEqual({ text: '05/11/2026', iso: '2026-05-11' });
    expect((await view(GLOBEX)).nextStep).toMatchObject({ due: '2026-12-20', source: 'sidebar' });
    // the page reports the same step again: the date set in the sidebar stands (the CRM's step did not change)…
    await report(uk({ recordId: '0065g00000GlobxQAA', name: 'Globex', nextStep: { text: 'Demo 03/12/2026' } }));
    expect((await view(GLOBEX)).nextStep).toMatchObject({ due: '2026-12-20', source: 'sidebar' });
    // …until the step changes in the CRM, which replaces it, as the sidebar says it will
    await report(uk({ recordId: '0065g00000GlobxQAA', name: 'Globex', nextStep: { text: 'Demo 03/19/2026' } }));
    expect((await view(GLOBEX)).nextStep).toMatchObject({ text: 'Demo 03/19/2026', due: '2026-03-19', source: 'crm' });
  });

  it('a step typed in the sidebar over the CRM step stays when the order changes and the page reports that same step again', async () => {
    await report(uk()); // "Pricing call 04/12/2026", read month first: April 12
    await h['nextStep/set']({ type: 'nextStep/set', dealKey: KEY, text: 'Send the proposal', due: '2026-12-01' }, sidebar);
    for (const order of ['day-first', 'month-first', 'auto'] as const) {
      await setOrder({ dateOrder: order });
      await report(uk()); // the CRM still shows the step it replaced
      expect((await view()).nextStep, order).toMatchObject({ text: 'Send the proposal', due: '2026-12-01', source: 'sidebar' });
    }
    // learned from another deal's close date on the site: the same
    await setOrder({ dateOrder: 'auto' });
    await report(uk({ recordId: '0065g00000GlobxQAA', name: 'Globex', closeDate: { text: '26/11/2026' } }));
    await report(uk());
    expect((await view()).nextStep).toMatchObject({ text: 'Send the proposal', source: 'sidebar' });
    // a real change of the step in the CRM still replaces it
    await report(uk({ nextStep: { text: 'Pricing call moved to 05/12/2026' } }));
    expect((await view()).nextStep).toMatchObject({ text: 'Pricing call moved to 05/12/2026', due: '2026-12-05', source: 'crm' });
  });

  it('an order no longer known takes the date it gave away too (no stale due date stays)', async () => {
    // plain "en": could be either way round
    await report(uk({ locale: 'en' }));
    expect((await view()).nextStep?.due).toBeUndefined();
    await setOrder({ dateOrder: 'day-first' });
    expect((await view()).nextStep).toMatchObject({ due: '2026-12-04' });
    await setOrder({ dateOrder: 'auto' });
    expect((await view()).deal?.snapshot.nextStep).toEqual({ text: 'Pricing call 04/12/2026', date: { text: '04/12/2026' } });
    expect((await view()).nextStep?.due).toBeUndefined();
  });

  it.each([
    ['shown blank for a moment', { nextStep: { text: '' } }],
    ['left off by another layout', { nextStep: undefined }],
  ])('an order no longer known takes its date away from a step %s while it was forgotten, when the step shows again', async (_how, gap) => {
    await setOrder({ dateOrder: 'day-first' });
    await report(uk({ locale: 'en' }));
    expect((await view()).nextStep).toMatchObject({ due: '2026-12-04' });
    await report(uk({ locale: 'en', ...gap }));
    await setOrder({ dateOrder: 'auto' });
    // the same text again: its date now reads two ways, so it has none (as if the field had never gone)
    await report(uk({ locale: 'en' }));
    expect((await view()).nextStep).toMatchObject({ text: 'Pricing call 04/12/2026', source: 'crm' });
    expect((await view()).nextStep?.due).toBeUndefined();
  });

  it("forgetting a site's learned order reads its deals by the page's language again; other sites stay learned", async () => {
    const other = 'globex.my.salesforce.com';
    const otherUrl = `https://${other}/0065g00000InitcQAA`;
    await report(uk({ closeDate: { text: '26/11/2026' } }));
    await report(uk({ recordId: '0065g00000GlobxQAA', name: 'Globex' }));
    // learned in another tab after Options drew its list: forgetting the first site keeps it
    await report(uk({ recordId: '0065g00000InitcQAA', host: other, url: otherUrl, closeDate: { text: '11/26/2026' } }), { ...content, url: otherUrl, tab: { id: 8 } });
    expect((await view(GLOBEX)).deal?.snapshot.closeDate?.iso).toBe('2026-11-05');
    await setOrder({ forgetDateOrderOf: HOST });
    expect(await learned()).toEqual({ [other]: 'month-first' });
    expect((await view(GLOBEX)).deal?.snapshot.closeDate?.iso).toBe('2026-05-11');
  });

  it('a report and a change of the order in Options at once: the deal ends read with the order in force', async () => {
    await Promise.all([report(uk()), setOrder({ dateOrder: 'day-first' })]);
    expect((await view()).deal?.snapshot.closeDate).toEqual({ text: '05/11/2026', iso: '2026-11-05' });
    expect((await view()).nextStep).toMatchObject({ due: '2026-12-04' });
    await Promise.all([setOrder({ dateOrder: 'month-first' }), report(uk({ closeDate: { text: '07/11/2026' } }))]);
    expect((await view()).deal?.snapshot.closeDate).toEqual({ text: '07/11/2026', iso: '2026-07-11' });
    expect((await view()).nextStep).toMatchObject({ due: '2026-04-12' });
  });

  it('refuses a date order that is not one of the three', async () => {
    const route = createRouter(h as unknown as Handlers, () => ({ id: 'x', origin: 'chrome-extension://x' }));
    const reply = await route({ type: 'settings/set', patch: { dateOrder: 'year-first' } }, sidebar);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const sites = await route({ type: 'settings/set', patch: { forgetDateOrderOf: 42 } }, sidebar);
    expect(sites).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect((await h['settings/get']({ type: 'settings/get' }, sidebar)).dateOrder).toBe('auto');
  });
});

describe('page/snapshot', () => {
  it('stores the deal, creates the rep, parses values from the texts and tells the tab', async () => {
    await h['page/snapshot']({ type: 'page/snapshot', snapshot: snapshot() }, content);
    const view = await h['deal/view']({ type: 'deal/view', dealKey: KEY }, sidebar);
    expect(view.deal?.snapshot.amount).toEqual({ text: '€1.234,56', value: 1234.56, currency: 'EUR' });
    expect(view.deal?.snapshot.closeDate).toEqual({ text: '31.12.2026', iso: '2026-12-31' });
    expect(view.nextStep).toMatchObject({ text: 'Send MAP by 15.12.2026', due: '2026-12-15', source: 'crm' });
    expect((await h['reps/list']({ type: 'reps/list' }, sidebar)).map((r) => r.id)).toEqual(['salesforce:Dana Reyes']);
    expect(await h['sidebar/current']({ type: 'sidebar/current', frameToken: await sidebarToken() }, sidebar)).toMatchObject({ tabId: 7, dealKey: KEY });
    expect(events.some((e) => e.tabIds.includes(7) && e.dealKeys.includes(KEY))).toBe(true);
  });

  it('a next-step field the page shows blank (through the router) reads as none and cannot be marked done; the same text shown again brings the step back', async () => {
    const route = createRouter(h as unknown as Handlers, () => ({ id: 'x', origin: 'chrome-extension://x' }));
    const view = async () => (await h['deal/view']({ type: 'deal/view', dealKey: KEY }, sidebar)).nextStep;
    expect(await route({ type: 'page/snapshot', snapshot: snapshot() }, content)).toMatchObject({ ok: true });
    await h['nextStep/markDone']({ type: 'nextStep/markDone', dealKey: KEY, shownText: 'Send MAP by 15.12.2026' }, sidebar);
    const done = await view();
    events = [];
    expect(await route({ type: 'page/snapshot', snapshot: snapshot({ nextStep: { text: '' } }) }, content)).toMatchObject({ ok: true });
    expect(await view()).toEqual({ ...done, crmClearedAt: '2026-11-25T10:00:00.000Z' });
    expect(events.some((e) => e.dealKeys.includes(KEY))).toBe(true);
    await expect(h['nextStep/markDone']({ type: 'nextStep/markDone', dealKey: KEY, shownText: 'Send MAP by 15.12.2026' }, sidebar)).rejects.toThrow('There is no next step to mark done.');
    await route({ type: 'page/snapshot', snapshot: snapshot() }, content);
    expect(await view()).toEqual(done);
  });

  it('replaces parsed values a page sends with its own parse of the text', async () => {
    await h['page/snapshot']({ type: 'page/snapshot', snapshot: snapshot({ amount: { text: '€1.234,56', value: 99_999_999, currency: 'USD' } }) }, content);
    const view = await h['deal/view']({ type: 'deal/view', dealKey: KEY }, sidebar);
    expect(view.deal?.snapshot.amount).toEqual({ text: '€1.234,56', value: 1234.56, currency: 'EUR' });
  });

  it("refuses a record of another site than the sender's page", async () => {
    await expect(
      h['page/snapshot']({ type: 'page/snapshot', snapshot: snapshot({ host: 'evil.example.com' }) }, content),
    ).rejects.toMatchObject({ code: 'bad-request' });
    expect(await h['deal/view']({ type: 'deal/view', dealKey: KEY }, sidebar)).toMatchObject({ deal: null });
  });

  it("refuses a record the tab's address does not show (a report is held to where the browser says the page is)", async () => {
    const GLOBEX = 'salesforce:acme/0065g00000GlobxQAA';
    const globex = snapshot({ recordId: '0065g00000GlobxQAA' });
    // Acme's page reporting Globex (same site, other record), and a list page reporting any deal
    await expect(h['page/snapshot']({ type: 'page/snapshot', snapshot: globex }, content)).rejects.toMatchObject({ code: 'bad-request' });
    const LIST = `https://${HOST}/lightning/o/Opportunity/list`;
    await expect(h['page/snapshot']({ type: 'page/snapshot', snapshot: snapshot() }, { ...content, tab: { id: 7, url: LIST } })).rejects.toMatchObject({ code: 'bad-request' });
    // the tab gone on to another org's site (the same record id there is another org's record)
    const otherOrg = { ...content, tab: { id: 7, url: URL_.replace(HOST, 'globex.lightning.force.com') } };
    await expect(h['page/snapshot']({ type: 'page/snapshot', snapshot: snapshot() }, otherOrg)).rejects.toMatchObject({ code: 'bad-request' });
    // the right record named as another CRM
    await expect(h['page/snapshot']({ type: 'page/snapshot', snapshot: snapshot({ crm: 'hubspot' }) }, content)).rejects.toMatchObject({ code: 'bad-request' });
    for (const dealKey of [KEY, GLOBEX]) expect(await h['deal/view']({ type: 'deal/view', dealKey }, sidebar)).toMatchObject({ deal: null });
    expect(await h['sidebar/current']({ type: 'sidebar/current', frameToken: await sidebarToken() }, sidebar)).toMatchObject({ dealKey: null });
    // after an in-app move the tab's address is the page's: sender.url stays the load address (Chromium, Firefox)
    const movedToGlobex = { ...content, tab: { id: 7, url: globex.url } };
    await expect(h['page/snapshot']({ type: 'page/snapshot', snapshot: snapshot() }, movedToGlobex)).rejects.toMatchObject({ code: 'bad-request' });
    await h['page/snapshot']({ type: 'page/snapshot', snapshot: globex }, movedToGlobex);
    expect(await h['sidebar/current']({ type: 'sidebar/current', frameToken: await sidebarToken() }, sidebar)).toMatchObject({ dealKey: GLOBEX });
    // its own record is taken, whatever else the address carries (a query, a hash)
    await h['page/snapshot']({ type: 'page/snapshot', snapshot: snapshot() }, { ...content, tab: { id: 7, url: `${URL_}?ws=1#tab` } });
    expect(await h['sidebar/current']({ type: 'sidebar/current', frameToken: await sidebarToken() }, sidebar)).toMatchObject({ dealKey: KEY });
  });

  it('a report the tab address had not caught up with as it was sent is checked against the address now', async () => {
    let now: string | undefined = URL_;
    const withTabs = createDealHandlers({ db: async () => db, broadcast: async () => {}, tabAddress: async () => now });
    const globex = snapshot({ recordId: '0065g00000GlobxQAA' });
    // sent as the tab still read Acme's address, handled once the tab shows Globex's: taken
    now = globex.url;
    await withTabs['page/snapshot']({ type: 'page/snapshot', snapshot: globex }, content);
    expect(await withTabs['sidebar/current']({ type: 'sidebar/current', frameToken: await sidebarToken() }, sidebar)).toMatchObject({
      dealKey: 'salesforce:acme/0065g00000GlobxQAA',
    });
    // neither then nor now (the tab moved on to a list): refused
    now = `https://${HOST}/lightning/o/Opportunity/list`;
    const initech = snapshot({ recordId: '0065g00000InitcQAA' });
    await expect(withTabs['page/snapshot']({ type: 'page/snapshot', snapshot: initech }, content)).rejects.toMatchObject({ code: 'bad-request' });
    now = undefined; // the tab closed meanwhile
    await expect(withTabs['page/snapshot']({ type: 'page/snapshot', snapshot: initech }, content)).rejects.toMatchObject({ code: 'bad-request' });
  });

  it("where the browser gives no tab address (Firefox, on the CRM hosts its content script matches), a report is held to its site and the CRM that runs there", async () => {
    const inFirefox = { ...content, tab: { id: 7 } };
    await h['page/snapshot']({ type: 'page/snapshot', snapshot: snapshot({ recordId: '0065g00000GlobxQAA' }) }, inFirefox);
    expect(await h['sidebar/current']({ type: 'sidebar/current', frameToken: await sidebarToken() }, sidebar)).toMatchObject({
      dealKey: 'salesforce:acme/0065g00000GlobxQAA',
    });
    await expect(h['page/snapshot']({ type: 'page/snapshot', snapshot: snapshot({ host: 'evil.example.com' }) }, inFirefox)).rejects.toMatchObject({ code: 'bad-request' });
    // …and to the CRM that runs there, with its address on that site
    await expect(h['page/snapshot']({ type: 'page/snapshot', snapshot: snapshot({ crm: 'hubspot' }) }, inFirefox)).rejects.toMatchObject({ code: 'bad-request' });
    const elsewhere = snapshot({ url: 'https://evil.example.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view' });
    await expect(h['page/snapshot']({ type: 'page/snapshot', snapshot: elsewhere }, inFirefox)).rejects.toMatchObject({ code: 'bad-request' });
    expect(await h['deal/view']({ type: 'deal/view', dealKey: KEY }, sidebar)).toMatchObject({ deal: null });
  });

  it('on a site the user added, the address is read as the CRM the user said runs there, and only that', async () => {
    const site = 'https://crm.example.com';
    const url = `${site}/lightning/r/Opportunity/0065g00000AcmeQAAS/view`;
    const onSite = { ...content, url, tab: { id: 7, url } };
    const atSite = snapshot({ host: 'crm.example.com' });
    // not added: no adapter owns the host, so no deal can be reported from it
    await expect(h['page/snapshot']({ type: 'page/snapshot', snapshot: atSite }, onSite)).rejects.toMatchObject({ code: 'bad-request' });
    await patchSettings(db, { crmSites: [{ origin: site, crm: 'hubspot', addedAt: '2026-11-25T09:00:00.000Z' }] });
    // said to run HubSpot: a Salesforce address there shows no HubSpot deal
    await expect(h['page/snapshot']({ type: 'page/snapshot', snapshot: atSite }, onSite)).rejects.toMatchObject({ code: 'bad-request' });
    await patchSettings(db, { crmSites: [{ origin: site, crm: 'salesforce', addedAt: '2026-11-25T09:00:00.000Z' }] });
    await h['page/snapshot']({ type: 'page/snapshot', snapshot: atSite }, onSite);
    expect(await h['sidebar/current']({ type: 'sidebar/current', frameToken: await sidebarToken() }, sidebar)).toMatchObject({
      dealKey: expect.stringMatching(/^salesforce:.*0065g00000AcmeQAAS$/),
    });
  });

  it("refuses a site's new deals and deal owners past its quota, says why in the tab's sidebar, and keeps known deals working", async () => {
    const quotaHandlers = createDealHandlers({
      db: async () => db,
      broadcast: async (e) => void events.push(e),
      now: () => new Date('2026-11-25T10:00:00.000Z'),
      newRecordQuotas: { deals: createQuota({ burst: 2, refillMs: 60_000 }), reps: createQuota({ burst: 1, refillMs: 60_000 }) },
    });
    const report = (id: string, owner = 'Dana Reyes') => {
      const s = snapshot({ recordId: id, owner });
      return quotaHandlers['page/snapshot']({ type: 'page/snapshot', snapshot: s }, { ...content, url: s.url, tab: { id: 7, url: s.url } });
    };
    const current = async () => quotaHandlers['sidebar/current']({ type: 'sidebar/current', frameToken: await sidebarToken() }, sidebar);
    await report('0065g00000AcmeQAAS');
    await report('0065g00000GlobxQAA');
    // a third new deal: refused, nothing written, and the sidebar told why
    events = [];
    await expect(report('0065g00000InitcQAA')).rejects.toMatchObject({ code: 'rate-limited' });
    expect(await db.get('deals', 'salesforce:acme/0065g00000InitcQAA')).toBeUndefined();
    expect(await current()).toMatchObject({ dealKey: null, refused: expect.stringContaining(`Pages on ${HOST} reported more new deals`) });
    expect(events.some((e) => e.tabIds.includes(7))).toBe(true);
    // a known deal still reports, and replaces the refusal
    await report('0065g00000AcmeQAAS');
    expect(await current()).toMatchObject({ dealKey: KEY });
    expect((await current()).refused).toBeUndefined();
    // a new owner on a known deal: the rep quota (1, spent on Dana) refuses it, and the deal keeps its owner
    await expect(report('0065g00000AcmeQAAS', 'Mallory Fake')).rejects.toMatchObject({ code: 'rate-limited' });
    expect((await current()).refused).toContain('new deal owners');
    expect((await db.get('deals', KEY))?.snapshot.owner).toBe('Dana Reyes');
    expect((await quotaHandlers['reps/list']({ type: 'reps/list' }, sidebar)).map((r) => r.name)).toEqual(['Dana Reyes']);
    // a page with no deal clears the refusal
    await quotaHandlers['page/snapshot']({ type: 'page/snapshot', snapshot: null }, content);
    expect((await current()).refused).toBeUndefined();
  });

  it("a page rendered ahead, unseen, in the tab (Chromium's prerender) neither moves the tab's deal nor takes its sidebar's token", async () => {
    const route = createRouter(h as unknown as Handlers, () => ({ id: 'x', origin: 'chrome-extension://x' }));
    const { frameToken } = await h['page/sidebarPrefs']({ type: 'page/sidebarPrefs' }, content);
    expect(await route({ type: 'page/snapshot', snapshot: snapshot() }, { ...content, documentLifecycle: 'active' })).toMatchObject({ ok: true });
    const beta = snapshot({ recordId: '0065g00000BetaxQAA', name: 'Beta' });
    const unseen = { ...content, url: beta.url, frameId: 697, documentLifecycle: 'prerender' };
    expect(await route({ type: 'page/sidebarPrefs' }, unseen)).toMatchObject({ ok: false, error: { code: 'bad-sender' } });
    expect(await route({ type: 'page/snapshot', snapshot: beta }, unseen)).toMatchObject({ ok: false, error: { code: 'bad-sender' } });
    expect(await h['sidebar/open']({ type: 'sidebar/open', frameToken }, sidebar)).toMatchObject({ current: { dealKey: KEY } });
  });

  it('an owner written in other capitals on another page is the rep already known: one rep, and the deal stays with it', async () => {
    const report = (id: string, owner: string) => {
      const s = snapshot({ recordId: id, owner });
      return h['page/snapshot']({ type: 'page/snapshot', snapshot: s }, { ...content, url: s.url, tab: { id: 7, url: s.url } });
    };
    await report('0065g00000AcmeQAAS', 'Dana Reyes');
    await report('0065g00000GlobxQAA', 'dana  REYES');
    await report('0065g00000AcmeQAAS', 'DANA REYES');
    expect((await h['reps/list']({ type: 'reps/list' }, sidebar)).map((r) => [r.id, r.name])).toEqual([['salesforce:Dana Reyes', 'Dana Reyes']]);
    expect((await db.get('deals', 'salesforce:acme/0065g00000GlobxQAA'))?.repId).toBe('salesforce:Dana Reyes');
    expect((await db.get('deals', KEY))?.repId).toBe('salesforce:Dana Reyes');
    // another person is another rep
    await report('0065g00000InitcQAA', 'Sam Ortiz');
    expect((await h['reps/list']({ type: 'reps/list' }, sidebar)).map((r) => r.name)).toEqual(['Dana Reyes', 'Sam Ortiz']);
  });

  it('a null snapshot clears the tab (the sidebar then shows no deal)', async () => {
    await h['page/snapshot']({ type: 'page/snapshot', snapshot: snapshot() }, content);
    expect(await h['sidebar/current']({ type: 'sidebar/current', frameToken: await sidebarToken() }, sidebar)).toMatchObject({ dealKey: KEY });
    await h['page/snapshot']({ type: 'page/snapshot', snapshot: null }, content);
    expect(await h['sidebar/current']({ type: 'sidebar/current', frameToken: await sidebarToken() }, sidebar)).toMatchObject({ dealKey: null });
  });

  // The reader does not wait for answers; a new deal takes longer to store than "no deal" or an unchanged one.
  // Through the background's own composition: ordering, then the generation stamp (which awaits for writes only), then the router.
  const inOrder = () => {
    const route = pageMessagesInOrder(stampingWrites(createRouter(h as unknown as Handlers, () => ({ id: 'x', origin: 'chrome-extension://x' }))));
    return (message: unknown, sender: typeof content = content) => route(message, sender);
  };

  it("a tab's reports take effect in the order sent, however long each takes to store", async () => {
    const send = inOrder();
    const GLOBEX = 'salesforce:acme/0065g00000GlobxQAA';
    const globex = snapshot({ recordId: '0065g00000GlobxQAA', name: 'Globex — Expansion', nextStep: { text: 'Security review 12/1' } });
    const onGlobex = { ...content, tab: { id: 7, url: globex.url } };
    await send({ type: 'page/snapshot', snapshot: globex }, onGlobex);
    // back to Acme (new: stored with its next step), then to a list page, then Globex again — all in flight at once
    await Promise.all([
      send({ type: 'page/snapshot', snapshot: snapshot() }),
      send({ type: 'page/snapshot', snapshot: null }),
      send({ type: 'page/snapshot', snapshot: globex }, onGlobex),
    ]);
    expect(await h['sidebar/current']({ type: 'sidebar/current', frameToken: await sidebarToken() }, sidebar)).toMatchObject({ dealKey: GLOBEX });
    await Promise.all([send({ type: 'page/snapshot', snapshot: snapshot() }), send({ type: 'page/snapshot', snapshot: null })]);
    expect(await h['sidebar/current']({ type: 'sidebar/current', frameToken: await sidebarToken() }, sidebar)).toMatchObject({ dealKey: null });
  });

  it('a read (the new page asking for the layout) does not overtake a snapshot the page before sent', async () => {
    const send = inOrder();
    // the old page's last snapshot (a write: the stamp awaits first), then the new page's first ask (read-only)
    await Promise.all([send({ type: 'page/snapshot', snapshot: snapshot() }), send({ type: 'page/sidebarPrefs' })]);
    expect(await h['sidebar/current']({ type: 'sidebar/current', frameToken: await sidebarToken() }, sidebar)).toMatchObject({ dealKey: null });
  });

  it("a failed report does not hold up the tab's next one", async () => {
    const send = inOrder();
    const [bad] = await Promise.all([
      send({ type: 'page/snapshot', snapshot: snapshot({ host: 'evil.example.com' }) }),
      send({ type: 'page/snapshot', snapshot: snapshot() }),
    ]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await h['sidebar/current']({ type: 'sidebar/current', frameToken: await sidebarToken() }, sidebar)).toMatchObject({ dealKey: KEY });
  });

  it('a new page putting up the sidebar shows no deal until it reports one (not the deal of the page before)', async () => {
    await h['page/snapshot']({ type: 'page/snapshot', snapshot: snapshot() }, content);
    events.length = 0;
    // a full load of another deal (or a reload): its reader asks for the layout before it has read anything
    const prefs = await h['page/sidebarPrefs']({ type: 'page/sidebarPrefs' }, content);
    expect(prefs).toMatchObject({ collapsed: false });
    // the frame that page makes is given a new token in its address
    expect(await h['sidebar/open']({ type: 'sidebar/open', frameToken: prefs.frameToken }, sidebar)).toMatchObject({
      current: { dealKey: null },
      view: null,
    });
    expect(events).toEqual([expect.objectContaining({ tabIds: [7] })]);
    // another tab's deal is untouched
    await h['page/snapshot']({ type: 'page/snapshot', snapshot: snapshot() }, { ...content, tab: { id: 8 } });
    await h['page/sidebarPrefs']({ type: 'page/sidebarPrefs' }, content);
    expect(await h['sidebar/current']({ type: 'sidebar/current', frameToken: await sidebarToken(8) }, { ...sidebar, tab: { id: 8 } })).toMatchObject({ dealKey: KEY });
  });
});

describe('the frame token', () => {
  it('only the frame the reader made (the token in its address) is told the tab’s deal; each new page gets a new token', async () => {
    const { frameToken: first } = await h['page/sidebarPrefs']({ type: 'page/sidebarPrefs' }, content);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    await h['page/snapshot']({ type: 'page/snapshot', snapshot: snapshot() }, content);
    expect(await h['sidebar/open']({ type: 'sidebar/open', frameToken: first }, sidebar)).toMatchObject({ current: { dealKey: KEY } });
    // a frame some other page made in this tab: no token, a made-up one, another tab's
    const otherTab = (await h['page/sidebarPrefs']({ type: 'page/sidebarPrefs' }, { ...content, tab: { id: 8 } })).frameToken;
    for (const frameToken of ['', 'f'.repeat(32), otherTab]) {
      await expect(h['sidebar/open']({ type: 'sidebar/open', frameToken }, sidebar)).rejects.toMatchObject({ code: 'bad-sender', message: SIDEBAR_REFUSED });
      await expect(h['sidebar/current']({ type: 'sidebar/current', frameToken }, sidebar)).rejects.toMatchObject({ code: 'bad-sender' });
    }
    // the next page in the tab: its own token; the page before's frame is told nothing more
    const { frameToken: second } = await h['page/sidebarPrefs']({ type: 'page/sidebarPrefs' }, content);
    expect(second).not.toBe(first);
    await expect(h['sidebar/open']({ type: 'sidebar/open', frameToken: first }, sidebar)).rejects.toMatchObject({ code: 'bad-sender' });
    expect(await h['sidebar/current']({ type: 'sidebar/current', frameToken: second }, sidebar)).toMatchObject({ tabId: 7 });
  });

  it('a token too long to be ours is refused before any handler runs', async () => {
    const route = createRouter(h as unknown as Handlers, () => ({ id: 'x', origin: 'chrome-extension://x' }));
    const reply = await route({ type: 'sidebar/open', frameToken: 'a'.repeat(65) }, sidebar);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});

describe('commitments', () => {
  beforeEach(async () => {
    await h['page/snapshot']({ type: 'page/snapshot', snapshot: snapshot() }, content);
  });

  it("a manager records the rep's words; resolving keeps the promise and adds the outcome", async () => {
    const c = await h['commitment/create']({ type: 'commitment/create', dealKey: KEY, text: 'a signed MAP with Acme', due: '2026-11-25', onBehalfOfRep: true }, sidebar);
    expect(c.statedBy).toEqual({ name: 'Dana Reyes', role: 'rep' });
    expect(c.recordedBy).toEqual({ name: 'Morgan Lead', role: 'manager' });
    const r = await h['commitment/resolve']({ type: 'commitment/resolve', id: c.id, outcome: 'missed', note: 'Legal slipped' }, sidebar);
    expect(r).toMatchObject({ status: 'missed', text: 'a signed MAP with Acme', resolution: { outcome: 'missed', note: 'Legal slipped' } });
  });

  it("a manager's own promise (the page shows no owner now) counts on no rep's scorecard; the rep's, recorded for them, on theirs", async () => {
    const create = (text: string, onBehalfOfRep?: boolean) =>
      h['commitment/create']({ type: 'commitment/create', dealKey: KEY, text, due: '2026-11-25', ...(onBehalfOfRep === undefined ? {} : { onBehalfOfRep }) }, sidebar);
    const forDana = await create('a signed MAP with Acme');
    expect(forDana).toMatchObject({ statedBy: { name: 'Dana Reyes', role: 'rep' }, repId: 'salesforce:Dana Reyes' });
    // said as the manager's own, on a page that shows the owner
    const ownSaid = await create('an exec sponsor call', false);
    expect(ownSaid.statedBy).toEqual({ name: 'Morgan Lead', role: 'manager' });
    expect(ownSaid.repId).toBeUndefined();
    // the same deal read again on a layout that shows no owner: the deal keeps Dana as its rep
    await h['page/snapshot']({ type: 'page/snapshot', snapshot: snapshot({ owner: undefined }) }, content);
    const own = await create('legal redlines back to Acme');
    expect(own.statedBy).toEqual({ name: 'Morgan Lead', role: 'manager' });
    expect(own.repId).toBeUndefined();
    const stored = (await h['deal/view']({ type: 'deal/view', dealKey: KEY }, sidebar)).commitments;
    expect(stored.filter((c) => c.repId === 'salesforce:Dana Reyes').map((c) => c.text)).toEqual(['a signed MAP with Acme']);
  });

  it("a rep's own promise counts on the deal's rep", async () => {
    await h['settings/set']({ type: 'settings/set', patch: { user: { name: 'Dana Reyes', role: 'rep' } } }, sidebar);
    const c = await h['commitment/create']({ type: 'commitment/create', dealKey: KEY, text: 'a signed MAP with Acme', due: '2026-11-25' }, sidebar);
    expect(c).toMatchObject({ statedBy: { name: 'Dana Reyes', role: 'rep' }, repId: 'salesforce:Dana Reyes' });
    expect(c.recordedBy).toBeUndefined();
  });

  it('settles a promise before its date: kept early or dropped with a reason, never missed', async () => {
    const create = (text: string) => h['commitment/create']({ type: 'commitment/create', dealKey: KEY, text, due: '2026-12-03' }, sidebar);
    const early = await create('MAP');
    const missed = h['commitment/resolve']({ type: 'commitment/resolve', id: early.id, outcome: 'missed', note: '' }, sidebar);
    await expect(missed).rejects.toMatchObject({ code: 'invalid-state', message: expect.stringContaining('can be marked missed from then on') });
    expect(await h['commitment/resolve']({ type: 'commitment/resolve', id: early.id, outcome: 'kept', note: 'signed two days early' }, sidebar)).toMatchObject({
      status: 'kept',
      resolution: { note: 'signed two days early' },
    });

    const dropped = await create('pilot kickoff');
    const noReason = h['commitment/resolve']({ type: 'commitment/resolve', id: dropped.id, outcome: 'dropped', note: '' }, sidebar);
    await expect(noReason).rejects.toMatchObject({ code: 'bad-request', message: 'Say why the commitment is dropped.' });
    expect((await h['deal/view']({ type: 'deal/view', dealKey: KEY }, sidebar)).commitments.find((c) => c.id === dropped.id)).toMatchObject({ status: 'open' });
    expect(
      await h['commitment/resolve']({ type: 'commitment/resolve', id: dropped.id, outcome: 'dropped', reason: 'buyer chose a direct purchase', note: '' }, sidebar),
    ).toMatchObject({ status: 'dropped', resolution: { reason: 'buyer chose a direct purchase' } });
  });

  it('decides "due" in the user\'s zone', async () => {
    // 2026-11-25T10:00Z is already the 26th in Auckland
    const auckland = createDealHandlers({ db: async () => db, broadcast: async () => {}, now: () => new Date('2026-11-25T12:00:00.000Z'), timeZone: () => 'Pacific/Auckland' });
    const c = await auckland['commitment/create']({ type: 'commitment/create', dealKey: KEY, text: 'MAP', due: '2026-11-26' }, sidebar);
    expect(await auckland['commitment/resolve']({ type: 'commitment/resolve', id: c.id, outcome: 'missed', note: '' }, sidebar)).toMatchObject({ status: 'missed' });
  });

  it('never overwrites a resolution', async () => {
    const c = await h['commitment/create']({ type: 'commitment/create', dealKey: KEY, text: 'MAP', due: '2026-11-26' }, sidebar);
    await h['commitment/resolve']({ type: 'commitment/resolve', id: c.id, outcome: 'kept', note: '' }, sidebar);
    const again = h['commitment/resolve']({ type: 'commitment/resolve', id: c.id, outcome: 'missed', note: 'rewrite history' }, sidebar);
    await expect(again).rejects.toBeInstanceOf(HandlerError);
    await expect(again).rejects.toMatchObject({ code: 'invalid-state' });
    const view = await h['deal/view']({ type: 'deal/view', dealKey: KEY }, sidebar);
    expect(view.commitments[0]).toMatchObject({ status: 'kept' });
  });

  it('renegotiating closes the old promise and opens a new one pointing back', async () => {
    const c = await h['commitment/create']({ type: 'commitment/create', dealKey: KEY, text: 'MAP', due: '2026-11-26' }, sidebar);
    const { closed, opened } = await h['commitment/renegotiate'](
      { type: 'commitment/renegotiate', id: c.id, newDue: '2026-12-03', reason: 'Buyer on holiday', note: 'Agreed on the call' },
      sidebar,
    );
    expect(closed).toMatchObject({ status: 'renegotiated', resolution: { newDue: '2026-12-03', reason: 'Buyer on holiday', replacedBy: opened.id } });
    expect(opened).toMatchObject({ status: 'open', due: '2026-12-03', renegotiatedFrom: c.id, text: 'MAP' });
    expect((await h['deal/view']({ type: 'deal/view', dealKey: KEY }, sidebar)).commitments).toHaveLength(2);
  });

  it('refuses a renegotiated date already past (in the user’s zone) or the same as before, recording nothing', async () => {
    const c = await h['commitment/create']({ type: 'commitment/create', dealKey: KEY, text: 'MAP', due: '2026-11-26' }, sidebar);
    for (const newDue of ['2026-11-24', '2026-11-26']) {
      await expect(
        h['commitment/renegotiate']({ type: 'commitment/renegotiate', id: c.id, newDue, reason: 'Buyer on holiday', note: '' }, sidebar),
      ).rejects.toMatchObject({ code: 'bad-request' });
    }
    expect((await h['deal/view']({ type: 'deal/view', dealKey: KEY }, sidebar)).commitments).toEqual([expect.objectContaining({ id: c.id, status: 'open' })]);
  });

  it('needs a user first', async () => {
    await db.put('settings', { weekStartsOn: 1, sidebar: { width: 360, collapsed: false }, theme: 'system' }, 'settings');
    await expect(h['score/add']({ type: 'score/add', dealKey: KEY, dimension: 'discovery', value: 3 }, sidebar)).rejects.toMatchObject({ code: 'no-user' });
  });
});

describe('notes, scores and drafts', () => {
  beforeEach(async () => {
    await h['page/snapshot']({ type: 'page/snapshot', snapshot: snapshot() }, content);
  });

  it('adding a note clears its draft in the same step; notes list newest first', async () => {
    await h['draft/save']({ type: 'draft/save', key: noteDraftKey(KEY), value: { text: 'half a thought' } }, sidebar);
    expect(await h['draft/get']({ type: 'draft/get', key: noteDraftKey(KEY) }, sidebar)).toMatchObject({ value: { text: 'half a thought' } });
    await h['note/add']({ type: 'note/add', dealKey: KEY, body: { kind: 'free', text: 'first' } }, sidebar);
    await h['note/add']({ type: 'note/add', dealKey: KEY, body: { kind: 'grow', grow: { goal: 'MAP', reality: '', options: '', will: 'Thu' } }, diagnosis: 'skill' }, sidebar);
    expect(await h['draft/get']({ type: 'draft/get', key: noteDraftKey(KEY) }, sidebar)).toBeNull();
    const { notes } = await h['deal/view']({ type: 'deal/view', dealKey: KEY }, sidebar);
    expect(notes).toHaveLength(2);
    expect(notes.map((x) => x.body.kind).sort()).toEqual(['free', 'grow']);
  });

  it('a draft written (saved, cleared, or taken by its note) is announced with its writer, and no deal reloads for it', async () => {
    const key = noteDraftKey(KEY);
    events.length = 0;
    await h['draft/save']({ type: 'draft/save', key, value: { text: 'half' }, writer: 'tab-one' }, sidebar);
    await h['draft/clear']({ type: 'draft/clear', key, writer: 'tab-two' }, sidebar);
    await h['draft/save']({ type: 'draft/save', key, value: { text: 'again' } }, sidebar);
    expect(events).toEqual([
      { kind: 'dealside/changed', dealKeys: [], tabIds: [], draft: { key, writer: 'tab-one' } },
      { kind: 'dealside/changed', dealKeys: [], tabIds: [], draft: { key, writer: 'tab-two' } },
      { kind: 'dealside/changed', dealKeys: [], tabIds: [], draft: { key, writer: '' } },
    ]);
    events.length = 0;
    await h['note/add']({ type: 'note/add', dealKey: KEY, body: { kind: 'free', text: 'again' }, draftWriter: 'tab-one' }, sidebar);
    // the deal's views reload (a new note), and the other tab's composer learns its draft is gone
    expect(events).toEqual([{ kind: 'dealside/changed', dealKeys: [KEY], tabIds: [], draft: { key, writer: 'tab-one' } }]);
  });

  it('the latest score is the current one and notes list newest first, even made within one millisecond under ids that sort the other way', async () => {
    const ids = ['zzz', 'yyy', 'bbb', 'aaa'];
    const sameMs = createDealHandlers({ db: async () => db, broadcast: async () => {}, now: () => new Date('2026-11-25T10:00:00.000Z'), newId: () => ids.shift()! });
    await sameMs['score/add']({ type: 'score/add', dealKey: KEY, dimension: 'discovery', value: 2 }, sidebar);
    await sameMs['score/add']({ type: 'score/add', dealKey: KEY, dimension: 'discovery', value: 4 }, sidebar);
    await sameMs['note/add']({ type: 'note/add', dealKey: KEY, body: { kind: 'free', text: 'first' } }, sidebar);
    await sameMs['note/add']({ type: 'note/add', dealKey: KEY, body: { kind: 'free', text: 'second' } }, sidebar);
    const { scores, notes } = await h['deal/view']({ type: 'deal/view', dealKey: KEY }, sidebar);
    expect(scores.map((x) => x.value)).toEqual([2, 4]);
    expect(notes.map((x) => (x.body.kind === 'free' ? x.body.text : ''))).toEqual(['second', 'first']);
  });

  it('the latest made is current after the background restarted under a clock set back: stamped after the stored ones', async () => {
    const worker = (at: string) => createDealHandlers({ db: async () => db, broadcast: async () => {}, now: () => new Date(at) });
    const first = worker('2026-11-25T10:02:00.000Z');
    await first['score/add']({ type: 'score/add', dealKey: KEY, dimension: 'discovery', value: 2 }, sidebar);
    await first['note/add']({ type: 'note/add', dealKey: KEY, body: { kind: 'free', text: 'first' } }, sidebar);
    // the clock corrected back 90 s, and a new worker (an idle one is stopped after 30 s)
    const second = worker('2026-11-25T10:00:30.000Z');
    const s = await second['score/add']({ type: 'score/add', dealKey: KEY, dimension: 'discovery', value: 4 }, sidebar);
    await second['note/add']({ type: 'note/add', dealKey: KEY, body: { kind: 'free', text: 'second' } }, sidebar);
    expect(s.at > '2026-11-25T10:02:00.000Z').toBe(true);
    const { scores, notes } = await second['deal/view']({ type: 'deal/view', dealKey: KEY }, sidebar);
    expect(scores.at(-1)?.value).toBe(4);
    expect(notes.map((x) => (x.body.kind === 'free' ? x.body.text : ''))).toEqual(['second', 'first']);
  });

  it('"Mark done" marks the step on screen only: one stored since (a CRM read) is refused, and stays undone', async () => {
    const shown = (await h['deal/view']({ type: 'deal/view', dealKey: KEY }, sidebar)).nextStep!;
    await h['page/snapshot']({ type: 'page/snapshot', snapshot: snapshot({ nextStep: { text: 'Security review 20.12.2026' } }) }, content);
    await expect(h['nextStep/markDone']({ type: 'nextStep/markDone', dealKey: KEY, shownText: shown.text }, sidebar)).rejects.toMatchObject({ code: 'conflict' });
    const after = (await h['deal/view']({ type: 'deal/view', dealKey: KEY }, sidebar)).nextStep!;
    expect(after.text).toBe('Security review 20.12.2026');
    expect(after.doneAt).toBeUndefined();
    // the one on screen now (whitespace and capitals aside) is marked
    await h['nextStep/markDone']({ type: 'nextStep/markDone', dealKey: KEY, shownText: ' security review 20.12.2026' }, sidebar);
    expect((await h['deal/view']({ type: 'deal/view', dealKey: KEY }, sidebar)).nextStep?.doneAt).toBeDefined();
  });

  it("adding a note clears the draft only while it is the text its composer showed: another tab's later text stays", async () => {
    const key = noteDraftKey(KEY);
    await h['draft/save']({ type: 'draft/save', key, value: { text: 'Call CFO.' }, writer: 'tab-a' }, sidebar);
    // the other tab goes on typing, and its save lands before the note tab A adds from what it shows
    await h['draft/save']({ type: 'draft/save', key, value: { text: 'Call CFO. Also: ask about budget' }, writer: 'tab-b' }, sidebar);
    const added = await h['note/add']({ type: 'note/add', dealKey: KEY, body: { kind: 'free', text: 'Call CFO.' }, draftWriter: 'tab-a', draftShown: { text: 'Call CFO.', mode: '' } }, sidebar);
    // the adding composer is told, and shows the draft as stored rather than emptying its box
    expect(added.draftKept).toBe(true);
    expect(await h['draft/get']({ type: 'draft/get', key }, sidebar)).toMatchObject({ value: { text: 'Call CFO. Also: ask about budget' } });
    // tab A now shows tab B's text (synced) and adds it: the draft it showed goes with the note
    const synced = await h['note/add']({ type: 'note/add', dealKey: KEY, body: { kind: 'free', text: 'Call CFO. Also: ask about budget' }, draftWriter: 'tab-a', draftShown: { text: 'Call CFO. Also: ask about budget' } }, sidebar);
    expect(synced.draftKept).toBeUndefined();
    expect(await h['draft/get']({ type: 'draft/get', key }, sidebar)).toBeNull();
  });

  it('keeps every score, with rubric version and source', async () => {
    await h['score/add']({ type: 'score/add', dealKey: KEY, dimension: 'discovery', value: 2 }, sidebar);
    await h['score/add']({ type: 'score/add', dealKey: KEY, dimension: 'discovery', value: 4 }, sidebar);
    const { scores } = await h['deal/view']({ type: 'deal/view', dealKey: KEY }, sidebar);
    expect(scores.map((s) => s.value)).toEqual([2, 4]);
    expect(scores[1]).toMatchObject({ rubricVersion: '2026.1', source: { kind: 'sidebar' }, repId: 'salesforce:Dana Reyes', by: { name: 'Morgan Lead' } });
  });

  it('skips a corrupt stored record instead of failing the whole view', async () => {
    await db.put('notes', { id: 'bad', dealKey: KEY, body: { kind: 'free', text: '' }, at: 'yesterday' } as never);
    await h['note/add']({ type: 'note/add', dealKey: KEY, body: { kind: 'free', text: 'good' } }, sidebar);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { notes } = await h['deal/view']({ type: 'deal/view', dealKey: KEY }, sidebar);
    expect(notes.map((x) => x.id)).not.toContain('bad');
    expect(notes).toHaveLength(1);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('a settings patch changes only what it names', async () => {
    await h['settings/set']({ type: 'settings/set', patch: { weekStartsOn: 7 } }, sidebar);
    const s = await h['settings/set']({ type: 'settings/set', patch: { theme: 'dark' } }, sidebar);
    expect(s).toMatchObject({ weekStartsOn: 7, theme: 'dark', user: { name: 'Morgan Lead' } });
  });
});

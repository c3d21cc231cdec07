import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDealsideDB, type DB } from '../../../lib/db/open';
import { getSettings, patchSettings } from '../../../lib/db/settings';
import { createCrmSiteHandlers, siteAccessChanged, syncSiteScripts, type CrmSiteHandlers, type SiteAccess } from '../../../lib/handlers/crm-sites';
import { MAX_CRM_SITES } from '../../../lib/crm/crm-sites';
import { browserSiteAccess } from '../../../lib/handlers/site-access';
import type { ChangeEvent } from '../../../lib/messages/protocol';

const options = { id: 'x', url: 'chrome-extension://x/options.html' };
const pageAt = (url: string) => ({ id: 'x', url, tab: { id: 3 }, frameId: 0 });

let db: DB;
let h: CrmSiteHandlers;
let events: ChangeEvent[];
/** the host permissions the fake browser holds, and what the content script is registered on */
let held: Set<string>;
let registered: string[];
/** the open tabs told of a change, in order: [site pattern, whether the content script is started there] */
let openTabUpdates: [string, boolean][];
let n = 0;

const access: SiteAccess = {
  granted: async (pattern) => held.has(pattern),
  runContentScriptOn: async (patterns) => void (registered = [...patterns]),
  updateOpenTabs: async (pattern, start) => void openTabUpdates.push([pattern, start]),
};

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openDealsideDB(`sites-${++n}`);
  events = [];
  held = new Set();
  registered = [];
  openTabUpdates = [];
  h = createCrmSiteHandlers({ db: async () => db, access, broadcast: (e) => void events.push(e), now: () => new Date('2026-11-26T08:00:00.000Z') });
});

describe('sites/add', () => {
  it('keeps a site the browser gave access to, registers the content script there, and tells open pages', async () => {
    held.add('https://crm.example.com/*');
    const settings = await h['sites/add']({ type: 'sites/add', address: 'https://CRM.example.com/lightning/page/home', crm: 'salesforce' }, options);
    expect(settings.crmSites).toEqual([{ origin: 'https://crm.example.com', crm: 'salesforce', addedAt: '2026-11-26T08:00:00.000Z' }]);
    expect((await getSettings(db)).crmSites).toEqual(settings.crmSites);
    expect(registered).toEqual(['https://crm.example.com/*']);
    expect(events).toEqual([{ kind: 'dealside/changed', dealKeys: [], tabIds: [], settings: true }]);
    // tabs already open on the site start Dealside without a reload
    expect(openTabUpdates).toEqual([['https://crm.example.com/*', true]]);
  });

  it('refuses a site without access, and keeps nothing', async () => {
    await expect(h['sites/add']({ type: 'sites/add', address: 'crm.example.com', crm: 'salesforce' }, options)).rejects.toMatchObject({
      code: 'invalid-state',
      message: expect.stringContaining('not given access to crm.example.com'),
    });
    expect((await getSettings(db)).crmSites).toEqual([]);
    expect(registered).toEqual([]);
    expect(events).toEqual([]);
    expect(openTabUpdates).toEqual([]);
  });

  it('refuses what is no site (checked again here: Options is not the only judge)', async () => {
    held.add('https://acme.lightning.force.com/*');
    for (const address of ['http://crm.example.com', 'acme.lightning.force.com', '127.0.0.1']) {
      await expect(h['sites/add']({ type: 'sites/add', address, crm: 'zoho' }, options)).rejects.toMatchObject({ code: 'bad-request' });
    }
    expect((await getSettings(db)).crmSites).toEqual([]);
  });

  it('adding a listed site again changes its CRM in place; the user and other settings are untouched', async () => {
    await patchSettings(db, { user: { name: 'Morgan Lead', role: 'manager' }, theme: 'dark' });
    held.add('https://a.example.com/*').add('https://b.example.com/*');
    await h['sites/add']({ type: 'sites/add', address: 'a.example.com', crm: 'salesforce' }, options);
    await h['sites/add']({ type: 'sites/add', address: 'b.example.com', crm: 'hubspot' }, options);
    const s = await h['sites/add']({ type: 'sites/add', address: 'a.example.com', crm: 'dynamics' }, options);
    expect(s.crmSites.map((x) => [x.origin, x.crm])).toEqual([
      ['https://a.example.com', 'dynamics'],
      ['https://b.example.com', 'hubspot'],
    ]);
    expect(s).toMatchObject({ user: { name: 'Morgan Lead' }, theme: 'dark' });
  });

  it(`keeps at most ${MAX_CRM_SITES} sites`, async () => {
    for (let i = 0; i <= MAX_CRM_SITES; i++) held.add(`https://s${i}.example.com/*`);
    for (let i = 0; i < MAX_CRM_SITES; i++) await h['sites/add']({ type: 'sites/add', address: `s${i}.example.com`, crm: 'zoho' }, options);
    await expect(h['sites/add']({ type: 'sites/add', address: `s${MAX_CRM_SITES}.example.com`, crm: 'zoho' }, options)).rejects.toMatchObject({ code: 'invalid-state' });
    expect((await getSettings(db)).crmSites).toHaveLength(MAX_CRM_SITES);
  });

  it('two sites added at once both stay listed and both get the content script', async () => {
    held.add('https://crm-a.example.com/*');
    held.add('https://crm-b.example.com/*');
    held.add('https://crm-c.example.com/*');
    await Promise.all([
      h['sites/add']({ type: 'sites/add', address: 'crm-a.example.com', crm: 'salesforce' }, options),
      h['sites/add']({ type: 'sites/add', address: 'crm-b.example.com', crm: 'hubspot' }, options),
    ]);
    expect((await getSettings(db)).crmSites.map((s) => s.origin).sort()).toEqual(['https://crm-a.example.com', 'https://crm-b.example.com']);
    expect([...registered].sort()).toEqual(['https://crm-a.example.com/*', 'https://crm-b.example.com/*']);
    // and a removal racing an add takes only its own site away
    await Promise.all([
      h['sites/remove']({ type: 'sites/remove', origin: 'https://crm-a.example.com' }, options),
      h['sites/add']({ type: 'sites/add', address: 'crm-c.example.com', crm: 'zoho' }, options),
    ]);
    expect((await getSettings(db)).crmSites.map((s) => s.origin)).toEqual(['https://crm-b.example.com', 'https://crm-c.example.com']);
    expect([...registered].sort()).toEqual(['https://crm-b.example.com/*', 'https://crm-c.example.com/*']);
  });
});

describe('the browser refusing the registration after the list was written', () => {
  it('the change stands and is told to every page, so Options says what is stored (was: saved, yet "not added", nothing told)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const failing: SiteAccess = { ...access, runContentScriptOn: async () => Promise.reject(new Error('Could not load file')) };
    const broken = createCrmSiteHandlers({ db: async () => db, access: failing, broadcast: (e) => void events.push(e) });
    held.add('https://crm.example.com/*');
    const settings = await broken['sites/add']({ type: 'sites/add', address: 'crm.example.com', crm: 'salesforce' }, options);
    expect(settings.crmSites.map((s) => s.origin)).toEqual(['https://crm.example.com']);
    expect((await getSettings(db)).crmSites).toEqual(settings.crmSites);
    expect(events).toEqual([{ kind: 'dealside/changed', dealKeys: [], tabIds: [], settings: true }]);
    expect(openTabUpdates).toEqual([['https://crm.example.com/*', true]]);
    expect(warn).toHaveBeenCalledWith('Dealside could not update its CRM sites', expect.objectContaining({ message: 'Could not load file' }));
    // the next sync that works (the browser starting, a permission change) registers what is stored
    expect(await syncSiteScripts(async () => (await getSettings(db)).crmSites, access)).toEqual(['https://crm.example.com/*']);

    // and a removal too
    const removed = await broken['sites/remove']({ type: 'sites/remove', origin: 'https://crm.example.com' }, options);
    expect(removed.crmSites).toEqual([]);
    expect((await getSettings(db)).crmSites).toEqual([]);
    expect(events).toHaveLength(2);
    warn.mockRestore();
  });
});

describe("the browser's registration, as Chrome keeps it (one id: a second register or unregister of it fails)", () => {
  const tick = () => new Promise((r) => setTimeout(r, 0));
  let scripts: Map<string, string[]>;
  beforeEach(() => {
    scripts = new Map();
    const fake = fakeBrowser as unknown as Record<string, unknown>;
    (fake.permissions as Record<string, unknown>).contains = async () => (await tick(), true);
    (fake.tabs as Record<string, unknown>).query = async () => [];
    fake.scripting = {
      getRegisteredContentScripts: async ({ ids }: { ids: string[] }) => (await tick(), ids.filter((i) => scripts.has(i)).map((id) => ({ id, matches: scripts.get(id) }))),
      unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
        await tick();
        for (const i of ids) {
          if (!scripts.has(i)) throw new Error(`Nonexistent script ID '${i}'`);
          scripts.delete(i);
        }
      },
      registerContentScripts: async (list: { id: string; matches: string[] }[]) => {
        await tick();
        for (const x of list) {
          if (scripts.has(x.id)) throw new Error(`Duplicate script ID '${x.id}'`);
          scripts.set(x.id, x.matches);
        }
      },
      executeScript: async () => [],
    };
  });

  it('two sites added at once from two Options pages: both added, both registered, neither refused', async () => {
    const chrome = createCrmSiteHandlers({ db: async () => db, access: browserSiteAccess() });
    const results = await Promise.allSettled([
      chrome['sites/add']({ type: 'sites/add', address: 'a.example.com', crm: 'salesforce' }, options),
      chrome['sites/add']({ type: 'sites/add', address: 'b.example.com', crm: 'hubspot' }, options),
      // and a sync of the list as read a moment before (a restore, a permission change) at the same time
      syncSiteScripts([], browserSiteAccess()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect([...scripts.values()].flat().sort()).toEqual(['https://a.example.com/*', 'https://b.example.com/*']);
  });
});

describe('sites/remove and the registration', () => {
  it('removes the site and stops the content script there', async () => {
    held.add('https://a.example.com/*').add('https://b.example.com/*');
    await h['sites/add']({ type: 'sites/add', address: 'a.example.com', crm: 'salesforce' }, options);
    await h['sites/add']({ type: 'sites/add', address: 'b.example.com', crm: 'salesforce' }, options);
    expect(registered).toEqual(['https://a.example.com/*', 'https://b.example.com/*']);
    openTabUpdates = [];
    const s = await h['sites/remove']({ type: 'sites/remove', origin: 'https://a.example.com' }, options);
    expect(s.crmSites.map((x) => x.origin)).toEqual(['https://b.example.com']);
    expect(registered).toEqual(['https://b.example.com/*']);
    // its open tabs are told (the sidebar leaves them), and nothing is started there
    expect(openTabUpdates).toEqual([['https://a.example.com/*', false]]);
    await h['sites/remove']({ type: 'sites/remove', origin: 'https://b.example.com' }, options);
    expect(registered).toEqual([]);
    // a site that is not listed: no tab to tell
    await h['sites/remove']({ type: 'sites/remove', origin: 'https://c.example.com' }, options);
    expect(openTabUpdates).toEqual([
      ['https://a.example.com/*', false],
      ['https://b.example.com/*', false],
    ]);
  });

  it('a site whose access was withdrawn in the browser stays listed but gets no content script', async () => {
    held.add('https://a.example.com/*').add('https://b.example.com/*');
    await h['sites/add']({ type: 'sites/add', address: 'a.example.com', crm: 'salesforce' }, options);
    await h['sites/add']({ type: 'sites/add', address: 'b.example.com', crm: 'salesforce' }, options);
    held.delete('https://a.example.com/*');
    expect(await syncSiteScripts((await getSettings(db)).crmSites, access)).toEqual(['https://b.example.com/*']);
    expect(registered).toEqual(['https://b.example.com/*']);
    expect((await getSettings(db)).crmSites).toHaveLength(2);
  });
});

describe('siteAccessChanged (access given or withdrawn in the browser itself)', () => {
  it("starts Dealside in the open tabs of a listed site whose access was just given back, and only there", async () => {
    held.add('https://a.example.com/*').add('https://b.example.com/*');
    await h['sites/add']({ type: 'sites/add', address: 'a.example.com', crm: 'salesforce' }, options);
    await h['sites/add']({ type: 'sites/add', address: 'b.example.com', crm: 'hubspot' }, options);
    held.delete('https://a.example.com/*');
    await siteAccessChanged((await getSettings(db)).crmSites, access);
    expect(registered).toEqual(['https://b.example.com/*']);
    openTabUpdates.length = 0;

    held.add('https://a.example.com/*').add('https://unlisted.example.com/*');
    await siteAccessChanged((await getSettings(db)).crmSites, access, ['https://a.example.com/*', 'https://unlisted.example.com/*']);
    expect(registered).toEqual(['https://a.example.com/*', 'https://b.example.com/*']);
    // the listed site just given access: its open tabs; an unlisted one (not a CRM Dealside knows) and b (unchanged): none
    expect(openTabUpdates).toEqual([['https://a.example.com/*', true]]);
  });

  it('withdrawn access: the script stops being registered there, and no open tab is touched', async () => {
    held.add('https://a.example.com/*');
    await h['sites/add']({ type: 'sites/add', address: 'a.example.com', crm: 'salesforce' }, options);
    openTabUpdates.length = 0;
    held.delete('https://a.example.com/*');
    // an event naming the site as added while the browser says it is not held (a stale event) starts nothing
    await siteAccessChanged((await getSettings(db)).crmSites, access, ['https://a.example.com/*']);
    expect(registered).toEqual([]);
    expect(openTabUpdates).toEqual([]);
  });
});

describe('page/siteCrm', () => {
  it("answers from the sender's own address, never from anything the page says", async () => {
    held.add('https://crm.example.com/*');
    await h['sites/add']({ type: 'sites/add', address: 'crm.example.com', crm: 'hubspot' }, options);
    expect(await h['page/siteCrm']({ type: 'page/siteCrm' }, pageAt('https://crm.example.com/contacts/1/record/0-3/2'))).toEqual({ crm: 'hubspot' });
    expect(await h['page/siteCrm']({ type: 'page/siteCrm' }, pageAt('https://other.example.com/contacts/1/record/0-3/2'))).toEqual({ crm: null });
    expect(await h['page/siteCrm']({ type: 'page/siteCrm' }, { id: 'x', tab: { id: 3 } })).toEqual({ crm: null });
  });
});

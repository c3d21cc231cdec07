import { openDealsideDB, type DB } from '../../../lib/db/open';
import { createBackupHandlers } from '../../../lib/handlers/backup';
import { exportBackup } from '../../../lib/db/backup';
import { createRouter, type Handlers } from '../../../lib/messages/router';
import type { ChangeEvent } from '../../../lib/messages/protocol';
import type { RestoreReport } from '../../../lib/backup/plan';
import type { SenderLike } from '../../../lib/messages/senders';
import { ACME, RESTORED_AT, WRITTEN_AT, dump, fillThroughApp, snapshot } from '../support/records';
import { getDeal } from '../../../lib/db/deals';
import { recordSnapshot } from '../../../lib/db/record-snapshot';
import { getNextStep } from '../../../lib/db/coaching';
import { patchSettings } from '../../../lib/db/settings';

const ID = 'test-extension-id';
const ORIGIN = `chrome-extension://${ID}`;
const options = { id: ID, url: `${ORIGIN}/options.html` };
const refused: [string, SenderLike][] = [
  ['our CRM content script', { id: ID, url: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view', tab: { id: 7 }, frameId: 0 }],
  ['our calls content script', { id: ID, url: 'https://app.gong.io/call?id=1', tab: { id: 8 }, frameId: 0 }],
  ['our sidebar, framed in a CRM page', { id: ID, url: `${ORIGIN}/sidebar.html`, tab: { id: 7 }, frameId: 3 }],
  ['our call panel, framed in a recording page', { id: ID, url: `${ORIGIN}/call-review.html`, tab: { id: 8 }, frameId: 5 }],
  ['our options page, framed in a web page', { id: ID, url: `${ORIGIN}/options.html`, tab: { id: 7 }, frameId: 2 }],
  ['a web page', { url: 'https://evil.example/', tab: { id: 9 }, frameId: 0 }],
  ['another extension', { id: 'some-other-extension', url: 'chrome-extension://some-other-extension/page.html' }],
];

let source: DB;
let target: DB;
let events: ChangeEvent[];
let n = 0;
beforeEach(async () => {
  source = await openDealsideDB(`backup-source-${++n}`);
  target = await openDealsideDB(`backup-target-${n}`);
  await fillThroughApp(source);
  events = [];
});
afterEach(() => {
  source.close();
  target.close();
});

/** The backup handlers for `db`, behind the background's one router, answering like `send` does. */
function routed(db: DB, extra: { maxBytes?: number; sitesRestored?: (sites: readonly { origin: string }[]) => Promise<unknown> } = {}) {
  const handlers = createBackupHandlers({ db: async () => db, now: () => RESTORED_AT, broadcast: (e) => void events.push(e), ...extra });
  const route = createRouter(handlers as unknown as Handlers, () => ({ id: ID, origin: ORIGIN }));
  return async (request: unknown, sender: SenderLike = options) => {
    const res = await route(request, sender);
    if (!res.ok) throw Object.assign(new Error(res.error.message), { code: res.error.code });
    return res.data;
  };
}

describe('who may back up and restore', () => {
  it.each(refused)('refuses backup/export and backup/import from %s', async (_n, sender) => {
    const backup = await exportBackup(source, RESTORED_AT);
    const before = await dump(target);
    await expect(routed(source)({ type: 'backup/export' }, sender)).rejects.toMatchObject({ code: 'bad-sender' });
    await expect(routed(target)({ type: 'backup/import', backup }, sender)).rejects.toMatchObject({ code: 'bad-sender' });
    expect(await dump(target)).toEqual(before);
    expect(events).toEqual([]);
  });

  it('serves the options page', async () => {
    const backup = await routed(source)({ type: 'backup/export' });
    expect(backup).toMatchObject({ format: 'dealside-backup', version: 3, exportedAt: RESTORED_AT.toISOString() });
    await expect(routed(target)({ type: 'backup/import', backup })).resolves.toMatchObject({ added: { deals: 2, scores: 5 } });
  });
});

describe('backup/import', () => {
  it.each([
    ['without a backup', { type: 'backup/import' }, /backup is missing/],
    ['with a backup that is not an object', { type: 'backup/import', backup: 'dealside' }, /not a Dealside backup/],
    ['with another app’s file', { type: 'backup/import', backup: { format: 'other', version: 1 } }, /not a Dealside backup/],
    ['with a backup from a newer Dealside', { type: 'backup/import', backup: { format: 'dealside-backup', version: 4 } }, /newer Dealside/],
  ])('refuses a request %s as bad-request, changing nothing', async (_n, request, message) => {
    const before = await dump(target);
    await expect(routed(target)(request)).rejects.toMatchObject({ code: 'bad-request', message: expect.stringMatching(message) });
    expect(await dump(target)).toEqual(before);
    expect(events).toEqual([]);
  });

  it('tells open pages what changed after a restore that added records, and stays quiet after one that added none', async () => {
    const backup = JSON.parse(JSON.stringify(await exportBackup(source, RESTORED_AT)));
    await routed(target)({ type: 'backup/import', backup });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'dealside/changed', tabIds: [], settings: true });
    expect(events[0]!.dealKeys).toContain(ACME);

    const again = await routed(target)({ type: 'backup/import', backup });
    expect(again).toMatchObject({ added: { deals: 0, scores: 0, settings: 0 }, alreadyPresent: { deals: 2, scores: 5, settings: 1 } });
    expect(events).toHaveLength(1);
  });
});

describe('backup/import and the date order', () => {
  it("reads the stored deals' two-way dates again with the order the restore brought, and names them", async () => {
    // this browser (no user yet) read a deal's 05/11/2026 by its en-US page: May 11, and its next step's 04/12/2026 April 12
    const INITECH = 'salesforce:acme/0065g00000InitcQAA';
    const page = { locale: 'en-US', closeDate: { text: '05/11/2026' }, nextStep: { text: 'Pricing call 04/12/2026' } };
    await recordSnapshot(target, snapshot('0065g00000InitcQAA', 'Dana Reyes', page), WRITTEN_AT);
    expect(await getNextStep(target, INITECH)).toMatchObject({ due: '2026-04-12', source: 'crm' });
    // the backup's browser had learned that this site writes day first
    await patchSettings(source, { dateOrderBySite: { 'acme.lightning.force.com': 'day-first' } });
    const backup = JSON.parse(JSON.stringify(await exportBackup(source, RESTORED_AT)));
    const report = (await routed(target)({ type: 'backup/import', backup })) as RestoreReport;
    expect(report.settings).toMatchObject({ tookProfile: true, dateOrdersAdded: 1 });
    expect((await getDeal(target, INITECH))?.snapshot.closeDate).toEqual({ text: '05/11/2026', iso: '2026-11-05' });
    expect(await getNextStep(target, INITECH)).toMatchObject({ due: '2026-12-04', source: 'crm' });
    expect((await target.get('pipeline', INITECH))?.step).toMatchObject({ due: '2026-12-04' });
    expect(events.at(-1)?.dealKeys).toContain(INITECH);
  });
});

describe('backup/import and added CRM sites', () => {
  it("registers the content script again when a restore added CRM sites, and not otherwise", async () => {
    await patchSettings(source, { crmSites: [{ origin: 'https://crm.example.com', crm: 'salesforce', addedAt: RESTORED_AT.toISOString() }] });
    const backup = JSON.parse(JSON.stringify(await exportBackup(source, RESTORED_AT)));
    const synced: string[][] = [];
    const sitesRestored = async (sites: readonly { origin: string }[]) => void synced.push(sites.map((x) => x.origin));
    await routed(target, { sitesRestored })({ type: 'backup/import', backup });
    expect(synced).toEqual([['https://crm.example.com']]);
    await routed(target, { sitesRestored })({ type: 'backup/import', backup });
    expect(synced).toHaveLength(1); // nothing new the second time
  });
});

describe('backup/export', () => {
  it('refuses a backup too large for one message, with a clear reason', async () => {
    await expect(routed(source, { maxBytes: 1000 })({ type: 'backup/export' })).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(/larger than 50 MB/),
    });
  });
});

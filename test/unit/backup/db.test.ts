import type { DB } from '../../../lib/db/open';
import { exportBackup, restoreBackup } from '../../../lib/db/backup';
import type { Backup, BackupEnvelope } from '../../../lib/backup/format';
import { readScorecardWeek } from '../../../lib/db/scorecard';
import { recordSnapshot } from '../../../lib/db/record-snapshot';
import { addCommitment, addNoteClearingDraft, getDraft, putDraft } from '../../../lib/db/coaching';
import { getSettings } from '../../../lib/db/settings';
import { patchSettings } from '../../../lib/db/settings';
import { DB_VERSION } from '../../../lib/db/migrations';
import { dayCountsAt } from '../../../lib/scorecard/rep-weeks';
import { ACME, DANA, GLOBEX, LEE, NY, RESTORED_AT, WRITTEN_AT, commitment, dump, fillThroughApp, manager, note, snapshot } from '../support/records';
import { freshDatabases, viaFile } from '../support/backup';

const freshDb = freshDatabases('backup');

const restoreAt = (db: DB, backup: BackupEnvelope) => restoreBackup(db, backup, { now: RESTORED_AT, timeZone: NY });

describe('exportBackup', () => {
  it('holds every valid source record, no derived store, and skips invalid records', async () => {
    const db = await freshDb();
    await fillThroughApp(db);
    await db.put('notes', { id: 'broken', dealKey: ACME } as never);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const backup = await exportBackup(db, RESTORED_AT);
    expect(warn).toHaveBeenCalled();
    expect(backup).toMatchObject({ format: 'dealside-backup', version: 3, exportedAt: RESTORED_AT.toISOString(), dbVersion: DB_VERSION });
    expect(Object.keys(backup.stores).sort()).toEqual(['callReviews', 'commitments', 'deals', 'drafts', 'nextSteps', 'notes', 'reps', 'scores', 'settings']);
    expect(backup.stores.notes.map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(backup.stores.scores).toHaveLength(5);
    expect(backup.stores.settings).toMatchObject({ theme: 'dark', user: { name: 'Morgan Lead' } });
  });
});

describe('restoreBackup', () => {
  it('into a fresh database gives the same records and the same derived stores as writing them through the app', async () => {
    const original = await freshDb();
    await fillThroughApp(original);
    const restored = await freshDb();
    const { report, dealKeys } = await restoreAt(restored, viaFile(await exportBackup(original, RESTORED_AT)));

    expect(await dump(restored)).toEqual(await dump(original));
    expect(report.added).toEqual({ deals: 2, reps: 2, commitments: 3, nextSteps: 1, scores: 5, notes: 2, callReviews: 1, drafts: 1, settings: 1 });
    expect(Object.values(report.alreadyPresent).every((n) => n === 0)).toBe(true);
    expect(dealKeys.sort()).toEqual([ACME, 'salesforce:acme/0065g00000GlobxQAA']);
    // …and the scorecard reads the same week from both
    const week = { weekStart: '2026-10-26', now: RESTORED_AT };
    const [a, b] = [(await readScorecardWeek(original, week)).input, (await readScorecardWeek(restored, week)).input];
    expect(b).toEqual(a);
    expect(b.deals.map((d) => d.deal.key).sort()).toEqual([ACME, 'salesforce:acme/0065g00000GlobxQAA']);
    expect(b.weeks.length).toBeGreaterThan(0);
  });

  it('keeps a stored record with the same key untouched and counts it as already present; a second restore adds nothing', async () => {
    const original = await freshDb();
    await fillThroughApp(original);
    const backup = viaFile(await exportBackup(original, RESTORED_AT));

    const target = await freshDb();
    // the same deal and commitment id, as this browser has them (different content), and its own settings
    await recordSnapshot(target, snapshot('0065g00000AcmeQAAS', 'Dana Reyes', { name: 'Acme (this browser)' }), '2026-10-30T18:00:00.000Z');
    await addCommitment(target, commitment('c1', '2026-10-30', { text: 'this browser’s c1' }));
    await patchSettings(target, { user: { name: 'Robin Hale', role: 'rep' }, theme: 'light' });
    const before = await dump(target);

    const first = await restoreAt(target, backup);
    expect(await target.get('deals', ACME)).toEqual(before.deals.find((d) => (d as { key: string }).key === ACME));
    expect(await target.get('commitments', 'c1')).toMatchObject({ text: 'this browser’s c1', due: '2026-10-30' });
    expect(await target.get('settings', 'settings')).toMatchObject({ theme: 'light' });
    expect(first.report.alreadyPresent).toEqual({ deals: 1, reps: 1, commitments: 1, nextSteps: 0, scores: 0, notes: 0, callReviews: 0, drafts: 0, settings: 1 });
    expect(first.report.added).toEqual({ deals: 1, reps: 1, commitments: 2, nextSteps: 1, scores: 5, notes: 2, callReviews: 1, drafts: 1, settings: 0 });
    // the derived stores count the records as they now stand: this browser's deal and c1, the backup's other deal, c2 and c3
    expect((await target.get('pipeline', ACME))?.name).toBe('Acme (this browser)');
    expect((await target.get('pipeline', GLOBEX))?.stage).toBe('Discovery');
    expect((await target.get('repPipelines', LEE))?.rows.map((r) => r[0])).toEqual([GLOBEX]);
    const lees = await target.get('repWeeks', ['2026-10-26', LEE]);
    expect(lees && dayCountsAt(lees, 3).due.open).toBe(1); // Thursday Oct 29: the backup's c3
    const week = await target.get('repWeeks', ['2026-10-26', DANA]);
    expect(week && dayCountsAt(week, 4).due.open).toBe(1); // Friday Oct 30: this browser's c1, open
    expect(week && dayCountsAt(week, 1).due.kept).toBe(0); // Tuesday Oct 27: the backup's kept c1 was not restored…
    const theirs = await original.get('repWeeks', ['2026-10-26', DANA]);
    expect(theirs && dayCountsAt(theirs, 1).due.kept).toBe(1); // …where the backup's own database counts it
    // the open promises by due day, rebuilt the same way: the backup's c3 for Lee, this browser's open c1 for Dana
    expect(await target.get('repOpenDues', LEE)).toEqual({ repId: LEE, days: ['2026-10-29'], counts: [1] });
    expect((await target.get('repOpenDues', DANA))?.days).toContain('2026-10-30');

    const afterFirst = await dump(target);
    const second = await restoreAt(target, backup);
    expect(Object.values(second.report.added).every((n) => n === 0)).toBe(true);
    expect(second.report.alreadyPresent).toEqual({ deals: 2, reps: 2, commitments: 3, nextSteps: 1, scores: 5, notes: 2, callReviews: 1, drafts: 1, settings: 1 });
    expect(second.dealKeys).toEqual([]);
    expect(await dump(target)).toEqual(afterFirst);
  });

  it.each([
    ['while adding the records (the second score)', 'add', 'scores', 2],
    ['while rebuilding the derived stores (the first week)', 'put', 'repWeeks', 1],
  ] as const)('that fails %s changes nothing', async (_n, method, store, failingCall) => {
    const original = await freshDb();
    await fillThroughApp(original);
    const backup = viaFile(await exportBackup(original, RESTORED_AT));
    const target = await freshDb();
    await recordSnapshot(target, snapshot('0065g00000AcmeQAAS', 'Dana Reyes', { name: 'Acme (this browser)' }), WRITTEN_AT);
    await addCommitment(target, commitment('c7', '2026-10-28'));
    const before = await dump(target);

    const real = IDBObjectStore.prototype[method];
    let calls = 0;
    const stub = vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      if (this.name === store && ++calls === failingCall) throw new DOMException('The disk is full.', 'QuotaExceededError');
      return real.apply(this, args);
    });
    await expect(restoreAt(target, backup)).rejects.toThrow('The disk is full.');
    expect(calls).toBe(failingCall);
    stub.mockRestore();

    expect(await dump(target)).toEqual(before);
    // nothing was left half-done: the same restore now goes through whole
    expect((await restoreAt(target, backup)).report.added.scores).toBe(5);
  });

  it('on a new machine where only the sidebar layout was saved takes the backup’s settings, keeping that layout', async () => {
    const original = await freshDb();
    await fillThroughApp(original);
    await patchSettings(original, { crmSites: [{ origin: 'https://crm.acme.example', crm: 'salesforce', addedAt: WRITTEN_AT }] });
    const backup = viaFile(await exportBackup(original, RESTORED_AT));

    const target = await freshDb();
    // the content script saved the sidebar's width (page/setSidebarPrefs) before Options was opened
    await patchSettings(target, { sidebar: { width: 480 } });
    const { report } = await restoreAt(target, backup);
    expect(await getSettings(target)).toEqual({ ...(await getSettings(original)), sidebar: { width: 480, collapsed: false } });
    expect(report).toMatchObject({ added: { settings: 1 }, alreadyPresent: { settings: 0 }, settings: { tookProfile: true, sitesAdded: 1 } });

    // once this machine names its user, a restore keeps its settings and only lists the backup's sites not listed here
    const third = await freshDb();
    await patchSettings(third, { user: { name: 'Robin Hale', role: 'rep' }, theme: 'light' });
    const again = await restoreAt(third, backup);
    expect(await getSettings(third)).toMatchObject({ user: { name: 'Robin Hale' }, theme: 'light', crmSites: [{ origin: 'https://crm.acme.example' }] });
    expect(again.report).toMatchObject({ added: { settings: 1 }, settings: { tookProfile: false, sitesAdded: 1 } });
  });

  describe('a backup from before Salesforce keys named the org (database v6)', () => {
    /** the same file as a v6 Dealside wrote it: its Salesforce deal keys are `salesforce:{id}` */
    const asWrittenByV6 = (backup: Backup): BackupEnvelope =>
      viaFile({ ...JSON.parse(JSON.stringify(backup).replaceAll('salesforce:acme/', 'salesforce:')), version: 1, dbVersion: 6 });

    it('restores every record under its deal’s key with the org, as a database upgraded to v7 holds it', async () => {
      const original = await freshDb();
      await fillThroughApp(original);
      const old = asWrittenByV6(await exportBackup(original, RESTORED_AT));
      expect(old.stores.deals.map((d) => (d as { key: string }).key).sort()).toEqual(['salesforce:0065g00000AcmeQAAS', 'salesforce:0065g00000GlobxQAA']);
      const restored = await freshDb();
      const { report, dealKeys } = await restoreAt(restored, old);
      expect(await dump(restored)).toEqual(await dump(original));
      expect(report.invalid).toEqual({ deals: 0, reps: 0, commitments: 0, nextSteps: 0, scores: 0, notes: 0, callReviews: 0, drafts: 0, settings: 0 });
      expect(dealKeys.sort()).toEqual([ACME, GLOBEX]);
      // and again over itself: everything is already here under the new keys
      const again = await restoreAt(restored, old);
      expect(Object.values(again.report.added).every((n) => n === 0)).toBe(true);
    });

    it('a record whose deal is not in the file takes the one stored deal with its id; with two (production and a sandbox) it keeps its key', async () => {
      const db = await freshDb();
      await recordSnapshot(db, snapshot('0065g00000AcmeQAAS', 'Dana Reyes'), WRITTEN_AT);
      const source = await freshDb();
      await fillThroughApp(source);
      const withoutDeals = (backup: BackupEnvelope): BackupEnvelope => ({ ...backup, stores: { ...backup.stores, deals: [] } });
      const old = withoutDeals(asWrittenByV6(await exportBackup(source, RESTORED_AT)));
      await restoreAt(db, old);
      expect((await db.get('commitments', 'c1'))?.dealKey).toBe(ACME);
      // Globex is stored nowhere: its records keep the key they were written with
      expect((await db.get('commitments', 'c3'))?.dealKey).toBe('salesforce:0065g00000GlobxQAA');

      const two = await freshDb();
      await recordSnapshot(two, snapshot('0065g00000AcmeQAAS', 'Dana Reyes'), WRITTEN_AT);
      const sandbox = 'acme--uat.sandbox.lightning.force.com';
      await recordSnapshot(two, snapshot('0065g00000AcmeQAAS', 'Dana Reyes', { host: sandbox, url: `https://${sandbox}/lightning/r/Opportunity/0065g00000AcmeQAAS/view` }), WRITTEN_AT);
      expect((await two.getAllKeys('deals')).sort()).toEqual(['salesforce:acme--uat/0065g00000AcmeQAAS', ACME]);
      await restoreAt(two, old);
      expect((await two.get('commitments', 'c1'))?.dealKey).toBe('salesforce:0065g00000AcmeQAAS');
    });
  });

  it('a backup from before Dynamics 365 keys named the environment (version 2, database v7) restores under the new keys', async () => {
    const GUID = '6f9619ff-8b86-d011-b42d-00c04fc964ff';
    const host = 'contoso-uat.crm4.dynamics.com';
    const NEW = `dynamics:contoso-uat/${GUID}`;
    const original = await freshDb();
    await recordSnapshot(
      original,
      snapshot(GUID, 'Dana Reyes', { crm: 'dynamics', host, url: `https://${host}/main.aspx?pagetype=entityrecord&etn=opportunity&id=${GUID}` }),
      WRITTEN_AT,
    );
    await addCommitment(original, { ...commitment('d1', '2026-10-30'), dealKey: NEW });
    expect(await original.getAllKeys('deals')).toEqual([NEW]);
    const written = await exportBackup(original, RESTORED_AT);
    const old = viaFile({ ...JSON.parse(JSON.stringify(written).replaceAll('dynamics:contoso-uat/', 'dynamics:')), version: 2, dbVersion: 7 });
    expect(old.stores.deals.map((d) => (d as { key: string }).key)).toEqual([`dynamics:${GUID}`]);
    const restored = await freshDb();
    await restoreAt(restored, old);
    expect(await dump(restored)).toEqual(await dump(original));
    expect((await restored.get('commitments', 'd1'))?.dealKey).toBe(NEW);
  });

  it('a backup from before added-site Pipedrive keys named the host (database v10) restores under the new keys', async () => {
    const host = 'sales.example.com';
    const NEW = `pipedrive:${host}/sales-42`;
    const original = await freshDb();
    await recordSnapshot(original, snapshot('sales-42', 'Sam Ortiz', { crm: 'pipedrive', host, url: `https://${host}/deal/42` }), WRITTEN_AT);
    await addCommitment(original, { ...commitment('p1', '2026-10-30'), dealKey: NEW });
    expect(await original.getAllKeys('deals')).toEqual([NEW]);
    const written = await exportBackup(original, RESTORED_AT);
    const old = viaFile({ ...JSON.parse(JSON.stringify(written).replaceAll(`pipedrive:${host}/`, 'pipedrive:')), dbVersion: 10 });
    expect(old.stores.deals.map((d) => (d as { key: string }).key)).toEqual(['pipedrive:sales-42']);
    const restored = await freshDb();
    await restoreAt(restored, old);
    expect(await dump(restored)).toEqual(await dump(original));
    expect((await restored.get('commitments', 'p1'))?.dealKey).toBe(NEW);
  });

  it('does not bring back a note draft that was added as a note since the backup', async () => {
    const db = await freshDb();
    await fillThroughApp(db);
    await putDraft(db, { key: `note:${ACME}`, value: { text: 'Ask about the paper process.' }, updatedAt: '2026-10-30T16:00:00.000Z' });
    const backup = viaFile(await exportBackup(db, RESTORED_AT));
    // the draft is submitted: the note is added and its draft deleted
    await addNoteClearingDraft(db, note('n3', '2026-10-30T16:05:00.000Z', { body: { kind: 'free', text: 'Ask about the paper process.' }, by: manager }), `note:${ACME}`, NY);

    const { report } = await restoreAt(db, backup);
    expect(await getDraft(db, `note:${ACME}`)).toBeNull();
    expect(report.added.drafts).toBe(0);
    expect(report.alreadyPresent.drafts).toBe(2); // Globex's draft is still here; Acme's is here as a note
    expect(report.invalid.drafts).toBe(0);
  });
});

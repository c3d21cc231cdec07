import { MAX_DATE_ORDER_SITES } from '../../../lib/model';
import { RECORD_STORES, BACKUP_STORES, readBackup, zeroCounts, type BackupEnvelope } from '../../../lib/backup/format';
import { PLAN_ORDER, planRestore, reportOf, type ExistingKeys } from '../../../lib/backup/plan';
import { backupFileName, jsonByteLength, restoreSummary } from '../../../lib/backup/file';
import { MAX_CRM_SITES } from '../../../lib/crm/crm-sites';
import { DEFAULT_SETTINGS, settingsSchema, type CrmSite, type Settings } from '../../../lib/model';
import { ACME, RESTORED_AT, commitment, manager, note, score, snapshot, WRITTEN_AT } from '../support/records';
import { envelope } from '../support/backup';

const deal = { key: ACME, snapshot: snapshot('0065g00000AcmeQAAS', 'Dana Reyes'), repId: 'salesforce:Dana Reyes', firstSeenAt: WRITTEN_AT, lastSeenAt: WRITTEN_AT };


const nothingStored = (): ExistingKeys => ({
  deals: new Set(),
  reps: new Set(),
  commitments: new Set(),
  nextSteps: new Set(),
  scores: new Set(),
  notes: new Set(),
  callReviews: new Set(),
  drafts: new Set(),
  damaged: { deals: new Set(), reps: new Set(), commitments: new Set(), nextSteps: new Set(), scores: new Set(), notes: new Set(), callReviews: new Set(), drafts: new Set() },
  stored: { commitments: new Map(), callReviews: new Map() },
  damagedRecords: { commitments: new Map(), callReviews: new Map() },
  settings: null,
  latestNoteAt: new Map(),
});
/** planRestore as the restore a day after the records were written runs it */
const planAt = (backup: BackupEnvelope, existing: ExistingKeys) => planRestore(backup, existing, RESTORED_AT);

function read(input: unknown): BackupEnvelope {
  const result = readBackup(input);
  if (!result.ok) throw new Error(result.error);
  return result.backup;
}

describe('readBackup: the envelope', () => {
  it('accepts a well-formed backup', () => {
    expect(readBackup(envelope({ deals: [deal] }))).toEqual({ ok: true, backup: envelope({ deals: [deal] }) });
  });

  it.each([
    ['null', null],
    ['a string', 'dealside-backup'],
    ['a number', 42],
    ['an array', [envelope()]],
  ])('refuses %s: not an object', (_n, input) => {
    expect(readBackup(input)).toEqual({ ok: false, error: expect.stringMatching(/not a Dealside backup: it does not hold a backup object/) });
  });

  it.each([
    ['another app’s file', { ...envelope(), format: 'someone-else' }],
    ['a file without a format', { version: 1, stores: {} }],
    ['a CSV export turned JSON', { Rep: 'Dana', Kept: 2 }],
  ])('refuses %s: wrong format', (_n, input) => {
    expect(readBackup(input)).toEqual({ ok: false, error: expect.stringMatching(/not a Dealside backup: choose a file saved with "Download backup"/) });
  });

  it('refuses a backup from a newer Dealside, naming both versions', () => {
    const result = readBackup({ ...envelope(), version: 4 });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/newer Dealside \(backup version 4; this one reads version 3\)\. Update Dealside/) });
  });

  it('reads version-1 and -2 files (before Salesforce, then Dynamics keys named the org) as well as its own', () => {
    expect(readBackup({ ...envelope(), version: 1 })).toMatchObject({ ok: true, backup: { version: 1 } });
    expect(readBackup({ ...envelope(), version: 2 })).toMatchObject({ ok: true, backup: { version: 2 } });
    expect(readBackup({ ...envelope(), version: 3 })).toMatchObject({ ok: true, backup: { version: 3 } });
  });

  it.each([['a string', '1'], ['zero', 0], ['a fraction', 1.5], ['nothing', undefined]])('refuses a version that is %s', (_n, version) => {
    expect(readBackup({ ...envelope(), version })).toEqual({ ok: false, error: expect.stringMatching(/no valid version number/) });
  });

  it('refuses a damaged envelope and says where', () => {
    const { stores, ...rest } = envelope();
    expect(readBackup({ ...rest, stores: { ...stores, notes: 'lots' } })).toEqual({ ok: false, error: expect.stringMatching(/damaged.*\(stores\.notes: /) });
    expect(readBackup(rest)).toEqual({ ok: false, error: expect.stringMatching(/damaged.*\(stores: /) });
    expect(readBackup({ ...envelope(), exportedAt: 'yesterday' })).toEqual({ ok: false, error: expect.stringMatching(/\(exportedAt: /) });
  });

  it('does not look inside records: one bad record does not reject the file', () => {
    expect(readBackup(envelope({ deals: [deal, { key: 42 }, null] })).ok).toBe(true);
  });
});

describe('planRestore', () => {
  it('plans every store once, reviews before their scores and notes before their drafts', () => {
    expect([...PLAN_ORDER].sort()).toEqual([...RECORD_STORES].sort());
    expect(PLAN_ORDER.indexOf('callReviews')).toBeLessThan(PLAN_ORDER.indexOf('scores'));
    expect(PLAN_ORDER.indexOf('notes')).toBeLessThan(PLAN_ORDER.indexOf('drafts'));
  });

  it('adds valid new records, counts invalid ones and skips them', () => {
    const plan = planAt(
      read(envelope({
        deals: [deal, { ...deal, key: 'myspace:1' }, 'not a record'],
        commitments: [commitment('c1', '2026-10-27'), commitment('c2', 'Thursday')],
        scores: [score('s1', WRITTEN_AT, 'discovery', 6)],
        notes: [note('n1', WRITTEN_AT)],
      })),
      nothingStored(),
    );
    expect(plan.add.deals).toEqual([deal]);
    expect(plan.add.commitments.map((c) => c.id)).toEqual(['c1']);
    expect(plan.add.scores).toEqual([]);
    expect(plan.add.notes.map((n) => n.id)).toEqual(['n1']);
    expect(reportOf(plan)).toEqual({
      added: { ...zeroCounts(), deals: 1, commitments: 1, notes: 1 },
      alreadyPresent: zeroCounts(),
      updated: zeroCounts(),
      repaired: zeroCounts(),
      invalid: { ...zeroCounts(), deals: 2, commitments: 1, scores: 1 },
    });
  });

  it('adds the validated form: unknown fields are dropped, not stored', () => {
    const plan = planAt(read(envelope({ notes: [{ ...note('n1', WRITTEN_AT), script: '<img onerror=alert(1)>' }] })), nothingStored());
    expect(plan.add.notes).toEqual([note('n1', WRITTEN_AT)]);
  });

  it('keeps what is stored: a record whose key exists is counted, never planned', () => {
    const existing = { ...nothingStored(), deals: new Set([ACME]), commitments: new Set(['c1']), nextSteps: new Set([ACME]) };
    const step = { dealKey: ACME, text: 'Send the MAP', source: 'sidebar', textChangedAt: WRITTEN_AT, updatedAt: WRITTEN_AT };
    const plan = planAt(read(envelope({ deals: [deal], commitments: [commitment('c1', '2026-10-27'), commitment('c9', '2026-10-27')], nextSteps: [step] })), existing);
    expect(plan.add.deals).toEqual([]);
    expect(plan.add.nextSteps).toEqual([]);
    expect(plan.add.commitments.map((c) => c.id)).toEqual(['c9']);
    expect(plan.alreadyPresent).toEqual({ ...zeroCounts(), deals: 1, commitments: 1, nextSteps: 1 });
  });

  it('counts a commitment whose status and resolution disagree as invalid', () => {
    const resolution = { outcome: 'kept', note: 'signed on time', by: manager, at: WRITTEN_AT } as const;
    const plan = planAt(
      read(envelope({
        commitments: [
          commitment('c1', '2026-10-27', { resolution }), // open, yet resolved: it could be resolved again
          commitment('c2', '2026-10-27', { status: 'kept' }), // kept, with no resolution
          commitment('c3', '2026-10-27', { status: 'kept', resolution }),
        ],
      })),
      nothingStored(),
    );
    expect(plan.add.commitments.map((c) => c.id)).toEqual(['c3']);
    expect(reportOf(plan).invalid).toEqual({ ...zeroCounts(), commitments: 2 });
  });

  it('counts a key repeated within the file as invalid, keeping the first', () => {
    const first = commitment('c1', '2026-10-27');
    const plan = planAt(read(envelope({ commitments: [first, { ...first, text: 'a second c1' }] })), nothingStored());
    expect(plan.add.commitments).toEqual([first]);
    expect(plan.invalid.commitments).toBe(1);
  });

  it('takes settings when none are stored, this browser’s sidebar layout at its default, and never invalid ones', () => {
    const settings = { user: manager, weekStartsOn: 3, sidebar: { width: 400, collapsed: true }, theme: 'dark' };
    // a backup made before sites could be added reads as no sites
    const taken = planAt(read(envelope({ settings })), nothingStored());
    // nor any date order (the defaults: automatic, nothing learned), and the covered-click check on (its default);
    // the layout suits the screen it was set on, not this one
    expect(taken.add.settings).toEqual({ ...settings, sidebar: DEFAULT_SETTINGS.sidebar, crmSites: [], dateOrder: 'auto', dateOrderBySite: {}, refuseCoveredClicks: true });
    expect(reportOf(taken)).toMatchObject({ added: { settings: 1 }, alreadyPresent: { settings: 0 }, settings: { tookProfile: true, tookSettings: true, sitesAdded: 0 } });
    for (const bad of ['dark', 7, [settings]].map((s) => planAt(read(envelope({ settings: s })), nothingStored()))) {
      expect([bad.add.settings, bad.alreadyPresent.settings, bad.invalid.settings]).toEqual([null, 0, 1]);
      expect(reportOf(bad).settings).toBeUndefined();
    }
    const none = planAt(read(envelope({ settings: null })), nothingStored());
    expect(reportOf(none)).toEqual({ added: zeroCounts(), alreadyPresent: zeroCounts(), updated: zeroCounts(), repaired: zeroCounts(), invalid: zeroCounts() });
  });

  it('takes settings field by field, as the app reads them: one bad field (a later version’s theme) costs that field only', () => {
    const site = { origin: 'https://crm.example.com', crm: 'salesforce', addedAt: WRITTEN_AT };
    const plan = planAt(read(envelope({ settings: { user: manager, theme: 'sepia', weekStartsOn: 9, crmSites: [site], dateOrder: 'day-first' } })), nothingStored());
    expect(plan.add.settings).toEqual({ ...DEFAULT_SETTINGS, user: manager, crmSites: [site], dateOrder: 'day-first' });
    expect(reportOf(plan)).toMatchObject({ added: { settings: 1 }, invalid: { settings: 0 }, settings: { tookProfile: true, sitesAdded: 1 } });
  });

  it('takes the settings of a backup naming no user when none are stored here: there are none here to keep', () => {
    const plan = planAt(read(envelope({ settings: { weekStartsOn: 7, theme: 'dark', dateOrder: 'day-first', sidebar: { width: 600, collapsed: true } } })), nothingStored());
    expect(plan.add.settings).toEqual({ ...DEFAULT_SETTINGS, weekStartsOn: 7, theme: 'dark', dateOrder: 'day-first' });
    expect(reportOf(plan)).toMatchObject({
      added: { settings: 1 },
      alreadyPresent: { settings: 0 },
      settings: { tookProfile: false, tookSettings: true, sitesAdded: 0, dateOrdersAdded: 0 },
    });
  });

  describe('settings over settings already stored', () => {
    const site = (host: string, crm: CrmSite['crm'] = 'salesforce'): CrmSite => ({ origin: `https://${host}`, crm, addedAt: WRITTEN_AT });
    const theirs = {
      user: manager,
      weekStartsOn: 7,
      sidebar: { width: 600, collapsed: true },
      theme: 'dark',
      crmSites: [site('crm.acme.example'), site('hub.acme.example', 'hubspot')],
    };
    const stored = (s: Partial<Settings>): ExistingKeys => ({ ...nothingStored(), settings: settingsSchema.parse(s) });

    it('with no user here (only the sidebar layout saved), takes the backup’s, keeping this browser’s layout', () => {
      const local = { sidebar: { width: 420, collapsed: false } };
      const plan = planAt(read(envelope({ settings: theirs })), stored(local));
      expect(plan.add.settings).toEqual({ ...theirs, sidebar: local.sidebar, dateOrder: 'auto', dateOrderBySite: {}, refuseCoveredClicks: true });
      expect(reportOf(plan)).toMatchObject({
        added: { settings: 1 },
        alreadyPresent: { settings: 0 },
        settings: { tookProfile: true, sitesAdded: 2 },
      });
    });

    it('with no user here and none in the backup either, takes no profile and says so (was: "taken from the backup")', () => {
      const local = { sidebar: { width: 420, collapsed: false } };
      const { user: _none, ...nameless } = theirs;
      const plan = planAt(read(envelope({ settings: { ...nameless, crmSites: [] } })), stored(local));
      expect(plan.add.settings).toBeNull();
      expect(reportOf(plan)).toMatchObject({ added: { settings: 0 }, alreadyPresent: { settings: 1 }, settings: { tookProfile: false } });
      // its sites are still added, under this browser's settings
      const withSites = planAt(read(envelope({ settings: nameless })), stored(local));
      expect(withSites.add.settings).toMatchObject({ sidebar: local.sidebar, crmSites: theirs.crmSites });
      expect(withSites.add.settings?.user).toBeUndefined();
      expect(reportOf(withSites)).toMatchObject({ settings: { tookProfile: false, sitesAdded: 2 } });
    });

    it('adds no site Options would refuse: an IP address, a host Dealside runs on anyway', () => {
      const local = { user: { name: 'Robin Hale', role: 'rep' as const } };
      const plan = planAt(read(envelope({ settings: { ...theirs, crmSites: [site('192.168.1.10'), site('acme.my.salesforce.com', 'hubspot'), site('hub.acme.example', 'hubspot')] } })), stored(local));
      expect(plan.add.settings?.crmSites.map((s) => s.origin)).toEqual(['https://hub.acme.example']);
      expect(reportOf(plan)).toMatchObject({ settings: { sitesAdded: 1 } });
    });

    it('with a user here, keeps this browser’s settings and adds only the backup’s sites not listed here', () => {
      const local = { user: { name: 'Robin Hale', role: 'rep' as const }, weekStartsOn: 1, theme: 'light' as const, crmSites: [site('crm.acme.example', 'zoho')] };
      const plan = planAt(read(envelope({ settings: theirs })), stored(local));
      expect(plan.add.settings).toEqual(settingsSchema.parse({ ...local, crmSites: [site('crm.acme.example', 'zoho'), site('hub.acme.example', 'hubspot')] }));
      expect(reportOf(plan)).toMatchObject({ added: { settings: 1 }, alreadyPresent: { settings: 0 }, settings: { tookProfile: false, sitesAdded: 1 } });
      // nothing new in the backup: the settings here are kept as they are
      const same = planAt(read(envelope({ settings: { ...theirs, crmSites: [site('crm.acme.example')] } })), stored(local));
      expect(same.add.settings).toBeNull();
      expect(reportOf(same)).toMatchObject({ added: { settings: 0 }, alreadyPresent: { settings: 1 }, settings: { tookProfile: false, sitesAdded: 0 } });
    });

    it('takes the backup’s date order with its profile, and merges the orders learned per site (this browser’s win)', () => {
      const learnedThere = { 'acme.my.salesforce.com': 'day-first', 'app.hubspot.com': 'month-first' } as const;
      const learnedHere = { 'app.hubspot.com': 'day-first' } as const;
      const plan = planAt(
        read(envelope({ settings: { ...theirs, dateOrder: 'day-first', dateOrderBySite: learnedThere } })),
        stored({ sidebar: { width: 420, collapsed: false }, dateOrderBySite: learnedHere }),
      );
      expect(plan.add.settings).toMatchObject({
        dateOrder: 'day-first',
        dateOrderBySite: { 'acme.my.salesforce.com': 'day-first', 'app.hubspot.com': 'day-first' },
      });
      expect(plan.settings).toEqual({ tookProfile: true, tookSettings: true, sitesAdded: 2, dateOrdersAdded: 1 });
      // a user here keeps their own word on the order; the sites' learned orders are still added
      const kept = planAt(
        read(envelope({ settings: { ...theirs, crmSites: [], dateOrder: 'day-first', dateOrderBySite: learnedThere } })),
        stored({ user: manager, dateOrder: 'month-first' }),
      );
      expect(kept.add.settings).toMatchObject({ dateOrder: 'month-first', dateOrderBySite: learnedThere });
      expect(kept.settings).toEqual({ tookProfile: false, tookSettings: false, sitesAdded: 0, dateOrdersAdded: 2 });
      // all known here already: nothing to store
      const known = planAt(
        read(envelope({ settings: { ...theirs, crmSites: [], dateOrderBySite: learnedThere } })),
        stored({ user: manager, dateOrderBySite: { ...learnedHere, 'acme.my.salesforce.com': 'month-first' } }),
      );
      expect(known.add.settings).toBeNull();
      expect(known.settings).toEqual({ tookProfile: false, tookSettings: false, sitesAdded: 0, dateOrdersAdded: 0 });
      // this browser already keeps as many sites as Dealside does: the backup's would be trimmed away, so none is counted
      const full = Object.fromEntries(Array.from({ length: MAX_DATE_ORDER_SITES }, (_, i) => [`org${i}.my.salesforce.com`, 'day-first' as const]));
      const trimmed = planAt(
        read(envelope({ settings: { ...theirs, crmSites: [], dateOrderBySite: { 'new.my.salesforce.com': 'month-first' } } })),
        stored({ user: manager, dateOrderBySite: full }),
      );
      expect(trimmed.add.settings).toBeNull();
      expect(trimmed.settings).toEqual({ tookProfile: false, tookSettings: false, sitesAdded: 0, dateOrdersAdded: 0 });
    });

    it('never lists more sites than Dealside keeps', () => {
      const many = Array.from({ length: MAX_CRM_SITES }, (_, i) => site(`crm${i}.example.com`));
      const plan = planAt(read(envelope({ settings: theirs })), stored({ user: manager, crmSites: many }));
      expect(plan.add.settings).toBeNull();
      expect(plan.settings).toEqual({ tookProfile: false, tookSettings: false, sitesAdded: 0, dateOrdersAdded: 0 });
    });
  });

  it('counts a record dated more than a day after now as invalid, per record', () => {
    const soon = new Date(RESTORED_AT.getTime() + 23 * 3600_000).toISOString(); // a fast clock elsewhere
    const future = '2099-01-01T00:00:00.000Z';
    const kept = commitment('c2', '2026-10-27', { status: 'kept', resolution: { outcome: 'kept', note: 'done', by: manager, at: future } });
    const step = { dealKey: ACME, text: 'Send the MAP', source: 'sidebar', textChangedAt: WRITTEN_AT, updatedAt: future };
    const cleared = { dealKey: 'salesforce:0065g00000GlobxQAA', text: 'Demo', source: 'crm', textChangedAt: WRITTEN_AT, updatedAt: WRITTEN_AT, crmClearedAt: future };
    const plan = planAt(
      read(envelope({
        deals: [{ ...deal, lastSeenAt: future }],
        commitments: [commitment('c1', '2026-10-27', { statedAt: soon }), kept],
        nextSteps: [step, cleared],
        scores: [score('s1', WRITTEN_AT, 'discovery', 3), score('s2', future, 'discovery', 5)],
        notes: [note('n1', future)],
        drafts: [{ key: `note:${ACME}`, value: { text: 'x' }, updatedAt: future }],
      })),
      nothingStored(),
    );
    expect(plan.add.commitments.map((c) => c.id)).toEqual(['c1']);
    expect(plan.add.scores.map((s) => s.id)).toEqual(['s1']);
    expect(reportOf(plan).invalid).toEqual({ ...zeroCounts(), deals: 1, commitments: 1, nextSteps: 2, scores: 1, notes: 1, drafts: 1 });
  });

  describe('a note draft', () => {
    const draft = (updatedAt: string, dealKey = ACME) => ({ key: `note:${dealKey}`, value: { text: 'Ask about the paper process.' }, updatedAt });

    it('is not restored over a note of its deal written at or after it (stored, or in the backup): it was added already', () => {
      const fromDb = planAt(read(envelope({ drafts: [draft(WRITTEN_AT)] })), { ...nothingStored(), latestNoteAt: new Map([[ACME, WRITTEN_AT]]) });
      expect(fromDb.add.drafts).toEqual([]);
      expect(reportOf(fromDb)).toMatchObject({ alreadyPresent: { drafts: 1 }, invalid: { drafts: 0 } });
      const fromFile = planAt(read(envelope({ notes: [note('n1', '2026-10-30T16:00:00.000Z')], drafts: [draft(WRITTEN_AT)] })), nothingStored());
      expect(fromFile.add.drafts).toEqual([]);
      expect(reportOf(fromFile)).toMatchObject({ added: { notes: 1, drafts: 0 }, alreadyPresent: { drafts: 1 } });
    });

    it('is restored when its deal’s notes are all older, or on another deal', () => {
      const other = 'salesforce:0065g00000GlobxQAA';
      const plan = planAt(
        read(envelope({ notes: [note('n1', '2026-10-29T12:00:00.000Z')], drafts: [draft(WRITTEN_AT), draft('2026-10-28T12:00:00.000Z', other)] })),
        { ...nothingStored(), latestNoteAt: new Map([[ACME, '2026-10-30T14:59:59.999Z']]) },
      );
      expect(plan.add.drafts.map((d) => d.key)).toEqual([`note:${ACME}`, `note:${other}`]);
    });
  });

  it('reports every store, settings included', () => {
    expect(Object.keys(reportOf(planAt(read(envelope()), nothingStored())).added).sort()).toEqual([...BACKUP_STORES].sort());
  });
});

describe('the Options page’s side of the file', () => {
  const counts = (n: Partial<Record<'deals' | 'notes' | 'settings', number>>) => ({ ...zeroCounts(), ...n });

  it.each([
    [{ added: counts({ deals: 100, notes: 20 }), alreadyPresent: counts({ notes: 5 }), invalid: counts({ deals: 2 }) }, 'Restored 120 records. 5 were already here and were kept as they are. 2 invalid records were skipped.'],
    [{ added: counts({ settings: 1 }), alreadyPresent: counts({ deals: 1 }), invalid: counts({ notes: 1 }) }, 'Restored 1 record. 1 was already here and was kept as it is. 1 invalid record was skipped.'],
    [{ added: counts({}), alreadyPresent: counts({ deals: 3 }), invalid: counts({}) }, 'Nothing new to restore. 3 were already here and were kept as they are.'],
    [{ added: counts({}), alreadyPresent: counts({}), invalid: counts({}) }, 'This backup holds no records. Nothing changed.'],
  ])('summarises a restore in one line (%#)', (report, line) => {
    expect(restoreSummary({ ...report, updated: zeroCounts(), repaired: zeroCounts() })).toBe(line);
  });

  it('names the file by the day on the user’s own calendar', () => {
    const lateEvening = new Date('2026-11-26T03:30:00.000Z'); // Nov 25, 22:30 in New York
    expect(backupFileName(lateEvening, 'America/New_York')).toBe('dealside-backup-2026-11-25.json');
    expect(backupFileName(lateEvening, 'Europe/Berlin')).toBe('dealside-backup-2026-11-26.json');
  });

  it('measures a backup as UTF-8 bytes of its JSON', () => {
    expect(jsonByteLength({ a: 'é' })).toBe('{"a":"é"}'.length + 1);
  });
});

describe('the restore summary says what happened to settings', () => {
  it.each([
    [undefined, ''],
    [{ tookProfile: true, tookSettings: true, sitesAdded: 0, dateOrdersAdded: 0 }, 'Settings were taken from the backup (name and role, week start, theme, date order); this browser’s sidebar layout was kept.'],
    [
      { tookProfile: true, tookSettings: true, sitesAdded: 2, dateOrdersAdded: 1 },
      'Settings were taken from the backup (name and role, week start, theme, date order, 2 CRM sites, how 1 CRM site writes dates); this browser’s sidebar layout was kept. Under CRM sites, grant them access in this browser if asked.',
    ],
    [{ tookProfile: false, tookSettings: false, sitesAdded: 1, dateOrdersAdded: 0 }, 'Your settings here were kept; 1 CRM site from the backup was added. Under CRM sites, grant it access in this browser if asked.'],
    [{ tookProfile: false, tookSettings: false, sitesAdded: 0, dateOrdersAdded: 2 }, 'Your settings here were kept; how 2 CRM sites write dates from the backup was added.'],
    [
      { tookProfile: false, tookSettings: false, sitesAdded: 1, dateOrdersAdded: 1 },
      'Your settings here were kept; 1 CRM site and how 1 CRM site writes dates from the backup were added. Under CRM sites, grant it access in this browser if asked.',
    ],
    [{ tookProfile: false, tookSettings: false, sitesAdded: 0, dateOrdersAdded: 0 }, 'Your settings here were kept; the backup’s were not used.'],
    // nothing was stored here, and the backup named no user: its settings were taken all the same
    [{ tookProfile: false, tookSettings: true, sitesAdded: 0, dateOrdersAdded: 0 }, 'Settings were taken from the backup (week start, theme, date order); this browser’s sidebar layout was kept.'],
  ])('%o', async (settings, line) => {
    const { settingsSummary } = await import('../../../entrypoints/options/BackupSection');
    expect(settingsSummary(settings)).toBe(line);
  });
});

import {
  BACKUP_STORES,
  planRestore,
  readBackup,
  reportOf,
  zeroCounts,
  type BackupEnvelope,
  type ExistingKeys,
} from '../../../lib/backup/format';
import { backupFileName, jsonByteLength, restoreSummary } from '../../../lib/backup/file';
import { ACME, commitment, manager, note, score, snapshot, WRITTEN_AT } from '../support/records';

const deal = { key: ACME, snapshot: snapshot('0065g00000AcmeQAAS', 'Dana Reyes'), repId: 'salesforce:Dana Reyes', firstSeenAt: WRITTEN_AT, lastSeenAt: WRITTEN_AT };

const envelope = (stores: Partial<BackupEnvelope['stores']> = {}) => ({
  format: 'dealside-backup',
  version: 1,
  exportedAt: WRITTEN_AT,
  dbVersion: 6,
  stores: { deals: [], reps: [], commitments: [], nextSteps: [], scores: [], notes: [], callReviews: [], drafts: [], settings: null, ...stores },
});

const nothingStored = (): ExistingKeys => ({
  deals: new Set(),
  reps: new Set(),
  commitments: new Set(),
  nextSteps: new Set(),
  scores: new Set(),
  notes: new Set(),
  callReviews: new Set(),
  drafts: new Set(),
  settings: false,
});

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
    const result = readBackup({ ...envelope(), version: 2 });
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/newer Dealside \(backup version 2; this one reads version 1\)\. Update Dealside/) });
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
  it('adds valid new records, counts invalid ones and skips them', () => {
    const plan = planRestore(
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
      invalid: { ...zeroCounts(), deals: 2, commitments: 1, scores: 1 },
    });
  });

  it('adds the validated form: unknown fields are dropped, not stored', () => {
    const plan = planRestore(read(envelope({ notes: [{ ...note('n1', WRITTEN_AT), script: '<img onerror=alert(1)>' }] })), nothingStored());
    expect(plan.add.notes).toEqual([note('n1', WRITTEN_AT)]);
  });

  it('keeps what is stored: a record whose key exists is counted, never planned', () => {
    const existing = { ...nothingStored(), deals: new Set([ACME]), commitments: new Set(['c1']), nextSteps: new Set([ACME]) };
    const step = { dealKey: ACME, text: 'Send the MAP', source: 'sidebar', textChangedAt: WRITTEN_AT, updatedAt: WRITTEN_AT };
    const plan = planRestore(read(envelope({ deals: [deal], commitments: [commitment('c1', '2026-10-27'), commitment('c9', '2026-10-27')], nextSteps: [step] })), existing);
    expect(plan.add.deals).toEqual([]);
    expect(plan.add.nextSteps).toEqual([]);
    expect(plan.add.commitments.map((c) => c.id)).toEqual(['c9']);
    expect(plan.alreadyPresent).toEqual({ ...zeroCounts(), deals: 1, commitments: 1, nextSteps: 1 });
  });

  it('counts a key repeated within the file as invalid, keeping the first', () => {
    const first = commitment('c1', '2026-10-27');
    const plan = planRestore(read(envelope({ commitments: [first, { ...first, text: 'a second c1' }] })), nothingStored());
    expect(plan.add.commitments).toEqual([first]);
    expect(plan.invalid.commitments).toBe(1);
  });

  it('takes settings only when none are stored, and never invalid ones', () => {
    const settings = { user: manager, weekStartsOn: 3, sidebar: { width: 400, collapsed: true }, theme: 'dark' };
    // a backup made before sites could be added reads as no sites
    expect(planRestore(read(envelope({ settings })), nothingStored()).add.settings).toEqual({ ...settings, crmSites: [] });
    const kept = planRestore(read(envelope({ settings })), { ...nothingStored(), settings: true });
    expect([kept.add.settings, kept.alreadyPresent.settings, kept.invalid.settings]).toEqual([null, 1, 0]);
    const bad = planRestore(read(envelope({ settings: { weekStartsOn: 9 } })), nothingStored());
    expect([bad.add.settings, bad.alreadyPresent.settings, bad.invalid.settings]).toEqual([null, 0, 1]);
    const none = planRestore(read(envelope({ settings: null })), nothingStored());
    expect(reportOf(none)).toEqual({ added: zeroCounts(), alreadyPresent: zeroCounts(), invalid: zeroCounts() });
  });

  it('reports every store, settings included', () => {
    expect(Object.keys(reportOf(planRestore(read(envelope()), nothingStored())).added).sort()).toEqual([...BACKUP_STORES].sort());
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
    expect(restoreSummary(report)).toBe(line);
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

/**
 * Restoring over records already stored, through the database (restoreBackup)
 * and the handlers: open promises take the backup's outcome, damaged records
 * take the backup's valid copy, the derived stores count the result, and an
 * export says how many damaged records it could not include.
 */
import type { DB } from '../../../lib/db/open';
import { exportBackup, restoreBackup } from '../../../lib/db/backup';
import { readBackup, type BackupEnvelope } from '../../../lib/backup/format';
import type { RestoreReport } from '../../../lib/backup/plan';
import { addCommitment, commitmentsForDeal, getCommitment, notesForDeal, resolveCommitmentRecord, scoresForDeal } from '../../../lib/db/coaching';
import { getReview, getReviewByCall, putCompletedReview, putReview } from '../../../lib/db/call-reviews';
import { createBackupHandlers } from '../../../lib/handlers/backup';
import { renegotiateCommitment } from '../../../lib/rules/commitments';
import { recordSnapshot } from '../../../lib/db/record-snapshot';
import { dayCountsAt } from '../../../lib/scorecard/rep-weeks';
import type { ChangeEvent } from '../../../lib/messages/protocol';
import { DEFAULT_SETTINGS, type CallReview } from '../../../lib/model';
import { getSettings } from '../../../lib/db/settings';
import { restoreSummary } from '../../../lib/backup/file';
import { settingsSummary } from '../../../entrypoints/options/BackupSection';
import { ACME, DANA, NY, RESTORED_AT, WRITTEN_AT, commitment, completedReview, fillThroughApp, manager, note, score, snapshot } from '../support/records';
import { envelope, freshDatabases, viaFile } from '../support/backup';

const freshDb = freshDatabases('restore-over');

const restoreAt = (db: DB, backup: BackupEnvelope) => restoreBackup(db, backup, { now: RESTORED_AT, timeZone: NY });
const week = (db: DB) => db.get('repWeeks', ['2026-10-26', DANA]);
/** A file as read back from disk. */
function read(input: unknown): BackupEnvelope {
  const result = readBackup(input);
  if (!result.ok) throw new Error(result.error);
  return result.backup;
}

describe('restoreBackup over an open commitment', () => {
  it('takes the backup’s renegotiation: one open promise, not two, and the derived counts follow', async () => {
    // here: c1 open, as both browsers had it
    const target = await freshDb();
    await recordSnapshot(target, snapshot('0065g00000AcmeQAAS', 'Dana Reyes'), WRITTEN_AT);
    await addCommitment(target, commitment('c1', '2026-10-27'));
    // there: c1 renegotiated to Nov 6, c1b opened
    const source = await freshDb();
    await recordSnapshot(source, snapshot('0065g00000AcmeQAAS', 'Dana Reyes'), WRITTEN_AT);
    await addCommitment(source, commitment('c1', '2026-10-27'));
    const { closed, opened: c1b } = renegotiateCommitment(commitment('c1', '2026-10-27'), {
      newDue: '2026-11-06',
      reason: 'legal review',
      note: 'legal needs a week',
      by: manager,
      nowIso: '2026-10-30T16:00:00.000Z',
      newId: 'c1b',
    });
    expect(await resolveCommitmentRecord(source, closed, c1b)).toBe(true);

    const { report, dealKeys } = await restoreAt(target, viaFile(await exportBackup(source, RESTORED_AT)));
    const mine = await commitmentsForDeal(target, ACME);
    expect(mine.filter((c) => c.status === 'open').map((c) => c.id)).toEqual(['c1b']);
    expect(await getCommitment(target, 'c1')).toEqual(closed);
    expect(report.updated.commitments).toBe(1);
    expect(report.added.commitments).toBe(1);
    expect(report.alreadyPresent.commitments).toBe(0);
    expect(dealKeys).toEqual([ACME]);
    // the scorecard's counts: Tuesday Oct 27 holds c1 as renegotiated, no longer open; the derived stores equal the source's
    const counts = await week(target);
    expect(counts && dayCountsAt(counts, 1).due).toMatchObject({ open: 0, renegotiated: 1 });
    expect(await week(target)).toEqual(await week(source));
  });

  it('takes the backup’s kept outcome (the existing fixture: c1 kept there), counted in the rebuilt scorecard', async () => {
    const source = await freshDb();
    await fillThroughApp(source);
    const target = await freshDb();
    await recordSnapshot(target, snapshot('0065g00000AcmeQAAS', 'Dana Reyes'), WRITTEN_AT);
    await addCommitment(target, commitment('c1', '2026-10-27'));
    const { report } = await restoreAt(target, viaFile(await exportBackup(source, RESTORED_AT)));
    expect(await getCommitment(target, 'c1')).toMatchObject({ status: 'kept', resolution: { note: 'done' } });
    expect(report.updated).toMatchObject({ commitments: 1 });
    const counts = await week(target);
    expect(counts && dayCountsAt(counts, 1).due).toMatchObject({ open: 0, kept: 1 });
  });

  it('never reopens a promise resolved here', async () => {
    const source = await freshDb();
    await recordSnapshot(source, snapshot('0065g00000AcmeQAAS', 'Dana Reyes'), WRITTEN_AT);
    await addCommitment(source, commitment('c1', '2026-10-27'));
    const backup = viaFile(await exportBackup(source, RESTORED_AT));
    const target = await freshDb();
    await recordSnapshot(target, snapshot('0065g00000AcmeQAAS', 'Dana Reyes'), WRITTEN_AT);
    await addCommitment(target, commitment('c1', '2026-10-27'));
    const missed = commitment('c1', '2026-10-27', { status: 'missed', resolution: { outcome: 'missed', note: 'slipped', by: manager, at: WRITTEN_AT } });
    await resolveCommitmentRecord(target, missed);
    const { report } = await restoreAt(target, backup);
    expect(await getCommitment(target, 'c1')).toEqual(missed);
    expect(report.updated.commitments).toBe(0);
    expect(report.alreadyPresent.commitments).toBe(1);
  });
});

describe('restoreBackup of a renegotiation where the promise it replaced was settled otherwise here', () => {
  /** a browser with c1 on Acme, then `settle` run on it */
  const browserWith = async (settle: (db: DB) => Promise<unknown>) => {
    const db = await freshDb();
    await recordSnapshot(db, snapshot('0065g00000AcmeQAAS', 'Dana Reyes'), WRITTEN_AT);
    await addCommitment(db, commitment('c1', '2026-10-27'));
    await settle(db);
    return db;
  };
  const renegotiate = (newId: string, newDue: string) => async (db: DB) => {
    const { closed, opened } = renegotiateCommitment(commitment('c1', '2026-10-27'), {
      newDue,
      reason: 'legal review',
      note: '',
      by: manager,
      nowIso: '2026-10-30T16:00:00.000Z',
      newId,
    });
    expect(await resolveCommitmentRecord(db, closed, opened)).toBe(true);
  };
  const open = async (db: DB) => (await commitmentsForDeal(db, ACME)).filter((c) => c.status === 'open').map((c) => c.id).sort();

  it('kept here: the backup’s replacement is not added (no promise left owing that nothing leads to)', async () => {
    const kept = commitment('c1', '2026-10-27', { status: 'kept', resolution: { outcome: 'kept', note: 'signed', by: manager, at: WRITTEN_AT } });
    const target = await browserWith((db) => resolveCommitmentRecord(db, kept));
    const source = await browserWith(renegotiate('c1b', '2026-11-06'));
    const { report } = await restoreAt(target, viaFile(await exportBackup(source, RESTORED_AT)));
    expect(await open(target)).toEqual([]);
    expect(await getCommitment(target, 'c1')).toEqual(kept);
    expect(await getCommitment(target, 'c1b')).toBeNull();
    expect(report.added.commitments).toBe(0);
    expect(report.alreadyPresent.commitments).toBe(2);
    const counts = await week(target);
    expect(counts && dayCountsAt(counts, 1).due).toMatchObject({ open: 0, kept: 1 });
  });

  it('renegotiated here to another promise: only that one stays open', async () => {
    const target = await browserWith(renegotiate('c1x', '2026-11-05'));
    const source = await browserWith(renegotiate('c1b', '2026-11-06'));
    await restoreAt(target, viaFile(await exportBackup(source, RESTORED_AT)));
    expect(await open(target)).toEqual(['c1x']);
  });

  it('open here: the renegotiation and its replacement are both taken, as before', async () => {
    const target = await browserWith(async () => {});
    const source = await browserWith(renegotiate('c1b', '2026-11-06'));
    await restoreAt(target, viaFile(await exportBackup(source, RESTORED_AT)));
    expect(await open(target)).toEqual(['c1b']);
  });
});

describe('restoreBackup of a review of a call reviewed here under another id', () => {
  it('takes neither the review nor its scores: the deal’s current score and the rep’s weeks stay this browser’s', async () => {
    const given = (id: string, reviewId: string, at: string, value: number) => ({
      id,
      dealKey: ACME,
      repId: DANA,
      dimension: 'discovery' as const,
      value,
      by: manager,
      at,
      rubricVersion: '2026.1',
      source: { kind: 'call' as const, reviewId },
    });
    const target = await freshDb();
    await recordSnapshot(target, snapshot('0065g00000AcmeQAAS', 'Dana Reyes'), WRITTEN_AT);
    await putCompletedReview(target, completedReview({ id: 'r1' }), [given('s1', 'r1', '2026-10-29T15:00:00.000Z', 4)], NY);
    const source = await freshDb();
    await recordSnapshot(source, snapshot('0065g00000AcmeQAAS', 'Dana Reyes'), WRITTEN_AT);
    await putCompletedReview(source, completedReview({ id: 'r2' }), [given('s2', 'r2', '2026-10-29T16:00:00.000Z', 1)], NY);
    const { report } = await restoreAt(target, viaFile(await exportBackup(source, RESTORED_AT)));
    expect((await scoresForDeal(target, ACME)).map((s) => s.id)).toEqual(['s1']);
    expect(await getReview(target, 'r2')).toBeNull();
    expect(report.added).toMatchObject({ scores: 0, callReviews: 0 });
    expect(report.alreadyPresent).toMatchObject({ scores: 1, callReviews: 1 });
    const counts = await week(target);
    expect(counts && dayCountsAt(counts, 3).scores.discovery).toEqual({ sum: 4, count: 1 });
  });
});

describe('restoreBackup of a review of a page keyed with its tracking parameters (a backup from before database v12)', () => {
  const file = 'https://contoso.sharepoint.com/sites/Sales/_layouts/15/stream.aspx?id=%2FRecordings%2FAcme.mp4';
  const fromTeams = `${file}&referrer=Teams.TEAMS-ELECTRON&referrerScenario=MeetingChicletGetLink.view`;
  const pageReview = (id: string, url: string, callId: string) =>
    completedReview({ id, provider: 'media', url, callId, callKey: `media:${callId}`, scores: {}, status: 'draft', completedAt: undefined });
  it('stores it under the key the page has now, where the call panel looks for it', async () => {
    const source = await freshDb();
    await putReview(source, pageReview('r-old', fromTeams, fromTeams));
    const target = await freshDb();
    const { report } = await restoreAt(target, viaFile(await exportBackup(source, RESTORED_AT)));
    expect(report.added.callReviews).toBe(1);
    expect((await getReviewByCall(target, `media:${file}`))?.id).toBe('r-old');
    expect((await getReview(target, 'r-old'))?.url).toBe(fromTeams);
  });
  it('is the call reviewed here under the new key: not taken a second time', async () => {
    const source = await freshDb();
    await putReview(source, pageReview('r-old', fromTeams, fromTeams));
    const target = await freshDb();
    await putReview(target, pageReview('r-here', `${file}&ga=1`, file));
    const { report } = await restoreAt(target, viaFile(await exportBackup(source, RESTORED_AT)));
    expect(report.added.callReviews).toBe(0);
    expect(await getReview(target, 'r-old')).toBeNull();
    expect((await getReviewByCall(target, `media:${file}`))?.id).toBe('r-here');
  });
});

describe('restoreBackup over a draft call review', () => {
  it('takes the backup’s completed version with its history; a second restore changes nothing', async () => {
    const source = await freshDb();
    await fillThroughApp(source); // r1 completed there
    const target = await freshDb();
    const draft: CallReview = { ...completedReview({ status: 'draft', scores: { discovery: 3 }, updatedAt: '2026-10-29T14:30:00.000Z' }) };
    delete draft.completedAt;
    await putReview(target, draft);
    const backup = viaFile(await exportBackup(source, RESTORED_AT));
    const { report } = await restoreAt(target, backup);
    expect(await getReview(target, 'r1')).toEqual(completedReview());
    expect(report.updated.callReviews).toBe(1);
    const again = await restoreAt(target, backup);
    expect(again.report.updated.callReviews).toBe(0);
    expect(again.report.alreadyPresent.callReviews).toBe(1);
  });
});

describe('restoreBackup over a damaged stored record', () => {
  it('replaces it with the backup’s valid copy, counted as repaired, and the scorecard counts it', async () => {
    const source = await freshDb();
    await fillThroughApp(source);
    const target = await freshDb();
    await target.put('notes', { id: 'n1', dealKey: ACME } as never);
    await target.put('commitments', { id: 'c2', dealKey: ACME, status: 'open' } as never);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { report } = await restoreAt(target, viaFile(await exportBackup(source, RESTORED_AT)));
    expect((await notesForDeal(target, ACME)).map((n) => n.id).sort()).toEqual(['n1', 'n2']);
    expect(await target.get('notes', 'n1')).toEqual(note('n1', '2026-10-28T12:00:00.000Z', { diagnosis: 'skill' }));
    expect(await getCommitment(target, 'c2')).toEqual(commitment('c2', '2026-11-04'));
    expect(report.repaired).toMatchObject({ notes: 1, commitments: 1 });
    expect(report.alreadyPresent).toMatchObject({ notes: 0, commitments: 0 });
    // the rebuilt scorecard holds the repaired records as the source's does
    expect(await week(target)).toEqual(await week(source));
  });
});

describe('exportBackup and damaged records', () => {
  it('says how many it left out, per store', async () => {
    const db = await freshDb();
    await fillThroughApp(db);
    await db.put('notes', { id: 'broken', dealKey: ACME } as never);
    await db.put('scores', { id: 'broken-score' } as never);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const backup = await exportBackup(db, RESTORED_AT);
    expect(backup.leftOut).toMatchObject({ notes: 1, scores: 1, deals: 0, settings: 0 });
    expect(backup.stores.notes.map((n) => n.id)).toEqual(['n1', 'n2']);
    // the file reads back as usual
    expect(readBackup(JSON.parse(JSON.stringify(backup))).ok).toBe(true);
  });

  it('left out nothing from a sound database', async () => {
    const db = await freshDb();
    await fillThroughApp(db);
    expect(Object.values((await exportBackup(db, RESTORED_AT)).leftOut).every((n) => n === 0)).toBe(true);
  });
});

describe('backup/import that only updates', () => {
  it('tells open pages (the deal’s sidebar) what changed', async () => {
    const source = await freshDb();
    await fillThroughApp(source);
    const backup = JSON.parse(JSON.stringify(await exportBackup(source, RESTORED_AT)));
    const target = await freshDb();
    const events: ChangeEvent[] = [];
    const handlers = createBackupHandlers({ db: async () => target, now: () => RESTORED_AT, broadcast: (e) => void events.push(e) });
    await handlers['backup/import']({ type: 'backup/import', backup });
    // c1 open again here (as this browser had it before c1 was kept there)
    await target.put('commitments', commitment('c1', '2026-10-27'));
    events.length = 0;
    const report = (await handlers['backup/import']({ type: 'backup/import', backup })) as RestoreReport;
    expect(Object.values(report.added).every((n) => n === 0)).toBe(true);
    expect(report.updated.commitments).toBe(1);
    expect(events).toEqual([{ kind: 'dealside/changed', dealKeys: [ACME], tabIds: [] }]);
  });

  it('answers an export with the count of records left out', async () => {
    const source = await freshDb();
    await fillThroughApp(source);
    await source.put('notes', { id: 'broken', dealKey: ACME } as never);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const handlers = createBackupHandlers({ db: async () => source, now: () => RESTORED_AT });
    expect((await handlers['backup/export']({ type: 'backup/export' })).leftOut).toMatchObject({ notes: 1 });
  });
});

describe('restoreBackup of a database holding two reviews of one call (as migration v12 leaves a recording opened at two addresses)', () => {
  it('restores both, with every score they gave, into a fresh database', async () => {
    const file = 'https://contoso.sharepoint.com/sites/Sales/_layouts/15/stream.aspx?id=%2FRecordings%2FAcme.mp4';
    const review = (id: string, url: string, at: string) =>
      completedReview({ id, provider: 'media', url, callId: file, callKey: `media:${file}`, updatedAt: at, completedAt: at });
    const scored = (id: string, reviewId: string, at: string) => score(id, at, 'discovery', 4, { source: { kind: 'call', reviewId } });
    const source = await freshDb();
    await putCompletedReview(source, review('r-teams', `${file}&referrer=Teams.TEAMS-ELECTRON`, '2026-10-29T15:00:00.000Z'), [scored('s-t', 'r-teams', '2026-10-29T15:00:00.000Z')], NY);
    await putCompletedReview(source, review('r-mail', `${file}&ga=1`, '2026-10-29T16:00:00.000Z'), [scored('s-m', 'r-mail', '2026-10-29T16:00:00.000Z')], NY);
    const target = await freshDb();
    const { report } = await restoreAt(target, viaFile(await exportBackup(source, RESTORED_AT)));
    expect(report.added).toMatchObject({ callReviews: 2, scores: 2 });
    expect(report.alreadyPresent).toMatchObject({ callReviews: 0, scores: 0 });
    expect((await target.getAll('scores')).map((s) => s.id).sort()).toEqual(['s-m', 's-t']);
    expect((await target.getAll('callReviews')).map((r) => r.id).sort()).toEqual(['r-mail', 'r-teams']);
  });
});

describe('restoreBackup of a file repeating a call review’s id', () => {
  it('keeps the review and its scores; the repeat is counted invalid', async () => {
    const db = await freshDb();
    const review = completedReview();
    const scores = [
      score('s4', '2026-10-29T15:00:00.000Z', 'discovery', 4, { source: { kind: 'call', reviewId: 'r1' } }),
      score('s5', '2026-10-29T15:00:00.000Z', 'nextStep', 2, { source: { kind: 'call', reviewId: 'r1' } }),
    ];
    const { report } = await restoreAt(db, read(envelope({ callReviews: [review, review], scores })));
    expect(await getReview(db, 'r1')).toEqual(review);
    expect((await scoresForDeal(db, ACME)).map((s) => s.id).sort()).toEqual(['s4', 's5']);
    expect(report).toMatchObject({ added: { callReviews: 1, scores: 2 }, alreadyPresent: { callReviews: 0, scores: 0 }, invalid: { callReviews: 1 } });
  });
});

describe('restoreBackup of a file repeating a key with a later state (found by fuzz-restore.test.ts)', () => {
  const open = commitment('c1', '2026-10-27');
  const kept = commitment('c1', '2026-10-27', { status: 'kept', resolution: { outcome: 'kept', note: 'done', by: manager, at: WRITTEN_AT } });
  const draft: CallReview = completedReview({ status: 'draft', updatedAt: '2026-10-29T14:30:00.000Z' });
  delete draft.completedAt;
  const file = () => read(envelope({ commitments: [open, kept], callReviews: [draft, completedReview()] }));

  it('weighs the first record of a key only, stored or not: a second restore of the file writes nothing', async () => {
    const db = await freshDb();
    const first = await restoreAt(db, file());
    expect(first.report).toMatchObject({ added: { commitments: 1, callReviews: 1 }, invalid: { commitments: 1, callReviews: 1 } });
    const again = await restoreAt(db, file());
    expect(again.report).toMatchObject({ updated: { commitments: 0, callReviews: 0 }, invalid: { commitments: 1, callReviews: 1 } });
    expect(await getCommitment(db, 'c1')).toEqual(open);
    expect(await getReview(db, 'r1')).toEqual(draft);
  });

  it('counts the repeat of a stored record’s key invalid, as any repeat', async () => {
    const db = await freshDb();
    await addCommitment(db, open);
    await putReview(db, draft);
    const { report } = await restoreAt(db, file());
    expect(report).toMatchObject({ alreadyPresent: { commitments: 1, callReviews: 1 }, updated: { commitments: 0, callReviews: 0 }, invalid: { commitments: 1, callReviews: 1 } });
    expect(await getCommitment(db, 'c1')).toEqual(open);
  });
});

describe('restoreBackup over a damaged stored record showing a later state than the backup’s copy', () => {
  it('keeps a promise kept here (one field out of bounds) rather than the backup’s open copy: the outcome stays', async () => {
    const db = await freshDb();
    // a 2001-character outcome note (an older build, a flipped byte) is all that fails today's check
    const keptHere = commitment('c1', '2026-10-27', {
      status: 'kept',
      resolution: { outcome: 'kept', note: 'x'.repeat(2001), by: manager, at: '2026-10-28T10:00:00.000Z' },
    });
    await db.put('commitments', keptHere);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { report } = await restoreAt(db, read(envelope({ commitments: [commitment('c1', '2026-10-27')] })));
    expect(await db.get('commitments', 'c1')).toEqual(keptHere);
    expect(report).toMatchObject({ repaired: { commitments: 0 }, alreadyPresent: { commitments: 1 } });
    // the sidebar does not ask "What happened?" again: no open c1 reads back
    expect(await getCommitment(db, 'c1')).toBeNull();
  });

  it('keeps a completed review here rather than the backup’s older draft of it', async () => {
    const db = await freshDb();
    const done = completedReview({ overallNote: 'y'.repeat(10_001) }); // the note over its bound
    await db.put('callReviews', done);
    const draft: CallReview = completedReview({ status: 'draft', scores: {}, updatedAt: '2026-10-29T14:10:00.000Z' });
    delete draft.completedAt;
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { report } = await restoreAt(db, read(envelope({ callReviews: [draft] })));
    expect(await db.get('callReviews', 'r1')).toEqual(done);
    expect(report).toMatchObject({ repaired: { callReviews: 0 }, alreadyPresent: { callReviews: 1 } });
  });
});

describe('settings with one field a later (or damaged) version wrote', () => {
  const site = { origin: 'https://crm.example.com', crm: 'salesforce' as const, addedAt: WRITTEN_AT };

  it('are exported with their sound fields, as the app reads them', async () => {
    const db = await freshDb();
    // e.g. a theme a later Dealside offers
    await db.put('settings', { user: manager, theme: 'sepia', crmSites: [site], weekStartsOn: 7 } as never, 'settings');
    const backup = await exportBackup(db, RESTORED_AT);
    expect(backup.stores.settings).toEqual({ ...DEFAULT_SETTINGS, user: manager, crmSites: [site], weekStartsOn: 7 });
    expect(backup.stores.settings).toEqual(await getSettings(db));
    expect(backup.leftOut.settings).toBe(0);
  });

  it('in a file are restored with their sound fields', async () => {
    const db = await freshDb();
    const { report } = await restoreAt(db, read(envelope({ settings: { user: manager, theme: 'sepia', crmSites: [site], weekStartsOn: 7 } })));
    expect(report.invalid.settings).toBe(0);
    expect(await getSettings(db)).toMatchObject({ user: manager, crmSites: [site], weekStartsOn: 7, theme: 'system' });
  });
});

describe('restoreBackup into a browser that stored no settings, of a backup whose settings name no user', () => {
  it('takes them (this browser’s layout and covered-click protection at their defaults) and says so', async () => {
    const db = await freshDb();
    const { report } = await restoreAt(db, read(envelope({ settings: { weekStartsOn: 7, theme: 'dark', dateOrder: 'day-first', refuseCoveredClicks: false } })));
    expect(await getSettings(db)).toEqual({ ...DEFAULT_SETTINGS, weekStartsOn: 7, theme: 'dark', dateOrder: 'day-first' });
    expect(report).toMatchObject({ added: { settings: 1 }, alreadyPresent: { settings: 0 } });
    expect([restoreSummary(report), settingsSummary(report.settings)].join(' ')).toBe(
      'Restored 1 record. Settings were taken from the backup (week start, theme, date order); this browser’s sidebar layout was kept.',
    );
  });
});

describe('restoreBackup over a deal stored under a key that is no string (IndexedDB takes numbers too)', () => {
  it('runs, and leaves that deal as it is', async () => {
    const db = await freshDb();
    await db.put('deals', { key: 42 } as never);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { report } = await restoreAt(db, read(envelope({ notes: [note('n1', WRITTEN_AT)] })));
    expect(report.added.notes).toBe(1);
    expect(await db.get('deals', 42 as never)).toEqual({ key: 42 });
  });
});

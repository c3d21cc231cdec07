/**
 * Restoring a backup holding a rep whose name differs only in case or spacing from a rep
 * stored here, or from another rep in the same file (written before reports were matched to
 * known reps with `sameName`, and before migration v14 merged such reps): it does not come
 * back as a second rep. Its records are filed under the rep kept (the stored one; among the
 * file's own, the first seen), the rep counts as already present, and a second restore of
 * the same file adds nothing.
 */
import type { DB } from '../../../lib/db/open';
import { exportBackup, restoreBackup } from '../../../lib/db/backup';
import { readBackup, zeroCounts, type BackupEnvelope } from '../../../lib/backup/format';
import { planRestore, reportOf, type ExistingKeys } from '../../../lib/backup/plan';
import { addCommitment, addNoteClearingDraft, addScore } from '../../../lib/db/coaching';
import { putCompletedReview } from '../../../lib/db/call-reviews';
import { recordSnapshot } from '../../../lib/db/record-snapshot';
import { dayCountsAt } from '../../../lib/scorecard/rep-weeks';
import type { CallReview, Rep } from '../../../lib/model';
import { ACME, DANA, GLOBEX, NY, RESTORED_AT, WRITTEN_AT, commitment, completedReview, dump, note, score, snapshot } from '../support/records';
import { envelope, freshDatabases, viaFile } from '../support/backup';

const freshDb = freshDatabases('rep-variants');
const restoreAt = (db: DB, backup: BackupEnvelope) => restoreBackup(db, backup, { now: RESTORED_AT, timeZone: NY });
function read(input: unknown): BackupEnvelope {
  const result = readBackup(input);
  if (!result.ok) throw new Error(result.error);
  return result.backup;
}

/** Dana as another layout wrote her name before reports were matched (`repIdOf` collapses the spacing in the id only) */
const VARIANT = 'salesforce:dana reyes';
const EARLIER = '2026-10-28T15:00:00.000Z';
const rep = (id: string, name: string, firstSeenAt: string, crm: Rep['crm'] = 'salesforce'): Rep => ({ id, crm, name, firstSeenAt });
const danaRep = rep(DANA, 'Dana Reyes', WRITTEN_AT);
const variantRep = rep(VARIANT, 'dana  reyes', EARLIER);

/** A version of a review completed on the variant's deal, before an edit. */
const versionOnVariant = {
  scores: { discovery: 3 },
  overallNote: 'First pass.',
  pins: [],
  timeSpentMs: 300_000,
  completedAt: '2026-10-29T14:30:00.000Z',
  supersededAt: '2026-10-29T15:00:00.000Z',
  linked: { repId: VARIANT, repName: 'dana  reyes', dealKey: GLOBEX },
};
const reviewOnVariant = (): CallReview =>
  completedReview({ id: 'r9', callKey: 'gong:9', callId: '9', url: 'https://app.gong.io/call?id=9', dealKey: GLOBEX, repId: VARIANT, repName: 'dana  reyes', history: [versionOnVariant] });

describe('planRestore of a backup’s rep named as a stored rep, case and spacing aside', () => {
  const stored = (reps: Rep[]): ExistingKeys => {
    const none = () => new Set<string>();
    return {
      deals: none(),
      reps: new Set(reps.map((r) => r.id)),
      commitments: none(),
      nextSteps: none(),
      scores: none(),
      notes: none(),
      callReviews: none(),
      drafts: none(),
      damaged: { deals: none(), reps: none(), commitments: none(), nextSteps: none(), scores: none(), notes: none(), callReviews: none(), drafts: none() },
      stored: { commitments: new Map(), callReviews: new Map(), reps: new Map(reps.map((r) => [r.id, r])) },
      damagedRecords: { commitments: new Map(), callReviews: new Map() },
      settings: null,
      latestNoteAt: new Map(),
    };
  };
  const onVariant = { dealKey: GLOBEX, repId: VARIANT };
  const deal = { key: GLOBEX, snapshot: snapshot('0065g00000GlobxQAA', 'dana  reyes'), repId: VARIANT, firstSeenAt: EARLIER, lastSeenAt: EARLIER };
  const file = () =>
    read(
      envelope({
        reps: [variantRep],
        deals: [deal],
        commitments: [commitment('c9', '2026-10-29', onVariant)],
        scores: [score('s9', '2026-10-29T15:00:00.000Z', 'discovery', 4, onVariant)],
        notes: [note('n9', '2026-10-29T12:00:00.000Z', onVariant)],
        callReviews: [reviewOnVariant()],
      }),
    );

  it('files its records under the stored rep (even one seen later), and counts the rep as already present', () => {
    const plan = planRestore(file(), stored([danaRep]), RESTORED_AT);
    expect(plan.add.reps).toEqual([]);
    expect(reportOf(plan).alreadyPresent).toEqual({ ...zeroCounts(), reps: 1 });
    expect(reportOf(plan).invalid).toEqual(zeroCounts());
    expect(reportOf(plan).added).toEqual({ ...zeroCounts(), deals: 1, commitments: 1, scores: 1, notes: 1, callReviews: 1 });
    expect(plan.add.deals).toEqual([{ ...deal, repId: DANA }]);
    expect([...plan.add.commitments, ...plan.add.scores, ...plan.add.notes].map((r) => r.repId)).toEqual([DANA, DANA, DANA]);
    // the review and the version completed for the variant; the name as it was shown stays
    expect(plan.add.callReviews).toEqual([{ ...reviewOnVariant(), repId: DANA, history: [{ ...versionOnVariant, linked: { ...versionOnVariant.linked, repId: DANA } }] }]);
  });

  it('a rep of the file whose id is a damaged stored rep repairs that rep: not merged away, its records kept on it', () => {
    const existing = stored([danaRep]);
    const damaged = { ...existing, reps: new Set([DANA]), damaged: { ...existing.damaged, reps: new Set([VARIANT]) } };
    const plan = planRestore(file(), damaged, RESTORED_AT);
    expect(reportOf(plan).repaired.reps).toBe(1);
    expect(reportOf(plan).alreadyPresent.reps).toBe(0);
    expect(plan.add.deals).toEqual([deal]);
    expect([...plan.add.commitments, ...plan.add.scores, ...plan.add.notes].map((r) => r.repId)).toEqual([VARIANT, VARIANT, VARIANT]);
  });

  it('the same name in another CRM is another rep: added, its records as written', () => {
    const hubspot = rep('hubspot:dana reyes', 'dana reyes', EARLIER, 'hubspot');
    const plan = planRestore(read(envelope({ reps: [hubspot], notes: [note('n9', WRITTEN_AT, { repId: hubspot.id })] })), stored([danaRep]), RESTORED_AT);
    expect(plan.add.reps).toEqual([hubspot]);
    expect(plan.add.notes.map((n) => n.repId)).toEqual([hubspot.id]);
  });

  it('a damaged rep in the file is no rep to file under: counted invalid, and the records naming it are left as written', () => {
    const reps = [null, 'salesforce:dana reyes', { id: VARIANT, name: 'dana reyes' }, { ...danaRep, id: 42 }];
    const plan = planRestore(read(envelope({ reps, notes: [note('n9', WRITTEN_AT, { repId: VARIANT })] })), stored([danaRep]), RESTORED_AT);
    expect(reportOf(plan).invalid.reps).toBe(4);
    expect(plan.add.notes.map((n) => n.repId)).toEqual([VARIANT]);
  });

  it('two variants in the file alone: the first seen is added, the other counted already present, in any order', () => {
    const later = rep('salesforce:DANA REYES', 'DANA REYES', WRITTEN_AT);
    for (const reps of [[later, variantRep], [variantRep, later]]) {
      const plan = planRestore(read(envelope({ reps, notes: [note('n9', WRITTEN_AT, { repId: later.id })] })), stored([]), RESTORED_AT);
      expect(plan.add.reps).toEqual([variantRep]);
      expect(reportOf(plan)).toMatchObject({ added: { reps: 1, notes: 1 }, alreadyPresent: { reps: 1 }, invalid: { reps: 0 } });
      expect(plan.add.notes.map((n) => n.repId)).toEqual([VARIANT]);
    }
    // seen at the same moment: the lower id, in any order ('salesforce:DANA REYES' < 'salesforce:dana reyes')
    const tied = { ...later, firstSeenAt: EARLIER };
    for (const reps of [[tied, variantRep], [variantRep, tied]]) {
      expect(planRestore(read(envelope({ reps })), stored([]), RESTORED_AT).add.reps).toEqual([tied]);
    }
  });

  it('a rep of the file dated in the future is invalid, never the one kept; its records are filed under its variant', () => {
    const future = rep('salesforce:DANA REYES', 'DANA REYES', '2030-01-01T00:00:00.000Z');
    for (const reps of [[future, variantRep], [variantRep, future]]) {
      const plan = planRestore(read(envelope({ reps, notes: [note('n9', WRITTEN_AT, { repId: future.id })] })), stored([]), RESTORED_AT);
      expect(plan.add.reps).toEqual([variantRep]);
      expect(reportOf(plan)).toMatchObject({ invalid: { reps: 1 }, alreadyPresent: { reps: 0 } });
      expect(plan.add.notes.map((n) => n.repId)).toEqual([VARIANT]);
    }
  });
});

describe('restoreBackup of a backup holding a variant of a stored rep', () => {
  /** A browser where Dana's name was read as "dana  reyes" (first, on Globex), with her coaching there. */
  async function variantBrowser(): Promise<DB> {
    const db = await freshDb();
    await recordSnapshot(db, snapshot('0065g00000GlobxQAA', 'dana  reyes'), EARLIER);
    const onVariant = { dealKey: GLOBEX, repId: VARIANT };
    await addCommitment(db, commitment('c9', '2026-10-29', onVariant)); // Thursday Oct 29
    await addScore(db, score('s9', '2026-10-27T15:00:00.000Z', 'discovery', 5, onVariant), NY); // Tuesday Oct 27
    await addNoteClearingDraft(db, note('n9', '2026-10-28T12:00:00.000Z', { ...onVariant, diagnosis: 'will' }), 'note:x', NY);
    await putCompletedReview(db, reviewOnVariant(), [], NY);
    expect(await db.getAll('reps')).toEqual([{ ...variantRep, name: 'dana  reyes' }]);
    return db;
  }

  it('files every record under the rep stored here: one rep, one row on the scorecard; a second restore adds nothing', async () => {
    const source = await variantBrowser();
    const backup = viaFile(await exportBackup(source, RESTORED_AT));
    const target = await freshDb();
    await recordSnapshot(target, snapshot('0065g00000AcmeQAAS', 'Dana Reyes'), WRITTEN_AT);
    await addCommitment(target, commitment('c1', '2026-10-29'));
    await addScore(target, score('s1', '2026-10-27T16:00:00.000Z', 'discovery', 3), NY);

    const { report } = await restoreAt(target, backup);
    expect(report.added).toEqual({ ...zeroCounts(), deals: 1, commitments: 1, scores: 1, notes: 1, callReviews: 1 });
    expect(report.alreadyPresent).toEqual({ ...zeroCounts(), reps: 1 });
    expect(await target.getAll('reps')).toEqual([danaRep]);
    expect((await target.get('deals', GLOBEX))?.repId).toBe(DANA);
    expect((await target.get('commitments', 'c9'))?.repId).toBe(DANA);
    expect((await target.get('scores', 's9'))?.repId).toBe(DANA);
    expect((await target.get('notes', 'n9'))?.repId).toBe(DANA);
    const review = await target.get('callReviews', 'r9');
    expect([review?.repId, review?.history[0]?.linked?.repId]).toEqual([DANA, DANA]);
    // the derived stores: Dana's row counts both browsers' records; nothing under the variant
    for (const store of ['pipeline', 'repPipelines', 'repWeeks', 'repOpenDues'] as const) {
      expect((await target.getAll(store)).map((r) => (r as { repId: string }).repId).filter((id) => id !== DANA)).toEqual([]);
    }
    const week = await target.get('repWeeks', ['2026-10-26', DANA]);
    expect(week && dayCountsAt(week, 3).due.open).toBe(2); // Thursday Oct 29: c1 and c9
    expect(week && dayCountsAt(week, 1).scores.discovery).toEqual({ sum: 8, count: 2 }); // Tuesday Oct 27: s1 and s9
    expect(await target.get('repOpenDues', DANA)).toEqual({ repId: DANA, days: ['2026-10-29'], counts: [2] });
    expect((await target.get('repPipelines', DANA))?.rows.map((r) => r[0]).sort()).toEqual([ACME, GLOBEX]);

    const afterFirst = await dump(target);
    const second = await restoreAt(target, backup);
    expect(second.report.added).toEqual(zeroCounts());
    expect(second.report.alreadyPresent).toEqual({ ...zeroCounts(), deals: 1, reps: 1, commitments: 1, scores: 1, notes: 1, callReviews: 1 });
    expect(second.dealKeys).toEqual([]);
    expect(await dump(target)).toEqual(afterFirst);
  });

  it('into a fresh database, the file’s own variants come back as the one first seen', async () => {
    const source = await variantBrowser();
    // the same person read in a third spelling later, on Acme
    await recordSnapshot(source, snapshot('0065g00000AcmeQAAS', 'DANA REYES'), WRITTEN_AT);
    const written = await exportBackup(source, RESTORED_AT);
    // as a Dealside before the match wrote it: the later spelling was its own rep
    const later = rep('salesforce:DANA REYES', 'DANA REYES', WRITTEN_AT);
    written.stores.reps.push(later);
    written.stores.deals = written.stores.deals.map((d) => (d.key === ACME ? { ...d, repId: later.id } : d));
    const target = await freshDb();
    const { report } = await restoreAt(target, viaFile(written));
    expect(report).toMatchObject({ added: { reps: 1, deals: 2 }, alreadyPresent: { reps: 1 }, invalid: { reps: 0 } });
    expect(await target.getAll('reps')).toEqual([{ ...variantRep, name: 'dana  reyes' }]);
    expect((await target.getAll('deals')).map((d) => d.repId)).toEqual([VARIANT, VARIANT]);
    expect((await target.getAll('repPipelines')).map((b) => b.repId)).toEqual([VARIANT]);
    const again = await restoreAt(target, viaFile(written));
    expect(again.report.added).toEqual(zeroCounts());
  });
});

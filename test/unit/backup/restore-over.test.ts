/**
 * Restoring over records already stored (planRestore, pure): what a backup may
 * move forward here, and what it never may.
 * - an OPEN commitment takes the backup's RESOLVED version of the same promise
 *   (open → resolved is the one legal change); never the reverse;
 * - a DRAFT call review takes the backup's COMPLETED version of the same review,
 *   with its history; never the reverse;
 * - a damaged stored record (fails its schema) is not "already here": the
 *   backup's valid copy replaces it;
 * - the covered-click safety setting is never taken from a backup.
 */
import { readBackup, zeroCounts, type BackupEnvelope } from '../../../lib/backup/format';
import { planRestore, reportOf, type ExistingKeys } from '../../../lib/backup/plan';
import { exportSummary, restoreSummary } from '../../../lib/backup/file';
import { callReviewSchema, settingsSchema, type CallReview, type Commitment, type Settings } from '../../../lib/model';
import { ACME, GLOBEX, LEE, RESTORED_AT, WRITTEN_AT, commitment, completedReview, manager, note, score } from '../support/records';
import { envelope } from '../support/backup';


function read(input: unknown): BackupEnvelope {
  const result = readBackup(input);
  if (!result.ok) throw new Error(result.error);
  return result.backup;
}

const none = () => new Set<string>();
/** What a database holding these valid commitments and reviews (and these damaged keys, and damaged commitments and reviews as stored) reads as. */
function storedHere({
  commitments = [],
  callReviews = [],
  damaged = {},
  damagedRecords = {},
  settings = null,
}: {
  commitments?: Commitment[];
  callReviews?: CallReview[];
  damaged?: Partial<Record<keyof ExistingKeys['damaged'], string[]>>;
  damagedRecords?: { commitments?: ({ id: string } & Record<string, unknown>)[]; callReviews?: ({ id: string } & Record<string, unknown>)[] };
  settings?: Settings | null;
} = {}): ExistingKeys {
  const byId = (rows: { id: string }[] = []) => new Map(rows.map((r) => [r.id, r as unknown]));
  return {
    deals: none(),
    reps: none(),
    commitments: new Set(commitments.map((c) => c.id)),
    nextSteps: none(),
    scores: none(),
    notes: none(),
    callReviews: new Set(callReviews.map((r) => r.id)),
    drafts: none(),
    damaged: {
      deals: new Set(damaged.deals),
      reps: new Set(damaged.reps),
      commitments: new Set([...(damaged.commitments ?? []), ...(damagedRecords.commitments ?? []).map((r) => r.id)]),
      nextSteps: new Set(damaged.nextSteps),
      scores: new Set(damaged.scores),
      notes: new Set(damaged.notes),
      callReviews: new Set([...(damaged.callReviews ?? []), ...(damagedRecords.callReviews ?? []).map((r) => r.id)]),
      drafts: new Set(damaged.drafts),
    },
    stored: { commitments: new Map(commitments.map((c) => [c.id, c])), callReviews: new Map(callReviews.map((r) => [r.id, r])) },
    damagedRecords: { commitments: byId(damagedRecords.commitments), callReviews: byId(damagedRecords.callReviews) },
    settings,
    latestNoteAt: new Map(),
  };
}
const planAt = (backup: BackupEnvelope, existing: ExistingKeys) => planRestore(backup, existing, RESTORED_AT);

const RESOLVED_AT = '2026-10-30T16:00:00.000Z';
const open = commitment('c1', '2026-10-27');
const renegotiated = commitment('c1', '2026-10-27', {
  status: 'renegotiated',
  resolution: { outcome: 'renegotiated', note: 'legal needs a week', by: manager, at: RESOLVED_AT, newDue: '2026-11-06', reason: 'legal review', replacedBy: 'c1b' },
});
const replacement = commitment('c1b', '2026-11-06', { statedAt: RESOLVED_AT, renegotiatedFrom: 'c1' });
const outcome = (status: 'kept' | 'missed' | 'dropped', extra: Partial<Commitment> = {}) =>
  commitment('c1', '2026-10-27', {
    status,
    resolution: { outcome: status, note: 'what happened', by: manager, at: RESOLVED_AT, ...(status === 'dropped' ? { reason: 'deal lost' } : {}) },
    ...extra,
  });

describe('restoring over an open commitment', () => {
  it('takes the backup’s renegotiation of the same promise: the old one closes, its replacement is the one open promise', () => {
    const plan = planAt(read(envelope({ commitments: [renegotiated, replacement] })), storedHere({ commitments: [open] }));
    expect(plan.replace.commitments).toEqual([renegotiated]);
    expect(plan.add.commitments).toEqual([replacement]);
    const report = reportOf(plan);
    expect(report.updated).toEqual({ ...zeroCounts(), commitments: 1 });
    expect(report.added).toEqual({ ...zeroCounts(), commitments: 1 });
    expect(report.alreadyPresent).toEqual(zeroCounts());
    // what the store holds afterwards: one open promise for it
    const after = [...plan.replace.commitments, ...plan.add.commitments];
    expect(after.filter((c) => c.status === 'open').map((c) => c.id)).toEqual(['c1b']);
  });

  it.each(['kept', 'missed', 'dropped'] as const)('takes the backup’s %s outcome of the same promise', (status) => {
    const plan = planAt(read(envelope({ commitments: [outcome(status)] })), storedHere({ commitments: [open] }));
    expect(plan.replace.commitments).toEqual([outcome(status)]);
    expect(plan.add.commitments).toEqual([]);
    expect(reportOf(plan)).toMatchObject({ updated: { commitments: 1 }, alreadyPresent: { commitments: 0 } });
  });

  it('never reopens or changes a resolved promise here', () => {
    const kept = outcome('kept');
    // the backup still has it open, or resolved otherwise
    for (const theirs of [open, outcome('missed'), renegotiated]) {
      const plan = planAt(read(envelope({ commitments: [theirs] })), storedHere({ commitments: [kept] }));
      expect(plan.replace.commitments).toEqual([]);
      expect(plan.add.commitments).toEqual([]);
      expect(reportOf(plan)).toMatchObject({ updated: { commitments: 0 }, alreadyPresent: { commitments: 1 } });
    }
    // open in both: nothing to move forward
    const same = planAt(read(envelope({ commitments: [open] })), storedHere({ commitments: [open] }));
    expect([same.replace.commitments, same.alreadyPresent.commitments]).toEqual([[], 1]);
  });

  it.each<[string, Partial<Commitment>]>([
    ['other words', { text: 'another promise' }],
    ['another due date', { due: '2026-10-28' }],
    ['another deal', { dealKey: GLOBEX }],
    ['stated at another time', { statedAt: '2026-10-21T12:00:00.000Z' }],
    ['stated by someone else', { statedBy: { name: 'Lee Park', role: 'rep' } }],
    ['stated by the same name in another role', { statedBy: { name: 'Dana Reyes', role: 'manager' } }],
  ])('keeps the open one here when the backup’s is not the same promise (%s)', (_n, differs) => {
    const here = commitment('c1', '2026-10-27', differs);
    const plan = planAt(read(envelope({ commitments: [outcome('kept')] })), storedHere({ commitments: [here] }));
    expect(plan.replace.commitments).toEqual([]);
    expect(reportOf(plan)).toMatchObject({ updated: { commitments: 0 }, alreadyPresent: { commitments: 1 } });
  });

  it('keeps the open one here when the backup renegotiated it but lacks the promise that replaced it', () => {
    // c1b damaged in the file (or left out): taking c1 as renegotiated would leave nothing open for what the rep owes
    const plan = planAt(read(envelope({ commitments: [renegotiated, { ...replacement, due: 'next week' }] })), storedHere({ commitments: [open] }));
    expect(plan.replace.commitments).toEqual([]);
    expect(plan.add.commitments).toEqual([]);
    expect(reportOf(plan)).toMatchObject({ updated: { commitments: 0 }, alreadyPresent: { commitments: 1 }, invalid: { commitments: 1 } });
    // the replacement stored here already: it is taken
    const stored = planAt(read(envelope({ commitments: [renegotiated] })), storedHere({ commitments: [open, replacement] }));
    expect(stored.replace.commitments).toEqual([renegotiated]);
  });

  it('keeps the open one here when the backup’s renegotiation names itself, or a promise on another deal, as its replacement', () => {
    const selfReplaced = { ...renegotiated, resolution: { ...renegotiated.resolution!, replacedBy: 'c1' } };
    const plan = planAt(read(envelope({ commitments: [selfReplaced] })), storedHere({ commitments: [open] }));
    expect(plan.replace.commitments).toEqual([]);
    expect(reportOf(plan)).toMatchObject({ updated: { commitments: 0 }, alreadyPresent: { commitments: 1 } });
    const elsewhere = commitment('g1', '2026-11-06', { dealKey: GLOBEX });
    const crossDeal = { ...renegotiated, resolution: { ...renegotiated.resolution!, replacedBy: 'g1' } };
    const other = planAt(read(envelope({ commitments: [crossDeal] })), storedHere({ commitments: [open, elsewhere] }));
    expect(other.replace.commitments).toEqual([]);
  });

  it.each<[string, Partial<Commitment>]>([
    ['another rep', { repId: LEE }],
    ['recorded by someone else', { recordedBy: manager }],
    ['another date as typed', { dueInput: 'by Friday' }],
  ])('takes no outcome of a version that differs in more than its outcome (%s)', (_n, differs) => {
    const plan = planAt(read(envelope({ commitments: [outcome('kept', differs)] })), storedHere({ commitments: [open] }));
    expect(plan.replace.commitments).toEqual([]);
    expect(reportOf(plan)).toMatchObject({ updated: { commitments: 0 }, alreadyPresent: { commitments: 1 } });
  });

  it('moves a promise forward once, even if the file repeats it', () => {
    const plan = planAt(read(envelope({ commitments: [outcome('kept'), outcome('missed')] })), storedHere({ commitments: [open] }));
    expect(plan.replace.commitments).toEqual([outcome('kept')]);
    expect(plan.updated.commitments).toBe(1);
  });

  it('names the deal of an updated record among those touched', async () => {
    const { dealKeysTouched } = await import('../../../lib/backup/plan');
    const plan = planAt(read(envelope({ commitments: [outcome('kept')] })), storedHere({ commitments: [open] }));
    expect(dealKeysTouched(plan)).toEqual([ACME]);
  });
});

describe('restoring over a draft call review', () => {
  const draft = completedReview({ status: 'draft', completedAt: undefined, scores: { discovery: 3 }, overallNote: 'half done', updatedAt: '2026-10-29T14:30:00.000Z' });
  delete (draft as Partial<CallReview>).completedAt;
  const done = completedReview(); // completed 15:00, after the draft's last save
  const earlier = { scores: { discovery: 2 }, overallNote: 'first pass', pins: [], timeSpentMs: 60_000, completedAt: '2026-10-28T10:00:00.000Z', supersededAt: '2026-10-29T14:00:00.000Z' };

  it('takes the backup’s completed version of the same review, with its history', () => {
    const theirs = completedReview({ history: [earlier] });
    const plan = planAt(read(envelope({ callReviews: [theirs] })), storedHere({ callReviews: [{ ...draft, history: [earlier] }] }));
    expect(plan.replace.callReviews).toEqual([theirs]);
    expect(reportOf(plan)).toMatchObject({ updated: { callReviews: 1 }, alreadyPresent: { callReviews: 0 } });
    // history here empty: the backup's is longer, and keeps everything here
    const fresh = planAt(read(envelope({ callReviews: [theirs] })), storedHere({ callReviews: [draft] }));
    expect(fresh.replace.callReviews).toEqual([theirs]);
  });

  it('never turns a completed review here back into a draft, nor replaces it', () => {
    const plan = planAt(read(envelope({ callReviews: [draft] })), storedHere({ callReviews: [done] }));
    expect(plan.replace.callReviews).toEqual([]);
    expect(reportOf(plan)).toMatchObject({ updated: { callReviews: 0 }, alreadyPresent: { callReviews: 1 } });
    const other = planAt(read(envelope({ callReviews: [completedReview({ overallNote: 'theirs' })] })), storedHere({ callReviews: [done] }));
    expect(other.replace.callReviews).toEqual([]);
  });

  it('keeps a draft here that holds a completed version the backup lacks (it was edited here after completing)', () => {
    // here: completed, then edited: the completed version went to history
    const editedHere = { ...draft, updatedAt: '2026-10-30T10:00:00.000Z', history: [{ ...earlier, completedAt: '2026-10-29T15:00:00.000Z', supersededAt: '2026-10-30T10:00:00.000Z' }] };
    const plan = planAt(read(envelope({ callReviews: [done] })), storedHere({ callReviews: [editedHere] }));
    expect(plan.replace.callReviews).toEqual([]);
    expect(plan.alreadyPresent.callReviews).toBe(1);
  });

  it('keeps a draft here saved after the backup’s completion, adding that completed version to its history', () => {
    const later = { ...draft, updatedAt: '2026-10-30T10:00:00.000Z', timeSpentMs: 900_000 };
    const plan = planAt(read(envelope({ callReviews: [done] })), storedHere({ callReviews: [later] }));
    const linked = { ...(done.repId ? { repId: done.repId } : {}), ...(done.repName ? { repName: done.repName } : {}), ...(done.dealKey ? { dealKey: done.dealKey } : {}) };
    expect(plan.replace.callReviews).toEqual([
      {
        ...later,
        // its last completion, the backup's, still counts (the scorecard counts reviews by this field)
        completedAt: done.completedAt,
        history: [{ scores: done.scores, overallNote: done.overallNote, pins: [], timeSpentMs: done.timeSpentMs, completedAt: done.completedAt, supersededAt: later.updatedAt, linked }],
      },
    ]);
    expect(plan.updated.callReviews).toBe(1);
    expect(callReviewSchema.safeParse(plan.replace.callReviews[0]).success).toBe(true);
  });

  it('a draft here completed before, then edited, and saved after the backup’s later completion: stays a valid review', () => {
    // the same review completed at `earlier` in both browsers; completed again there, edited again here after that
    const hereDraft = { ...draft, completedAt: earlier.completedAt, history: [earlier], overallNote: 'edited here', updatedAt: '2026-10-30T10:00:00.000Z' };
    expect(callReviewSchema.safeParse(hereDraft).success).toBe(true);
    const plan = planAt(read(envelope({ callReviews: [completedReview({ history: [earlier] })] })), storedHere({ callReviews: [hereDraft] }));
    const [taken] = plan.replace.callReviews;
    expect(taken).toMatchObject({ status: 'draft', overallNote: 'edited here', completedAt: done.completedAt, history: [earlier, { completedAt: done.completedAt }] });
    expect(callReviewSchema.safeParse(taken).success).toBe(true);
  });

  it.each<[string, Partial<CallReview>]>([
    ['another call', { callKey: 'gong:2', callId: '2' }],
    ['another reviewer', { by: { name: 'Robin Hale', role: 'manager' } }],
    ['started at another time', { startedAt: '2026-10-29T13:00:00.000Z' }],
  ])('keeps the draft here when the backup’s is not the same review (%s)', (_n, differs) => {
    const plan = planAt(read(envelope({ callReviews: [done] })), storedHere({ callReviews: [{ ...draft, ...differs }] }));
    expect(plan.replace.callReviews).toEqual([]);
    expect(plan.alreadyPresent.callReviews).toBe(1);
  });
});

describe('restoring a review of a call reviewed here under another id', () => {
  const done = completedReview();
  it('is not taken, so the review here is the one the call panel shows (one review per call)', () => {
    const begunElsewhere = completedReview({ id: 'forged', status: 'draft', scores: {}, overallNote: '', updatedAt: '2026-10-30T20:00:00.000Z' });
    delete (begunElsewhere as Partial<CallReview>).completedAt;
    const plan = planAt(read(envelope({ callReviews: [begunElsewhere] })), storedHere({ callReviews: [done] }));
    expect(plan.add.callReviews).toEqual([]);
    expect(reportOf(plan)).toMatchObject({ added: { callReviews: 0 }, alreadyPresent: { callReviews: 1 } });
  });

  it('nor its scores, even when the file repeats the review', () => {
    const forged = completedReview({ id: 'forged' });
    const given = score('s9', WRITTEN_AT, 'discovery', 1, { source: { kind: 'call', reviewId: 'forged' } });
    const plan = planAt(read(envelope({ callReviews: [forged, forged], scores: [given] })), storedHere({ callReviews: [done] }));
    expect(plan.add.callReviews).toEqual([]);
    expect(plan.add.scores).toEqual([]);
    expect(reportOf(plan)).toMatchObject({ alreadyPresent: { callReviews: 1, scores: 1 }, invalid: { callReviews: 1 } });
  });

  it('takes two reviews of one call in the file when none is here, with their scores (a database v12 re-keyed holds them so)', () => {
    const second = completedReview({ id: 'r2' });
    const scored = (id: string, reviewId: string) => score(id, WRITTEN_AT, 'discovery', 4, { source: { kind: 'call', reviewId } });
    const plan = planAt(read(envelope({ callReviews: [done, second], scores: [scored('s1', done.id), scored('s2', 'r2')] })), storedHere());
    expect(plan.add.callReviews.map((r) => r.id)).toEqual([done.id, 'r2']);
    expect(plan.add.scores.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(reportOf(plan)).toMatchObject({ added: { callReviews: 2, scores: 2 }, alreadyPresent: { callReviews: 0, scores: 0 } });
  });

  it('counts a draft carrying a completion time as invalid (the scorecard would count it as completed)', () => {
    const plan = planAt(read(envelope({ callReviews: [completedReview({ status: 'draft' })] })), storedHere());
    expect(plan.add.callReviews).toEqual([]);
    expect(reportOf(plan)).toMatchObject({ invalid: { callReviews: 1 } });
  });
});

describe('restoring over a damaged stored record', () => {
  it('replaces it with the backup’s valid copy and counts it as repaired', () => {
    const plan = planAt(
      read(envelope({ notes: [note('n1', WRITTEN_AT)], commitments: [open] })),
      storedHere({ damaged: { notes: ['n1'], commitments: ['c1'] } }),
    );
    expect(plan.replace.notes).toEqual([note('n1', WRITTEN_AT)]);
    expect(plan.replace.commitments).toEqual([open]);
    expect(plan.add.notes).toEqual([]);
    expect(reportOf(plan)).toMatchObject({ repaired: { notes: 1, commitments: 1 }, alreadyPresent: { notes: 0, commitments: 0 }, added: { notes: 0 } });
  });

  it('keeps a damaged promise that shows an outcome over the backup’s open copy (the outcome would be lost), counted already here', () => {
    // kept here; a 2001-character outcome note (over today's bound) is all that fails
    const keptHere = outcome('kept', { resolution: { outcome: 'kept', note: 'x'.repeat(2001), by: manager, at: RESOLVED_AT } });
    const plan = planAt(read(envelope({ commitments: [open] })), storedHere({ damagedRecords: { commitments: [keptHere] } }));
    expect(plan.replace.commitments).toEqual([]);
    expect(reportOf(plan)).toMatchObject({ repaired: { commitments: 0 }, alreadyPresent: { commitments: 1 }, added: { commitments: 0 } });
    expect(restoreSummary(reportOf(plan))).toBe('Nothing new to restore. 1 was already here and was kept as it is.');
    // the backup's resolved copy still repairs it, and an open copy repairs a damaged open one
    const resolved = planAt(read(envelope({ commitments: [outcome('kept')] })), storedHere({ damagedRecords: { commitments: [keptHere] } }));
    expect(reportOf(resolved)).toMatchObject({ repaired: { commitments: 1 } });
    const openHere = planAt(read(envelope({ commitments: [open] })), storedHere({ damagedRecords: { commitments: [{ ...open, text: '' }] } }));
    expect(openHere.replace.commitments).toEqual([open]);
  });

  it('keeps a damaged review that shows a completion over the backup’s draft of it', () => {
    const draft: CallReview = completedReview({ status: 'draft', scores: {}, updatedAt: '2026-10-29T14:10:00.000Z' });
    delete draft.completedAt;
    const damagedDone = completedReview({ overallNote: 'y'.repeat(10_001) });
    const plan = planAt(read(envelope({ callReviews: [draft] })), storedHere({ damagedRecords: { callReviews: [damagedDone] } }));
    expect(plan.replace.callReviews).toEqual([]);
    expect(reportOf(plan)).toMatchObject({ repaired: { callReviews: 0 }, alreadyPresent: { callReviews: 1 } });
    // a draft here that holds completed versions in its history is not set back to one without
    const editedHere = { ...draft, history: [{ completedAt: '2026-10-29T14:00:00.000Z' }], overallNote: 'y'.repeat(10_001) };
    expect(reportOf(planAt(read(envelope({ callReviews: [draft] })), storedHere({ damagedRecords: { callReviews: [editedHere] } })))).toMatchObject({ repaired: { callReviews: 0 } });
    // the backup's completed copy repairs it
    const completed = planAt(read(envelope({ callReviews: [completedReview()] })), storedHere({ damagedRecords: { callReviews: [damagedDone] } }));
    expect(completed.replace.callReviews).toEqual([completedReview()]);
  });

  it('leaves it when the backup’s copy is damaged too', () => {
    const plan = planAt(read(envelope({ notes: [{ id: 'n1' }] })), storedHere({ damaged: { notes: ['n1'] } }));
    expect(plan.replace.notes).toEqual([]);
    expect(reportOf(plan)).toMatchObject({ repaired: { notes: 0 }, invalid: { notes: 1 } });
  });
});

describe('the covered-click protection', () => {
  const theirs = { user: manager, theme: 'dark', refuseCoveredClicks: false };

  it('is never switched off by a backup taken whole (no user here)', () => {
    expect(planAt(read(envelope({ settings: theirs })), storedHere()).add.settings).toMatchObject({ user: manager, theme: 'dark', refuseCoveredClicks: true });
    const layoutOnly = settingsSchema.parse({ sidebar: { width: 480 } });
    expect(planAt(read(envelope({ settings: theirs })), storedHere({ settings: layoutOnly })).add.settings).toMatchObject({ refuseCoveredClicks: true });
  });

  it('stays as this browser has it', () => {
    const off = settingsSchema.parse({ refuseCoveredClicks: false });
    const plan = planAt(read(envelope({ settings: { ...theirs, refuseCoveredClicks: true } })), storedHere({ settings: off }));
    expect(plan.add.settings).toMatchObject({ user: manager, refuseCoveredClicks: false });
  });
});

describe('the Options page’s sentences', () => {
  const counts = (n: Partial<ReturnType<typeof zeroCounts>>) => ({ ...zeroCounts(), ...n });
  const report = (r: { added?: object; alreadyPresent?: object; updated?: object; repaired?: object; invalid?: object }) => ({
    added: counts(r.added ?? {}),
    alreadyPresent: counts(r.alreadyPresent ?? {}),
    updated: counts(r.updated ?? {}),
    repaired: counts(r.repaired ?? {}),
    invalid: counts(r.invalid ?? {}),
  });

  it.each([
    [report({ added: { commitments: 1 }, updated: { commitments: 1 }, alreadyPresent: { deals: 2 } }), 'Restored 1 record. Updated 1 record with the outcome recorded in the backup. 2 were already here and were kept as they are.'],
    [report({ updated: { commitments: 2, callReviews: 1 } }), 'Updated 3 records with the outcomes recorded in the backup.'],
    [report({ repaired: { notes: 1 } }), 'Replaced 1 damaged record here with the backup’s copy.'],
    [report({ added: { notes: 4 }, repaired: { notes: 2 }, invalid: { deals: 1 } }), 'Restored 4 records. Replaced 2 damaged records here with the backup’s copies. 1 invalid record was skipped.'],
    [report({ alreadyPresent: { deals: 3 } }), 'Nothing new to restore. 3 were already here and were kept as they are.'],
  ])('summarises a restore that updated or repaired records (%#)', (r, line) => {
    expect(restoreSummary(r)).toBe(line);
  });

  it('says how many damaged records a backup could not include', () => {
    const saved = 'Your browser is saving dealside-backup-2026-10-31.json with your downloads. Keep it somewhere safe: it holds your coaching notes.';
    expect(exportSummary('dealside-backup-2026-10-31.json', { leftOut: zeroCounts() })).toBe(saved);
    expect(exportSummary('dealside-backup-2026-10-31.json', { leftOut: counts({ notes: 1 }) })).toBe(`${saved} 1 damaged record could not be included.`);
    expect(exportSummary('dealside-backup-2026-10-31.json', { leftOut: counts({ notes: 1, settings: 1 }) })).toBe(`${saved} 2 damaged records could not be included.`);
  });
});

import { openDealsideDB, type DB } from '../../../lib/db/open';
import { addCommitment, addNoteClearingDraft, addScore, resolveCommitmentRecord } from '../../../lib/db/coaching';
import { putCompletedReview, putReview } from '../../../lib/db/call-reviews';
import { applyDraft } from '../../../lib/calls/review-history';
import { readRepDetail, readScorecardWeek } from '../../../lib/db/scorecard';
import { createScorecardHandlers } from '../../../lib/handlers/scorecard';
import { weekOf } from '../../../lib/scorecard/week';
import type { Score } from '../../../lib/model';
import { DANA, LEE, NY, commitment, completedReview, manager, score as scoreRecord } from '../support/records';
import { dayCountsAt, type DayCounts } from '../../../lib/scorecard/rep-weeks';

let n = 0;
/** A sidebar score on Acme with the next id. */
const score = (at: string, dimension: Score['dimension'], value: number, repId = DANA): Score => scoreRecord(`s${++n}`, at, dimension, value, { repId });

let db: DB;
beforeEach(async () => {
  db = await openDealsideDB(`scorecard-${Math.random()}`);
});
afterEach(() => db.close());

/** One day of the stored aggregate: week = its Monday, i = 0 (Monday) … 6 (Sunday). */
async function dayOf(week: string, i: number, repId = DANA): Promise<DayCounts | undefined> {
  const stored = await db.get('repWeeks', [week, repId]);
  return stored && dayCountsAt(stored, i);
}

describe('repWeeks is kept in step with every commitment, score and note write', () => {
  it('addScore folds into the day in the user’s zone, in the same transaction', async () => {
    await addScore(db, score('2026-11-02T04:30:00.000Z', 'discovery', 2), NY); // Sun Nov 1 23:30 EST
    await addScore(db, score('2026-11-01T14:00:00.000Z', 'discovery', 5), NY);
    await addScore(db, score('2026-11-02T05:30:00.000Z', 'qualification', 3), NY); // Mon Nov 2 00:30 EST: next week
    expect((await dayOf('2026-10-26', 6))?.scores).toMatchObject({ discovery: { sum: 7, count: 2 }, qualification: { sum: 0, count: 0 } });
    expect((await dayOf('2026-11-02', 0))?.scores.qualification).toEqual({ sum: 3, count: 1 });
  });

  it('a failed score write leaves the aggregate untouched', async () => {
    const s = score('2026-11-01T14:00:00.000Z', 'discovery', 5);
    await addScore(db, s, NY);
    await expect(addScore(db, s, NY)).rejects.toThrow(); // same id: add refuses
    expect((await dayOf('2026-10-26', 6))?.scores.discovery).toEqual({ sum: 5, count: 1 });
  });

  it('a commitment counts on its due day; resolving and renegotiating move the counts, never below zero', async () => {
    await addCommitment(db, commitment('a', '2026-10-29')); // Thursday
    await addCommitment(db, commitment('b', '2026-10-29'));
    expect((await dayOf('2026-10-26', 3))?.due).toEqual({ open: 2, kept: 0, missed: 0, renegotiated: 0, dropped: 0 });
    const by = manager;
    const at = '2026-10-30T12:00:00.000Z';
    const kept = commitment('a', '2026-10-29', { status: 'kept', resolution: { outcome: 'kept', note: '', by, at } });
    expect(await resolveCommitmentRecord(db, kept)).toBe(true);
    // renegotiated to next Tuesday: the old promise closes, the new one opens on its own day
    const reneg = commitment('b', '2026-10-29', { status: 'renegotiated', resolution: { outcome: 'renegotiated', note: '', by, at, newDue: '2026-11-03', replacedBy: 'b2' } });
    expect(await resolveCommitmentRecord(db, reneg, commitment('b2', '2026-11-03', { renegotiatedFrom: 'b' }))).toBe(true);
    expect((await dayOf('2026-10-26', 3))?.due).toEqual({ open: 0, kept: 1, missed: 0, renegotiated: 1, dropped: 0 });
    expect((await dayOf('2026-11-02', 1))?.due).toEqual({ open: 1, kept: 0, missed: 0, renegotiated: 0, dropped: 0 });
    // a second resolution of the same promise is refused, and the counts do not move
    expect(await resolveCommitmentRecord(db, { ...kept, status: 'missed', resolution: { outcome: 'missed', note: '', by, at } })).toBe(false);
    expect((await dayOf('2026-10-26', 3))?.due).toMatchObject({ kept: 1, missed: 0 });
  });

  it('a diagnosed note counts on its day in the user’s zone; one without a diagnosis does not', async () => {
    const note = (id: string, at: string, diagnosis?: 'skill') => ({
      id,
      dealKey: 'salesforce:0065g00000AcmeQAAS',
      repId: DANA,
      body: { kind: 'free' as const, text: 'x' },
      ...(diagnosis ? { diagnosis } : {}),
      by: manager,
      at,
    });
    await addNoteClearingDraft(db, note('n1', '2026-10-26T03:59:00.000Z', 'skill'), 'draft:1', NY); // Sun Oct 25 23:59 EDT
    await addNoteClearingDraft(db, note('n2', '2026-10-28T12:00:00.000Z'), 'draft:2', NY);
    expect((await dayOf('2026-10-19', 6))?.diagnoses.skill).toBe(1);
    expect(await db.get('repWeeks', ['2026-10-26', DANA])).toBeUndefined();
  });

  it('completing a call review adds its scores, several on one day', async () => {
    const review = completedReview({ scores: { discovery: 4, nextStep: 2, qualification: 3 } });
    await putCompletedReview(
      db,
      review,
      [score('2026-10-29T15:00:00.000Z', 'discovery', 4), score('2026-10-29T15:00:00.000Z', 'nextStep', 2), score('2026-10-29T15:00:00.000Z', 'discovery', 2)],
      NY,
    );
    expect((await dayOf('2026-10-26', 3))?.scores).toMatchObject({ discovery: { sum: 6, count: 2 }, nextStep: { sum: 2, count: 1 } });
  });
});

describe('a completed review edited again (a draft once more)', () => {
  it('still counts in the week of its last completion, and the 1:1 shows that completed version', async () => {
    await db.put('reps', { id: DANA, crm: 'salesforce', name: 'Dana Reyes', firstSeenAt: '2026-09-01T12:00:00.000Z' });
    await db.put('settings', { user: manager, weekStartsOn: 1, sidebar: { width: 360, collapsed: false }, theme: 'system' }, 'settings');
    const done = completedReview({ scores: { discovery: 4 }, overallNote: 'Good questions' }); // completed Oct 29
    await putCompletedReview(db, done, [score('2026-10-29T15:00:00.000Z', 'discovery', 4)], NY);
    const edited = applyDraft(done, { ...done, scores: { discovery: 2 }, overallNote: 'Good questions; rushed the close' }, { now: '2026-10-30T10:00:00.000Z', by: manager, rubricVersion: '2026.1', newId: () => 'x' });
    expect(edited.status).toBe('draft');
    await putReview(db, edited);
    const now = new Date('2026-10-30T16:00:00.000Z');
    const handlers = createScorecardHandlers({ db: async () => db, now: () => now, timeZone: () => NY });
    const week = await handlers['scorecard/week']({ type: 'scorecard/week', offset: 0 });
    expect(week.card.rows[0]!.reviews.completed).toBe(1);
    const detail = await readRepDetail(db, DANA, { week: weekOf('2026-10-26'), now, timeZone: NY, recent: weekOf('2026-10-26') });
    expect(detail.reviews).toEqual([expect.objectContaining({ id: done.id, completedAt: done.completedAt, scores: { discovery: 4 }, overallNote: 'Good questions' })]);
  });
});

describe('a completed review relinked to another rep (a draft once more)', () => {
  it("still counts for the rep it was completed for, until completed again for the new one", async () => {
    for (const [id, name] of [[DANA, 'Dana Reyes'], [LEE, 'Lee Park']] as const) {
      await db.put('reps', { id, crm: 'salesforce', name, firstSeenAt: '2026-09-01T12:00:00.000Z' });
    }
    await db.put('settings', { user: manager, weekStartsOn: 1, sidebar: { width: 360, collapsed: false }, theme: 'system' }, 'settings');
    const done = completedReview({ scores: { discovery: 4 } }); // Dana's, completed Oct 29
    await putCompletedReview(db, done, [], NY);
    const relinked = applyDraft(done, { ...done, repId: LEE, repName: 'Lee Park' }, { now: '2026-10-30T10:00:00.000Z', by: manager, rubricVersion: '2026.1', newId: () => 'x' });
    expect(relinked).toMatchObject({ status: 'draft', repId: LEE, history: [{ linked: { repId: DANA } }] });
    await putReview(db, relinked);
    const now = new Date('2026-10-30T16:00:00.000Z');
    const handlers = createScorecardHandlers({ db: async () => db, now: () => now, timeZone: () => NY });
    const completed = async () =>
      Object.fromEntries((await handlers['scorecard/week']({ type: 'scorecard/week', offset: 0 })).card.rows.map((r) => [r.rep.id, r.reviews.completed]));
    expect(await completed()).toEqual({ [DANA]: 1, [LEE]: 0 });
    const detail = (repId: string) => readRepDetail(db, repId, { week: weekOf('2026-10-26'), now, timeZone: NY, recent: weekOf('2026-10-26') });
    expect((await detail(DANA)).reviews.map((r) => r.id)).toEqual([done.id]);
    expect((await detail(LEE)).reviews).toEqual([]);
    // completed again, for Lee: it is Lee's
    await putReview(db, { ...relinked, status: 'completed', completedAt: '2026-10-30T11:00:00.000Z', updatedAt: '2026-10-30T11:00:00.000Z' });
    expect(await completed()).toEqual({ [DANA]: 0, [LEE]: 1 });
  });
});

describe('a call review completed again on another deal (same rep)', () => {
  it("the 1:1's recent scores list it once, as the weeks count it: its later scores, not those they superseded", async () => {
    const fromCall = (id: string, at: string, value: number, dealKey: string) =>
      scoreRecord(id, at, 'discovery', value, { repId: DANA, dealKey, source: { kind: 'call', reviewId: 'r1' } });
    const done = completedReview({ id: 'r1', scores: { discovery: 2 } });
    await putCompletedReview(db, done, [fromCall('c1', '2026-10-28T15:00:00.000Z', 2, 'salesforce:acme/0065g00000AcmeQAAS')], NY);
    await putCompletedReview(db, done, [fromCall('c2', '2026-10-29T15:00:00.000Z', 2, 'salesforce:acme/0065g00000GlobxQAA')], NY);
    await addScore(db, score('2026-10-29T16:00:00.000Z', 'nextStep', 3), NY); // a sidebar score: listed as ever
    const now = new Date('2026-10-30T16:00:00.000Z');
    const detail = await readRepDetail(db, DANA, { week: weekOf('2026-10-26'), now, timeZone: NY, recent: weekOf('2026-10-26') });
    const listed = detail.scores.map((x) => x.id);
    expect(listed).toHaveLength(2);
    expect(listed).toContain('c2');
    expect(listed).not.toContain('c1');
    expect((await dayOf('2026-10-26', 2))?.scores.discovery).toEqual({ sum: 0, count: 0 }); // Oct 28: given back
    expect((await dayOf('2026-10-26', 3))?.scores.discovery).toEqual({ sum: 2, count: 1 });
  });
});

describe('the week is read by index ranges', () => {
  it('reads only records of the windows, counts them, and the handler builds the card', async () => {
    await db.put('reps', { id: DANA, crm: 'salesforce', name: 'Dana Reyes', firstSeenAt: '2026-09-01T12:00:00.000Z' });
    const c = (id: string, due: string, status: 'open' | 'kept' | 'missed') => ({
      id,
      dealKey: 'salesforce:0065g00000AcmeQAAS',
      repId: DANA,
      text: `promise ${id}`,
      due,
      statedBy: { name: 'Dana Reyes', role: 'rep' as const },
      statedAt: '2026-09-01T12:00:00.000Z',
      status,
      ...(status !== 'open' ? { resolution: { outcome: status, note: '', by: manager, at: '2026-10-29T12:00:00.000Z' } } : {}),
    });
    // in the say/do window (Oct 5 – Nov 1) and outside it
    for (const x of [c('a', '2026-10-27', 'open'), c('b', '2026-10-06', 'open'), c('old', '2026-06-01', 'open'), c('later', '2026-12-01', 'open')]) {
      await addCommitment(db, x);
    }
    const resolve = (x: ReturnType<typeof c>, outcome: 'kept' | 'missed') =>
      resolveCommitmentRecord(db, { ...x, status: outcome, resolution: { outcome, note: '', by: manager, at: '2026-10-29T12:00:00.000Z' } });
    await resolve(c('a', '2026-10-27', 'open'), 'kept');
    await resolve(c('b', '2026-10-06', 'open'), 'missed');
    await resolve(c('old', '2026-06-01', 'open'), 'kept');
    await addScore(db, score('2026-10-27T15:00:00.000Z', 'discovery', 4), NY);
    await addScore(db, score('2026-03-01T15:00:00.000Z', 'discovery', 1), NY); // far outside the sparkline
    await addNoteClearingDraft(db, { id: 'n1', dealKey: 'salesforce:0065g00000AcmeQAAS', repId: DANA, body: { kind: 'free', text: 'x' }, diagnosis: 'skill', by: manager, at: '2026-10-28T12:00:00.000Z' }, 'd1', NY);
    await addNoteClearingDraft(db, { id: 'n2', dealKey: 'salesforce:0065g00000AcmeQAAS', repId: DANA, body: { kind: 'free', text: 'x' }, diagnosis: 'will', by: manager, at: '2026-05-28T12:00:00.000Z' }, 'd2', NY);
    await db.put('settings', { user: manager, weekStartsOn: 1, sidebar: { width: 360, collapsed: false }, theme: 'system' }, 'settings');

    const now = new Date('2026-10-30T16:00:00.000Z');
    const { read } = await readScorecardWeek(db, { weekStart: '2026-10-26', now });
    // repWeeks: of the six weeks stored, only the two in the sparkline window (Sep 7 – Nov 1) are read: Oct 5 and Oct 26
    // repOpenDues: Dana's one record (her promise due Nov 30 still open)
    expect(read).toMatchObject({ reps: 1, repWeeks: 2, callReviews: 0, repPipelines: 0, repOpenDues: 1, total: 4 });
    expect(await db.count('repWeeks')).toBe(6); // also Feb 23 (a score), May 25 (a note), Jun 1 and Nov 30 (commitments)

    const handlers = createScorecardHandlers({ db: async () => db, now: () => now, timeZone: () => NY });
    const week = await handlers['scorecard/week']({ type: 'scorecard/week', offset: 0 });
    expect(week.thisWeekStart).toBe('2026-10-26');
    expect(week.card.weekStart).toBe('2026-10-26');
    const row = week.card.rows[0]!;
    expect(row.commitments).toMatchObject({ due: 1, kept: 1 });
    expect(row.sayDo).toEqual({ kept: 1, resolved: 2, ratio: 0.5 });
    expect(row.scores.discovery.week).toBe(4);
    expect(row.diagnoses.skill).toBe(1);
    // a week start in the middle of a week is snapped to its first day
    expect((await handlers['scorecard/week']({ type: 'scorecard/week', weekStart: '2026-10-29' })).card.weekStart).toBe('2026-10-26');
    expect((await handlers['scorecard/week']({ type: 'scorecard/week', offset: -1 })).card.weekStart).toBe('2026-10-19');

    // the 1:1's recent activity is held to the week's days in the user's zone: Sunday 22:00 in New York
    // is this week, Monday 07:00 there is the next (both inside the instants read, which are wider)
    await addScore(db, score('2026-11-02T03:00:00.000Z', 'discovery', 2), NY);
    await addScore(db, score('2026-11-02T12:00:00.000Z', 'discovery', 5), NY);
    const detail = await readRepDetail(db, DANA, { week: weekOf('2026-10-26'), now, timeZone: NY, recent: weekOf('2026-10-26') });
    expect(detail.scores.map((s) => s.value)).toEqual([2, 4]);
    expect(detail.notes.map((x) => x.id)).toEqual(['n1']);
    // the week's commitments for the 1:1, by the per-rep index
    expect(detail.ask.map((a) => [a.id, a.state, a.lead])).toEqual([['a', 'kept', 'You committed to promise a by Tue, Oct 27, 2026.']]);
  });

  it('counts a promise still open from before the eight weeks, however old, and the 1:1 asks about it; one answered since does not count', async () => {
    await db.put('reps', { id: DANA, crm: 'salesforce', name: 'Dana Reyes', firstSeenAt: '2026-01-01T12:00:00.000Z' });
    await db.put('reps', { id: LEE, crm: 'salesforce', name: 'Lee Park', firstSeenAt: '2026-01-01T12:00:00.000Z' });
    await addCommitment(db, commitment('forgotten', '2026-03-02')); // March: nobody ever asked what happened
    await addCommitment(db, commitment('answered', '2026-04-06'));
    await resolveCommitmentRecord(db, { ...commitment('answered', '2026-04-06'), status: 'kept', resolution: { outcome: 'kept', note: '', by: manager, at: '2026-04-07T12:00:00.000Z' } });
    await addCommitment(db, commitment('lees', '2026-02-02', { repId: LEE }));
    const now = new Date('2026-10-30T16:00:00.000Z');
    const { input, read } = await readScorecardWeek(db, { weekStart: '2026-10-26', now });
    // each rep's open promises by due day: the forgotten one (the answered one is gone), and Lee's
    expect(input.openDues).toEqual([
      { repId: DANA, days: ['2026-03-02'], counts: [1] },
      { repId: LEE, days: ['2026-02-02'], counts: [1] },
    ]);
    // from one record per rep (repOpenDues: Dana's and Lee's), not from the commitments themselves
    expect(read.repOpenDues).toBe(2);
    expect(read.total).toBe(read.reps + read.repWeeks + read.callReviews + read.repPipelines + read.repOpenDues);
    const handlers = createScorecardHandlers({ db: async () => db, now: () => now, timeZone: () => NY });
    const row = (await handlers['scorecard/week']({ type: 'scorecard/week', offset: 0 })).card.rows.find((r) => r.rep.id === DANA)!;
    expect(row.commitments.openEarlier).toBe(1);
    expect(row.attention).toBe(true);
    const detail = await readRepDetail(db, DANA, { week: weekOf('2026-10-26'), now, timeZone: NY, recent: weekOf('2026-10-26') });
    expect(detail.ask.map((a) => [a.id, a.state])).toEqual([['forgotten', 'open-past-due']]);
  });
});

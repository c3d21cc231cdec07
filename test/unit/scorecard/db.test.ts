import { openDealsideDB, type DB } from '../../../lib/db/open';
import { addScore } from '../../../lib/db/coaching';
import { putCompletedReview } from '../../../lib/db/call-reviews';
import { readRepDetail, readScorecardWeek } from '../../../lib/db/scorecard';
import { createScorecardHandlers } from '../../../lib/handlers/scorecard';
import { instantBoundsCovering, weekOf } from '../../../lib/scorecard/week';
import type { CallReview, Score } from '../../../lib/model';

const NY = 'America/New_York';
const DANA = 'salesforce:Dana Reyes';
const manager = { name: 'Morgan Lead', role: 'manager' as const };
let n = 0;
const score = (at: string, dimension: Score['dimension'], value: number, repId = DANA): Score => ({
  id: `s${++n}`,
  dealKey: 'salesforce:0065g00000AcmeQAAS',
  repId,
  dimension,
  value,
  by: manager,
  at,
  rubricVersion: '2026.1',
  source: { kind: 'sidebar' },
});

let db: DB;
beforeEach(async () => {
  db = await openDealsideDB(`scorecard-${Math.random()}`);
});
afterEach(() => db.close());

describe('scoreDays is kept in step with every score write', () => {
  it('addScore folds into the day in the user’s zone, in the same transaction', async () => {
    await addScore(db, score('2026-11-02T04:30:00.000Z', 'discovery', 2), NY); // Nov 1 23:30 EST
    await addScore(db, score('2026-11-01T14:00:00.000Z', 'discovery', 5), NY);
    await addScore(db, score('2026-11-02T05:30:00.000Z', 'qualification', 3), NY); // Nov 2 00:30 EST
    expect(await db.get('scoreDays', [DANA, '2026-11-01'])).toMatchObject({ discovery: { sum: 7, count: 2 }, qualification: { sum: 0, count: 0 } });
    expect(await db.get('scoreDays', [DANA, '2026-11-02'])).toMatchObject({ qualification: { sum: 3, count: 1 } });
  });

  it('a failed score write leaves the aggregate untouched', async () => {
    const s = score('2026-11-01T14:00:00.000Z', 'discovery', 5);
    await addScore(db, s, NY);
    await expect(addScore(db, s, NY)).rejects.toThrow(); // same id: add refuses
    expect(await db.get('scoreDays', [DANA, '2026-11-01'])).toMatchObject({ discovery: { sum: 5, count: 1 } });
  });

  it('completing a call review adds its scores, several on one day', async () => {
    const review = {
      id: 'r1',
      callKey: 'gong:1',
      provider: 'gong',
      callId: '1',
      title: 'Call',
      url: 'https://app.gong.io/call?id=1',
      repId: DANA,
      status: 'completed',
      by: manager,
      rubricVersion: '2026.1',
      startedAt: '2026-10-29T14:00:00.000Z',
      updatedAt: '2026-10-29T15:00:00.000Z',
      completedAt: '2026-10-29T15:00:00.000Z',
      scores: { discovery: 4, nextStep: 2, qualification: 3 },
      overallNote: '',
      pins: [],
      timeSpentMs: 1000,
      history: [],
    } satisfies CallReview;
    await putCompletedReview(
      db,
      review,
      [score('2026-10-29T15:00:00.000Z', 'discovery', 4), score('2026-10-29T15:00:00.000Z', 'nextStep', 2), score('2026-10-29T15:00:00.000Z', 'discovery', 2)],
      NY,
    );
    expect(await db.get('scoreDays', [DANA, '2026-10-29'])).toMatchObject({ discovery: { sum: 6, count: 2 }, nextStep: { sum: 2, count: 1 } });
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
    for (const x of [c('a', '2026-10-27', 'kept'), c('b', '2026-10-06', 'missed'), c('old', '2026-06-01', 'kept'), c('later', '2026-12-01', 'open')]) {
      await db.put('commitments', x);
    }
    await addScore(db, score('2026-10-27T15:00:00.000Z', 'discovery', 4), NY);
    await addScore(db, score('2026-03-01T15:00:00.000Z', 'discovery', 1), NY); // far outside the sparkline
    await db.put('notes', { id: 'n1', dealKey: 'salesforce:0065g00000AcmeQAAS', repId: DANA, body: { kind: 'free', text: 'x' }, diagnosis: 'skill', by: manager, at: '2026-10-28T12:00:00.000Z' });
    await db.put('notes', { id: 'n2', dealKey: 'salesforce:0065g00000AcmeQAAS', repId: DANA, body: { kind: 'free', text: 'x' }, by: manager, at: '2026-05-28T12:00:00.000Z' });
    await db.put('settings', { user: manager, weekStartsOn: 1, sidebar: { width: 360, collapsed: false }, theme: 'system' }, 'settings');

    const now = new Date('2026-10-30T16:00:00.000Z');
    const { read } = await readScorecardWeek(db, { weekStart: '2026-10-26', now });
    // deals: 1 = looking up the deal of this week's commitment for its CRM link (not seen lately, so not in the range)
    expect(read).toMatchObject({ reps: 1, commitments: 2, scoreDays: 1, notes: 1, callReviews: 0, deals: 1, nextSteps: 0, total: 6 });

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

    const detail = await readRepDetail(db, DANA, instantBoundsCovering(weekOf('2026-10-26')));
    expect(detail.scores.map((s) => s.value)).toEqual([4]);
    expect(detail.notes.map((x) => x.id)).toEqual(['n1']);
  });
});

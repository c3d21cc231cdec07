/**
 * A stored time later than any clock could have written (a manual edit, another version's bug)
 * is damage: the stamps of new scores, notes and call-review versions are not set after it.
 * Found by test/unit/db/fuzz-damaged-records.test.ts.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDealsideDB, type DB } from '../../../lib/db/open';
import { recordSnapshot } from '../../../lib/db/record-snapshot';
import { patchSettings } from '../../../lib/db/settings';
import { getReviewByCall, putCompletedReview } from '../../../lib/db/call-reviews';
import { createDealHandlers } from '../../../lib/handlers/deals';
import { createCallReviewHandlers } from '../../../lib/handlers/call-reviews';
import { callReviewSchema, noteSchema, scoreSchema } from '../../../lib/model';
import { RUBRIC_VERSION } from '../../../lib/rubric';
import { ACME, DANA, GLOBEX, WRITTEN_AT, completedReview, manager, note, score, snapshot } from '../support/records';

const NOW = '2026-11-25T10:00:00.000Z';
const sidebar = { id: 'x', url: 'chrome-extension://x/sidebar.html', tab: { id: 7 }, frameId: 3 };
let db: DB;
let n = 0;

beforeEach(async () => {
  fakeBrowser.reset();
  db = await openDealsideDB(`damaged-stamps-${++n}`);
  await patchSettings(db, { user: manager });
  await recordSnapshot(db, snapshot('0065g00000AcmeQAAS', 'Dana Reyes'), WRITTEN_AT);
  await recordSnapshot(db, snapshot('0065g00000GlobxQAA', 'Lee Park'), WRITTEN_AT);
});
afterEach(() => db.close());

describe('scores and notes', () => {
  // valid but in 2999 (every later one dated after it: on no week's card); the last millisecond of
  // 9999 (the next is no instant the schema takes: never read again); past the last date there is
  // (no stamp at all: every later score and note of the worker failed, on every deal)
  it.each(['2999-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '+275760-09-13T00:00:00.000Z'])(
    'one stored at %s dates none made after it, on its deal or another',
    async (at) => {
      await db.put('notes', { ...note('n1', NOW), at });
      await db.put('scores', { ...score('s1', NOW, 'discovery', 3), at });
      const h = createDealHandlers({ db: async () => db, broadcast: async () => {}, now: () => new Date(NOW), timeZone: () => 'UTC' });
      const made = [];
      for (const dealKey of [ACME, GLOBEX]) {
        made.push(await h['note/add']({ type: 'note/add', dealKey, body: { kind: 'free', text: 'Asked about budget' } }, sidebar));
        made.push(await h['score/add']({ type: 'score/add', dealKey, dimension: 'discovery', value: 4 }, sidebar));
      }
      for (const x of made) expect(Date.parse(x.at) - Date.parse(NOW)).toBeLessThan(10);
      const view = await h['deal/view']({ type: 'deal/view', dealKey: GLOBEX }, sidebar);
      expect(view.notes.map((x) => x.id)).toEqual([made[2]!.id]);
      expect(view.scores.map((x) => x.id)).toEqual([made[3]!.id]);
      expect(noteSchema.safeParse(made[0]).success && scoreSchema.safeParse(made[1]).success).toBe(true);
    },
  );

  it('one stored a little ahead (another computer whose clock runs fast) is still followed', async () => {
    const ahead = '2026-11-25T11:00:00.000Z';
    await db.put('notes', note('n1', ahead));
    const h = createDealHandlers({ db: async () => db, broadcast: async () => {}, now: () => new Date(NOW), timeZone: () => 'UTC' });
    const made = await h['note/add']({ type: 'note/add', dealKey: ACME, body: { kind: 'free', text: 'later' } }, sidebar);
    expect(made.at).toBe('2026-11-25T11:00:00.001Z');
  });
});

describe('call reviews', () => {
  it('completing a review stored with a version stamp of 9999 stores a review and scores that read back', async () => {
    const updatedAt = '9999-12-31T23:59:59.999Z';
    await db.put('callReviews', completedReview({ updatedAt }));
    const h = createCallReviewHandlers({ db: async () => db, user: async () => manager, now: () => new Date(NOW), newId: () => `id${++n}`, rubricVersion: RUBRIC_VERSION, broadcast: () => {} });
    const { id: _id, status: _status, by: _by, rubricVersion: _r, startedAt: _s, updatedAt: _u, completedAt: _c, history: _h, ...input } = completedReview();
    const done = await h['callReview/complete']({ type: 'callReview/complete', review: { ...input, scores: { discovery: 2 } }, baseUpdatedAt: updatedAt }, sidebar);
    expect(done.updatedAt).toBe(NOW);
    expect(await getReviewByCall(db, 'gong:1')).toEqual(done);
    const given = await db.getAllFromIndex('scores', 'byReview', 'r1');
    expect(given.map((s) => [s.at, scoreSchema.safeParse(s).success])).toEqual([[NOW, true]]);
  });

  it('a completion that fails half way writes nothing', async () => {
    // a score of the review's stored for the last millisecond of 9999: east of UTC its day is in
    // the year 10000, which the week arithmetic refuses, after the review and its new score were put
    await db.put('scores', score('old', '9999-12-31T23:59:59.999Z', 'discovery', 3, { source: { kind: 'call', reviewId: 'r1' } }));
    const review = completedReview({ updatedAt: NOW, completedAt: NOW });
    expect(callReviewSchema.safeParse(review).success).toBe(true);
    await expect(putCompletedReview(db, review, [score('new', NOW, 'discovery', 4, { repId: DANA, source: { kind: 'call', reviewId: 'r1' } })], 'Pacific/Kiritimati')).rejects.toThrow();
    expect(await db.get('callReviews', 'r1')).toBeUndefined();
    expect(await db.get('scores', 'new')).toBeUndefined();
  });
});

import type { IDBPDatabase } from 'idb';
import { openDealsideDB } from '../../../lib/db/open';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { createCallReviewHandlers, reviewRefusal, type CallReviewHandlers } from '../../../lib/handlers/call-reviews';
import type { DealsideDB } from '../../../lib/db/schema';
import { lastCompletedVersion, type ReviewInput } from '../../../lib/calls/review-history';
import type { ChangeEvent } from '../../../lib/messages/protocol';
import type { DealRecord } from '../../../lib/model';
import { createRouter, type Handlers } from '../../../lib/messages/router';
import type { SenderLike } from '../../../lib/messages/senders';
import { issueFrameToken } from '../../../lib/handlers/frame-tokens';
import { PANEL_REFUSED } from '../../../lib/calls/panel-framing';
import { dayCountsAt } from '../../../lib/scorecard/rep-weeks';
import { derivedRecordsOf } from '../../../lib/scorecard/derived';
import { userTimeZone } from '../../../lib/dates';

/** A database at the current version, as the background opens it (every migration run). */
async function testDb(): Promise<IDBPDatabase<DealsideDB>> {
  return openDealsideDB(`calls-test-${Math.random()}`);
}

const ORIGIN = 'chrome-extension://test-extension-id';
const panel = (tabId = 7) =>
  ({ id: 'test-extension-id', url: `${ORIGIN}/call-review.html`, tab: { id: tabId }, frameId: 3 }) as never;
const popup = { id: 'test-extension-id', url: `${ORIGIN}/popup.html` } as never;
const content = (tabId = 7) =>
  ({ id: 'test-extension-id', url: 'https://app.gong.io/call?id=123456789', tab: { id: tabId }, frameId: 0 }) as never;
const webPage = { id: 'some-other-extension', url: 'https://evil.example/', tab: { id: 7 } } as never;
/** the tab's frame token, as its calls script put it in the panel frame's address */
const panelToken = (tabId = 7) => issueFrameToken('call-panel', tabId, false);

const call = {
  provider: 'gong' as const,
  callId: '123456789',
  callKey: 'gong:123456789',
  url: 'https://app.gong.io/call?id=123456789',
  title: 'Acme Corp — Discovery call',
};
const input = (over: Partial<ReviewInput> = {}): ReviewInput => ({
  ...call,
  scores: {},
  overallNote: '',
  pins: [],
  timeSpentMs: 1000,
  ...over,
});

let db: IDBPDatabase<DealsideDB>;
let h: CallReviewHandlers;
let events: ChangeEvent[];
let user: { name: string; role: 'manager' } | null;
let ids: number;
/** the handlers' clock; `tick` moves it a second */
let clock: number;
const tick = () => (clock += 1000);

/** The stored review's version: what a panel that (re)loaded it now bases its saves on. */
const storedVersion = async (callKey = call.callKey) =>
  (await h['callReview/get']({ type: 'callReview/get', callKey }, popup))?.updatedAt ?? null;
/** A panel's autosave, based on the stored version unless `base` says otherwise. */
const saveDraft = async (review: ReviewInput, base?: string | null, sender = panel()) =>
  h['callReview/saveDraft'](
    { type: 'callReview/saveDraft', review, baseUpdatedAt: base === undefined ? await storedVersion(review.callKey) : base },
    sender,
  );
const complete = async (review: ReviewInput, base?: string | null, sender = panel()) =>
  h['callReview/complete'](
    { type: 'callReview/complete', review, baseUpdatedAt: base === undefined ? await storedVersion(review.callKey) : base },
    sender,
  );

beforeEach(async () => {
  fakeBrowser.reset();
  db = await testDb();
  events = [];
  user = { name: 'Maya Manager', role: 'manager' };
  ids = 0;
  clock = Date.parse('2026-11-22T10:00:00.000Z');
  h = createCallReviewHandlers({
    db: async () => db,
    user: async () => user,
    broadcast: (e) => {
      events.push(e);
    },
    now: () => new Date(clock),
    newId: () => `id-${++ids}`,
    rubricVersion: 'rubric-1',
  });
});

describe('drafts and completion', () => {
  it('saves a draft and finds it again by call (a reload mid-review)', async () => {
    await saveDraft(input({ overallNote: 'so far' }));
    const got = await h['callReview/get']({ type: 'callReview/get', callKey: 'gong:123456789' }, panel());
    expect(got?.status).toBe('draft');
    expect(got?.overallNote).toBe('so far');
    expect(got?.by).toEqual({ name: 'Maya Manager', role: 'manager' });
    expect(got?.rubricVersion).toBe('rubric-1');
  });

  it('refuses to save before the first-run name is set', async () => {
    user = null;
    await expect(saveDraft(input())).rejects.toMatchObject({
      code: 'no-user',
    });
  });

  it('completing appends the scores to the deal history, marked as from this call', async () => {
    const review = await complete(input({ dealKey: 'salesforce:0065g00000AcmeQAAS', repId: 'salesforce:Sam Rep', scores: { discovery: 4, qualification: 3 } }));
    expect(review.status).toBe('completed');
    const scores = await db.getAllFromIndex('scores', 'byDeal', 'salesforce:0065g00000AcmeQAAS');
    expect(scores.map((s) => [s.dimension, s.value]).sort()).toEqual([
      ['discovery', 4],
      ['qualification', 3],
    ]);
    for (const s of scores) {
      expect(s.source).toEqual({ kind: 'call', reviewId: review.id });
      expect(s.repId).toBe('salesforce:Sam Rep');
      expect(s.rubricVersion).toBe('rubric-1');
    }
    expect(events.at(-1)?.dealKeys).toEqual(['salesforce:0065g00000AcmeQAAS']);

    const forDeal = await h['callReview/forDeal']({ type: 'callReview/forDeal', dealKey: 'salesforce:0065g00000AcmeQAAS' }, popup);
    expect(forDeal.map((r) => r.id)).toEqual([review.id]);
  });

  it('a later edit keeps the completed version in history and adds no scores until completed again', async () => {
    const dealKey = 'hubspot:42';
    await complete(input({ dealKey, scores: { discovery: 2 } }));
    const edited = await saveDraft(input({ dealKey, scores: { discovery: 5 } }));
    expect(edited.status).toBe('draft');
    expect(edited.history[0]?.scores.discovery).toBe(2);
    expect(await db.count('scores')).toBe(1);
    // Still listed for the deal, by its completed version.
    expect(await h['callReview/forDeal']({ type: 'callReview/forDeal', dealKey }, popup)).toHaveLength(1);
    await complete(input({ dealKey, scores: { discovery: 5 } }));
    const values = (await db.getAllFromIndex('scores', 'byDeal', dealKey)).map((s) => s.value).sort();
    expect(values).toEqual([2, 5]);
  });

  it('a damaged score stored for the deal does not stop the review being completed again', async () => {
    const dealKey = 'hubspot:42';
    const first = await complete(input({ dealKey, scores: { discovery: 2 } }));
    // a stored score of this review with no time (damaged on disk, or written by an old bug)
    for (const id of ['0-damaged', 'z-damaged']) {
      await db.put('scores', { id, dealKey, dimension: 'discovery', value: 9, source: { kind: 'call', reviewId: first.id } } as never);
    }
    const again = await complete(input({ dealKey, scores: { discovery: 4 } }));
    expect(again.status).toBe('completed');
    const values = (await db.getAllFromIndex('scores', 'byDeal', dealKey)).filter((s) => !s.id.endsWith('-damaged')).map((s) => s.value).sort();
    expect(values).toEqual([2, 4]);
  });

  it('drafts never show up for the deal', async () => {
    await saveDraft(input({ dealKey: 'hubspot:42' }));
    expect(await h['callReview/forDeal']({ type: 'callReview/forDeal', dealKey: 'hubspot:42' }, popup)).toEqual([]);
  });
});

describe('two panels on the same call', () => {
  const dealKey = 'hubspot:42';
  it('a panel loaded before another completed the review cannot revert it: its save is refused, typed', async () => {
    await saveDraft(input({ dealKey, scores: { discovery: 2 } }));
    const loadedByB = await storedVersion(); // panel B opens on the draft
    tick();
    const done = await complete(input({ dealKey, scores: { discovery: 4 } })); // panel A completes
    tick();
    // B's autosave (its old edit state, based on the draft it loaded)
    await expect(saveDraft(input({ dealKey, scores: { discovery: 2 }, timeSpentMs: 60_000 }), loadedByB)).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(complete(input({ dealKey, scores: { discovery: 2 } }), loadedByB)).rejects.toMatchObject({ code: 'conflict' });
    const stored = await h['callReview/get']({ type: 'callReview/get', callKey: call.callKey }, popup);
    expect(stored).toMatchObject({ status: 'completed', scores: { discovery: 4 }, updatedAt: done.updatedAt, history: [] });
    expect((await db.getAllFromIndex('scores', 'byDeal', dealKey)).map((x) => x.value)).toEqual([4]);
  });

  it('two panels acting on the same version at the same moment: one wins, the other is refused (never both)', async () => {
    await saveDraft(input({ dealKey, scores: { discovery: 2 } }));
    const v1 = await storedVersion();
    tick();
    // A completes while B's autosave, on the same version, is in flight
    const [done, late] = await Promise.allSettled([
      complete(input({ dealKey, scores: { discovery: 4 } }), v1),
      saveDraft(input({ dealKey, overallNote: 'B typed' }), v1),
    ]);
    expect(done.status).toBe('fulfilled');
    expect(late).toMatchObject({ status: 'rejected', reason: { code: 'conflict' } });
    expect(await h['callReview/get']({ type: 'callReview/get', callKey: call.callKey }, popup)).toMatchObject({ status: 'completed', scores: { discovery: 4 } });
    // and a completion beside a time-only flush stays completed
    tick();
    await Promise.all([
      h['callReview/saveDraft']({ type: 'callReview/saveDraft', review: input({ dealKey, timeSpentMs: 99_000 }), baseUpdatedAt: v1, timeOnly: true }, panel()),
      complete(input({ dealKey, scores: { discovery: 5 } }), (done as PromiseFulfilledResult<{ updatedAt: string }>).value.updatedAt),
    ]);
    expect(await h['callReview/get']({ type: 'callReview/get', callKey: call.callKey }, popup)).toMatchObject({ status: 'completed', scores: { discovery: 5 } });
  });

  it('a version saved in the same millisecond as the one it replaces is still a new version: a save based on the old one is refused', async () => {
    await saveDraft(input({ dealKey, scores: { discovery: 2 } }), null);
    const loadedByB = await storedVersion();
    // A completes within the same millisecond (no tick): the clock has not moved
    const done = await complete(input({ dealKey, scores: { discovery: 4 } }), loadedByB);
    expect(done.updatedAt).not.toBe(loadedByB);
    await expect(saveDraft(input({ dealKey, scores: { discovery: 1 } }), loadedByB)).rejects.toMatchObject({ code: 'conflict' });
    expect(await h['callReview/get']({ type: 'callReview/get', callKey: call.callKey }, popup)).toMatchObject({ status: 'completed', scores: { discovery: 4 } });
  });

  it('a panel that loaded no review cannot overwrite one another panel created meanwhile', async () => {
    await saveDraft(input({ overallNote: 'from A' }), null);
    tick();
    await expect(saveDraft(input({ overallNote: 'from B' }), null)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('time spent is recorded from any panel without demoting the completed review or making a new version', async () => {
    await saveDraft(input({ dealKey, scores: { discovery: 2 } }));
    const loadedByB = await storedVersion();
    tick();
    const done = await complete(input({ dealKey, scores: { discovery: 4 } }));
    tick();
    events = [];
    const timed = await h['callReview/saveDraft'](
      { type: 'callReview/saveDraft', review: input({ dealKey, scores: { discovery: 2 }, timeSpentMs: 600_000 }), baseUpdatedAt: loadedByB, timeOnly: true },
      panel(),
    );
    expect(timed).toMatchObject({ status: 'completed', scores: { discovery: 4 }, timeSpentMs: 600_000, updatedAt: done.updatedAt });
    expect((await h['callReview/get']({ type: 'callReview/get', callKey: call.callKey }, popup))?.timeSpentMs).toBe(600_000);
    // A's next edit is still based on the current version
    tick();
    await expect(saveDraft(input({ dealKey, scores: { discovery: 4 }, overallNote: 'more' }), done.updatedAt)).resolves.toMatchObject({
      overallNote: 'more',
    });
  });

  it('every save and completion tells the panels on that call (change events name the call)', async () => {
    events = [];
    await saveDraft(input({ overallNote: 'x' }));
    expect(events.at(-1)).toMatchObject({ callKeys: [call.callKey], dealKeys: [], tabIds: [] });
    tick();
    await complete(input({ dealKey, overallNote: 'x', scores: { nextStep: 3 } }));
    expect(events.at(-1)).toMatchObject({ callKeys: [call.callKey], dealKeys: [dealKey] });
  });

  it('a review with no score is not completed (a stray click would count on the rep’s scorecard); its draft stays', async () => {
    await saveDraft(input({ overallNote: 'listened, no scores yet' }));
    await expect(complete(input({ dealKey, overallNote: 'listened, no scores yet' }))).rejects.toMatchObject({ code: 'invalid-state', message: /at least one score/ });
    expect(await h['callReview/get']({ type: 'callReview/get', callKey: call.callKey }, popup)).toMatchObject({ status: 'draft', overallNote: 'listened, no scores yet' });
    expect(await db.count('scores')).toBe(0);
  });
});

describe('relinking a completed review', () => {
  const A = 'hubspot:42';
  const B = 'salesforce:0065g00000GlobexAA';
  const scoresOf = async (dealKey: string) =>
    (await db.getAllFromIndex('scores', 'byDeal', dealKey)).map((x) => `${x.dimension} ${x.value}`).sort();
  /** what the deal's sidebar lists */
  const forDeal = (dealKey: string) => h['callReview/forDeal']({ type: 'callReview/forDeal', dealKey }, popup);

  it('moving it to another deal keeps the completed version, needs completing again, and then gives the new deal its scores', async () => {
    const done = await complete(input({ dealKey: A, repId: 'hubspot:Sam Rep', repName: 'Sam Rep', scores: { discovery: 4, nextStep: 3 } }));
    tick();
    const moved = await saveDraft(input({ dealKey: B, repId: 'hubspot:Sam Rep', repName: 'Sam Rep', scores: { discovery: 4, nextStep: 3 } }));
    expect(moved).toMatchObject({ status: 'draft', dealKey: B, history: [{ scores: { discovery: 4, nextStep: 3 } }] });
    expect(events.at(-1)?.dealKeys.sort()).toEqual([A, B].sort());
    // its completion counts where it was made until completed again (the scorecard's rule): the deal
    // it left still lists it, as completed there; the deal it moved to does not yet
    expect((await forDeal(A)).map((r) => r.id)).toEqual([done.id]);
    expect(await forDeal(B)).toEqual([]);
    tick();
    const again = await complete(input({ dealKey: B, repId: 'hubspot:Sam Rep', repName: 'Sam Rep', scores: { discovery: 4, nextStep: 3 } }));
    expect(again).toMatchObject({ id: done.id, status: 'completed', dealKey: B });
    expect(await forDeal(A)).toEqual([]);
    expect((await forDeal(B)).map((r) => r.id)).toEqual([done.id]);
    expect(await scoresOf(B)).toEqual(['discovery 4', 'nextStep 3']);
    expect(await scoresOf(A)).toEqual(['discovery 4', 'nextStep 3']); // never rewritten
    // back to A unchanged: A already has these scores from this review
    tick();
    await complete(input({ dealKey: A, repId: 'hubspot:Sam Rep', repName: 'Sam Rep', scores: { discovery: 4, nextStep: 3 } }));
    expect(await scoresOf(A)).toEqual(['discovery 4', 'nextStep 3']);
    // that completion gave A no new score, yet moved on as a draft the review is still found under A
    tick();
    await saveDraft(input({ dealKey: B, repId: 'hubspot:Sam Rep', repName: 'Sam Rep', scores: { discovery: 4, nextStep: 3 } }));
    expect((await forDeal(A)).map((r) => r.id)).toEqual([done.id]);
    expect(await forDeal(B)).toEqual([]);
  });

  it("the rep changed and changed back on one deal: the deal's current score is the review's again", async () => {
    const current = async () => (await db.getAllFromIndex('scores', 'byDeal', A)).sort((x, y) => x.at.localeCompare(y.at)).at(-1);
    await complete(input({ dealKey: A, repId: 'hubspot:R1', repName: 'R1', scores: { discovery: 3 } }));
    tick();
    await complete(input({ dealKey: A, repId: 'hubspot:R2', repName: 'R2', scores: { discovery: 5 } }));
    expect(await current()).toMatchObject({ value: 5, repId: 'hubspot:R2' });
    tick();
    const back = await complete(input({ dealKey: A, repId: 'hubspot:R1', repName: 'R1', scores: { discovery: 3 } }));
    expect(back.scores.discovery).toBe(3);
    expect(await current()).toMatchObject({ value: 3, repId: 'hubspot:R1' });
  });

  it("counts once in the rep's weeks, as last completed: moved to another deal, then a score changed", async () => {
    /** the rep's scores of `dimension` over every stored week, as the scorecard adds them up */
    const counted = async (repId: string, dimension: 'discovery' | 'nextStep') => {
      const weeks = (await db.getAll('repWeeks')).filter((w) => w.repId === repId);
      return weeks.reduce(
        (t, w) => [0, 1, 2, 3, 4, 5, 6].reduce((u, i) => ({ sum: u.sum + dayCountsAt(w, i).scores[dimension].sum, count: u.count + dayCountsAt(w, i).scores[dimension].count }), t),
        { sum: 0, count: 0 },
      );
    };
    const sam = { repId: 'hubspot:Sam Rep', repName: 'Sam Rep' };
    await complete(input({ dealKey: A, ...sam, scores: { discovery: 2, nextStep: 3 } }));
    expect(await counted(sam.repId, 'discovery')).toEqual({ sum: 2, count: 1 });
    tick();
    await saveDraft(input({ dealKey: B, ...sam, scores: { discovery: 2, nextStep: 3 } }));
    tick();
    await complete(input({ dealKey: B, ...sam, scores: { discovery: 2, nextStep: 3 } }));
    // both deals keep their score records; the rep's weeks count the call once
    expect(await scoresOf(A)).toEqual(['discovery 2', 'nextStep 3']);
    expect(await scoresOf(B)).toEqual(['discovery 2', 'nextStep 3']);
    expect(await counted(sam.repId, 'discovery')).toEqual({ sum: 2, count: 1 });
    expect(await counted(sam.repId, 'nextStep')).toEqual({ sum: 3, count: 1 });
    // a score changed: the new value replaces the old in the weeks, the other dimension is untouched
    tick();
    await complete(input({ dealKey: B, ...sam, scores: { discovery: 4, nextStep: 3 } }));
    expect(await scoresOf(B)).toEqual(['discovery 2', 'discovery 4', 'nextStep 3']);
    expect(await counted(sam.repId, 'discovery')).toEqual({ sum: 4, count: 1 });
    expect(await counted(sam.repId, 'nextStep')).toEqual({ sum: 3, count: 1 });
    // moved to another rep's deal: it counts for that rep now, and no longer for Sam
    tick();
    await complete(input({ dealKey: A, repId: 'hubspot:Ana Rep', repName: 'Ana Rep', scores: { discovery: 4, nextStep: 3 } }));
    expect(await counted(sam.repId, 'discovery')).toEqual({ sum: 0, count: 0 });
    expect(await counted('hubspot:Ana Rep', 'discovery')).toEqual({ sum: 4, count: 1 });
    // and a restore's rebuild of the weeks from the records agrees with the weeks kept on write
    const scores = await db.getAll('scores');
    const rebuilt = derivedRecordsOf({ deals: [], nextSteps: [], commitments: [], notes: [], scores }, { now: new Date(clock), timeZone: userTimeZone() }).repWeeks;
    expect(rebuilt.map((w) => [w.week, w.repId, w.counts.join()]).sort()).toEqual(
      (await db.getAll('repWeeks')).filter((w) => w.counts.some((n) => n > 0)).map((w) => [w.week, w.repId, w.counts.join()]).sort(),
    );
  });

  it('moved on again as a draft, it stays listed under the deal its last completion was for, shown as completed there', async () => {
    const C = 'hubspot:77';
    await complete(input({ dealKey: A, repId: 'hubspot:Sam Rep', repName: 'Sam Rep', scores: { discovery: 2 } }));
    tick();
    await saveDraft(input({ dealKey: B, repId: 'hubspot:Sam Rep', repName: 'Sam Rep', scores: { discovery: 2 } }));
    tick();
    const done = await complete(input({ dealKey: B, repId: 'hubspot:Sam Rep', repName: 'Sam Rep', scores: { discovery: 4 } }));
    tick();
    // B's completion stands; the review is edited again and moved to C under another rep
    events = [];
    const moved = await saveDraft(input({ dealKey: C, repId: 'hubspot:Ana Rep', repName: 'Ana Rep', scores: { discovery: 1 } }));
    expect(events.at(-1)?.dealKeys.sort()).toEqual([B, C].sort());
    const listed = await forDeal(B);
    expect(listed.map((r) => r.id)).toEqual([done.id]);
    // what the sidebar shows of it: the version completed for B (its scores, date and rep)
    expect(lastCompletedVersion(listed[0]!)).toMatchObject({ dealKey: B, scores: { discovery: 4 }, completedAt: done.completedAt, repName: 'Sam Rep' });
    expect(await forDeal(A)).toEqual([]);
    expect(await forDeal(C)).toEqual([]);
    // moved again while a draft: the deal it leaves and the one it joins are told
    tick();
    events = [];
    await saveDraft(input({ dealKey: A, scores: { discovery: 1 } }), moved.updatedAt);
    expect(events.at(-1)?.dealKeys.sort()).toEqual([A, C].sort());
    expect((await forDeal(B)).map((r) => r.id)).toEqual([done.id]);
    expect(await forDeal(A)).toEqual([]);
    // completed for A: B, where it was listed until now, is told too, and no longer lists it
    tick();
    events = [];
    await complete(input({ dealKey: A, scores: { discovery: 1 } }));
    expect(events.at(-1)?.dealKeys.sort()).toEqual([A, B].sort());
    expect(await forDeal(B)).toEqual([]);
    expect((await forDeal(A)).map((r) => r.id)).toEqual([done.id]);
  });

  it('unlinking the deal of a completed review is an edit, not a silent move', async () => {
    await complete(input({ dealKey: A, scores: { discovery: 4 } }));
    tick();
    const unlinked = await saveDraft(input({ scores: { discovery: 4 } }));
    expect(unlinked).toMatchObject({ status: 'draft', history: [{ scores: { discovery: 4 } }] });
    expect(unlinked.dealKey).toBeUndefined();
  });
});

describe('sender checks (the router, in front of these handlers)', () => {
  // The background puts these handlers behind the one router; its sender rules apply.
  const routed = () => {
    const route = createRouter(h as unknown as Handlers, () => ({ id: 'test-extension-id', origin: ORIGIN }));
    return async (request: unknown, sender: unknown) => {
      const res = await route(request, sender as SenderLike);
      if (!res.ok) throw Object.assign(new Error(res.error.message), { code: res.error.code });
      return res.data;
    };
  };

  it('only extension pages read or write reviews', async () => {
    const send = routed();
    for (const s of [content(), webPage]) {
      await expect(send({ type: 'callReview/get', callKey: 'gong:123456789' }, s)).rejects.toMatchObject({
        code: 'bad-sender',
      });
      await expect(send({ type: 'callReview/saveDraft', review: input(), baseUpdatedAt: null }, s)).rejects.toMatchObject({
        code: 'bad-sender',
      });
    }
  });
  it("a page reports only a call of its own site", async () => {
    const elsewhere = { ...call, url: 'https://app.gong.io.evil.example/call?id=123456789' };
    await expect(h['calls/page']({ type: 'calls/page', call: elsewhere }, content(7))).rejects.toMatchObject({ code: 'bad-request' });
    expect(await h['calls/current']({ type: 'calls/current', frameToken: await panelToken(7) }, panel(7))).toMatchObject({ call: null });
    await expect(h['calls/page']({ type: 'calls/page', call }, content(7))).resolves.toMatchObject({ accepted: true });
  });

  it('only a content script reports the page, and only the panel asks for the media', async () => {
    const send = routed();
    await expect(send({ type: 'calls/page', call }, panel())).rejects.toMatchObject({ code: 'bad-sender' });
    await expect(send({ type: 'calls/mediaTime', frameToken: await panelToken() }, content())).rejects.toMatchObject({ code: 'bad-sender' });
    await expect(send({ type: 'calls/seek', seconds: 2, frameToken: await panelToken() }, popup)).rejects.toMatchObject({ code: 'bad-sender' });
    await expect(send({ type: 'calls/page', call }, webPage)).rejects.toMatchObject({ code: 'bad-sender' });
    // …and the same requests from the right senders go through
    await expect(send({ type: 'calls/page', call }, content())).resolves.toEqual({ accepted: true, panelOpen: false, frameToken: expect.stringMatching(/^[0-9a-f]{32}$/) });
    await expect(send({ type: 'callReview/get', callKey: 'gong:123456789' }, popup)).resolves.toBeNull();
    // the panel's open state is the content script's to report, nobody else's
    await expect(send({ type: 'calls/panel', open: true }, panel())).rejects.toMatchObject({ code: 'bad-sender' });
    await expect(send({ type: 'calls/panel', open: true }, webPage)).rejects.toMatchObject({ code: 'bad-sender' });
    await expect(send({ type: 'calls/panel', open: 'yes' } as never, content())).rejects.toMatchObject({ code: 'bad-request' });
  });
});

describe('the tab → recording state', () => {
  it('the panel learns its own tab’s call, never another tab’s', async () => {
    await h['calls/page']({ type: 'calls/page', call }, content(7));
    expect((await h['calls/current']({ type: 'calls/current', frameToken: await panelToken(7) }, panel(7))).call?.callKey).toBe('gong:123456789');
    expect((await h['calls/current']({ type: 'calls/current', frameToken: await panelToken(8) }, panel(8))).call).toBeNull();
    expect(events.at(-1)?.tabIds).toEqual([7]);
  });
  it('a panel framed in the tab once it is on another site gets no call (the tab moved on; the browser tells its address)', async () => {
    await h['calls/page']({ type: 'calls/page', call }, content(7));
    const inTab = (url?: string) => ({ ...(panel(7) as object), tab: { id: 7, url } }) as never;
    expect((await h['calls/current']({ type: 'calls/current', frameToken: await panelToken(7) }, inTab('https://acme.lightning.force.com/lightning/page/home'))).call).toBeNull();
    expect((await h['calls/current']({ type: 'calls/current', frameToken: await panelToken(7) }, inTab('https://app.gong.io/call?id=123456789'))).call?.callKey).toBe(call.callKey);
    // where the browser does not say (no access to that site), the panel's own framing check decides
    expect((await h['calls/current']({ type: 'calls/current', frameToken: await panelToken(7) }, inTab(undefined))).call?.callKey).toBe(call.callKey);
  });
  it('only a frame with the tab’s token (given to its calls script) learns the call: one token per tab, kept across its calls', async () => {
    const first = await h['calls/page']({ type: 'calls/page', call }, content(7));
    const next = { ...call, callId: '987654321', callKey: 'gong:987654321', url: 'https://app.gong.io/call?id=987654321' };
    const second = await h['calls/page']({ type: 'calls/page', call: next }, content(7));
    expect(second.frameToken).toBe(first.frameToken);
    expect((await h['calls/current']({ type: 'calls/current', frameToken: first.frameToken }, panel(7))).call?.callKey).toBe(next.callKey);
    // a page framing call-review.html itself (the next site in this tab; Firefox, where the frame cannot see its parent)
    for (const frameToken of ['', 'f'.repeat(32), (await h['calls/page']({ type: 'calls/page', call }, content(8))).frameToken]) {
      await expect(h['calls/current']({ type: 'calls/current', frameToken }, panel(7))).rejects.toMatchObject({
        code: 'bad-sender',
        message: PANEL_REFUSED,
      });
    }
  });
  it('a new page reporting no call (its first report) clears the tab’s call, and tells the panel', async () => {
    await h['calls/page']({ type: 'calls/page', call }, content(7));
    events = [];
    await h['calls/page']({ type: 'calls/page', call: null }, content(7));
    expect((await h['calls/current']({ type: 'calls/current', frameToken: await panelToken(7) }, panel(7))).call).toBeNull();
    expect(events).toEqual([expect.objectContaining({ tabIds: [7] })]);
  });
  it('SPA navigation to the next call replaces it and tells the panel', async () => {
    await h['calls/page']({ type: 'calls/page', call }, content(7));
    const next = { ...call, callId: '987654321', callKey: 'gong:987654321', url: 'https://app.gong.io/call?id=987654321' };
    events = [];
    await h['calls/page']({ type: 'calls/page', call: next }, content(7));
    expect((await h['calls/current']({ type: 'calls/current', frameToken: await panelToken(7) }, panel(7))).call?.callKey).toBe('gong:987654321');
    expect(events).toHaveLength(1);
    // Same call reported again unchanged: no change event; its late title: one.
    await h['calls/page']({ type: 'calls/page', call: next }, content(7));
    expect(events).toHaveLength(1);
    await h['calls/page']({ type: 'calls/page', call: { ...next, title: 'Later title' } }, content(7));
    expect(events).toHaveLength(2);
  });
});

describe('the panel’s open state, per tab', () => {
  it('is remembered for the tab (a reload mid-review, the next call), never for another tab, and forgotten when closed', async () => {
    expect(await h['calls/page']({ type: 'calls/page', call }, content(7))).toMatchObject({ accepted: true, panelOpen: false });
    await h['calls/panel']({ type: 'calls/panel', open: true }, content(7));
    expect(await h['calls/page']({ type: 'calls/page', call }, content(7))).toMatchObject({ accepted: true, panelOpen: true });
    expect((await h['calls/page']({ type: 'calls/page', call }, content(8))).panelOpen).toBe(false);
    // leaving the recording: nothing to open
    expect((await h['calls/page']({ type: 'calls/page', call: null }, content(7))).panelOpen).toBe(false);
    await h['calls/panel']({ type: 'calls/panel', open: false }, content(7));
    expect((await h['calls/page']({ type: 'calls/page', call }, content(7))).panelOpen).toBe(false);
  });
});

describe('media relay', () => {
  it('asks the content script in the top frame of the panel’s own tab', async () => {
    const spy = vi.fn(async () => ({ hasMedia: true, currentTime: 2.04, duration: 10, paused: false }));
    (browser.tabs as unknown as { sendMessage: unknown }).sendMessage = spy;
    const frameToken = await panelToken(7);
    const m = await h['calls/mediaTime']({ type: 'calls/mediaTime', frameToken }, panel(7));
    expect(m).toEqual({ hasMedia: true, currentTime: 2.04, duration: 10, paused: false });
    expect(spy).toHaveBeenCalledWith(7, { kind: 'dealside/calls-media' }, { frameId: 0 });
    await h['calls/seek']({ type: 'calls/seek', seconds: 4, frameToken }, panel(7));
    expect(spy).toHaveBeenLastCalledWith(7, { kind: 'dealside/calls-seek', seconds: 4 }, { frameId: 0 });
  });
  it('is refused to a panel frame Dealside did not make in the tab (no token, or another tab’s)', async () => {
    const spy = vi.fn(async () => ({ hasMedia: true, currentTime: 2, duration: 10, paused: false }));
    (browser.tabs as unknown as { sendMessage: unknown }).sendMessage = spy;
    await panelToken(7);
    const otherTabs = await panelToken(8);
    for (const frameToken of ['', 'x'.repeat(32), otherTabs]) {
      await expect(h['calls/mediaTime']({ type: 'calls/mediaTime', frameToken }, panel(7))).rejects.toMatchObject({ code: 'bad-sender' });
      await expect(h['calls/seek']({ type: 'calls/seek', seconds: 1, frameToken }, panel(7))).rejects.toMatchObject({ code: 'bad-sender' });
    }
    expect(spy).not.toHaveBeenCalled();
  });
  it('cleans odd replies and a missing content script into "no media"', async () => {
    (browser.tabs as unknown as { sendMessage: unknown }).sendMessage = vi.fn(async () => ({
      hasMedia: true,
      currentTime: -3,
      duration: 'long',
    }));
    const frameToken = await panelToken();
    expect(await h['calls/mediaTime']({ type: 'calls/mediaTime', frameToken }, panel())).toEqual({
      hasMedia: true,
      currentTime: 0,
      duration: null,
      paused: true,
    });
    (browser.tabs as unknown as { sendMessage: unknown }).sendMessage = vi.fn(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    expect((await h['calls/mediaTime']({ type: 'calls/mediaTime', frameToken }, panel())).hasMedia).toBe(false);
  });
});

describe('deal search', () => {
  it('finds deals seen by name or owner, most recent first', async () => {
    const deal = (key: string, name: string, owner: string, lastSeenAt: string): DealRecord => ({
      key,
      snapshot: {
        crm: 'salesforce',
        recordId: key.split(':')[1] ?? 'x',
        host: 'acme.lightning.force.com',
        url: 'https://acme.lightning.force.com/',
        name,
        owner,
        readAt: lastSeenAt,
      },
      firstSeenAt: lastSeenAt,
      lastSeenAt,
    });
    await db.put('deals', deal('salesforce:006A', 'Acme Renewal', 'Sam Rep', '2026-11-20T10:00:00.000Z'));
    await db.put('deals', deal('salesforce:006B', 'Acme Expansion', 'Kim Rep', '2026-11-21T10:00:00.000Z'));
    await db.put('deals', deal('salesforce:006C', 'Globex', 'Sam Rep', '2026-11-19T10:00:00.000Z'));
    const hits = await h['deals/search']({ type: 'deals/search', query: 'acme' }, panel());
    expect(hits.map((x) => x.name)).toEqual(['Acme Expansion', 'Acme Renewal']);
    expect((await h['deals/search']({ type: 'deals/search', query: 'sam' }, panel())).map((x) => x.key)).toEqual([
      'salesforce:006A',
      'salesforce:006C',
    ]);
  });
});

describe('the rep of the deal picked', () => {
  const dealKey = 'salesforce:006AAA';
  const sam = 'salesforce:Sam Rep';
  beforeEach(async () => {
    // seen after the panel loaded its rep list (or that list failed to load): the panel sends the owner's name only
    await db.put('deals', {
      key: dealKey,
      repId: sam,
      snapshot: { crm: 'salesforce', recordId: '006AAA', host: 'acme.lightning.force.com', url: 'https://acme.lightning.force.com/', name: 'Acme', owner: 'Sam Rep', readAt: '2026-11-22T09:00:00.000Z' },
      firstSeenAt: '2026-11-22T09:00:00.000Z',
      lastSeenAt: '2026-11-22T09:00:00.000Z',
    } satisfies DealRecord);
  });

  it("a review naming its deal's owner, with no rep id, is linked to that owner's rep and counts on the rep's scorecard", async () => {
    expect(await saveDraft(input({ dealKey, repName: 'Sam Rep' }))).toMatchObject({ repId: sam, repName: 'Sam Rep' });
    tick();
    const done = await complete(input({ dealKey, repName: ' sam rep ', scores: { discovery: 4 } }));
    expect(done.repId).toBe(sam);
    expect((await db.getAllFromIndex('scores', 'byDeal', dealKey)).map((x) => x.repId)).toEqual([sam]);
    const weeks = (await db.getAll('repWeeks')).filter((w) => w.repId === sam);
    expect(weeks.flatMap((w) => [0, 1, 2, 3, 4, 5, 6].map((i) => dayCountsAt(w, i).scores.discovery.count)).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('another name, or a rep id given, is kept as sent', async () => {
    expect((await saveDraft(input({ dealKey, repName: 'Kim Rep' }))).repId).toBeUndefined();
    tick();
    expect((await complete(input({ dealKey, repId: 'salesforce:Kim Rep', repName: 'Sam Rep', scores: { discovery: 4 } }))).repId).toBe('salesforce:Kim Rep');
  });
});

describe('"Review this call" refused', () => {
  it('says why in words, not in the browser’s developer text', () => {
    for (const said of ['Cannot access a chrome:// URL', 'The extensions gallery cannot be scripted.', 'Cannot access contents of url "edge://newtab/".']) {
      const reason = reviewRefusal(new Error(said));
      expect(reason, said).toMatch(/browsers keep their own pages/);
      expect(reason, said).not.toMatch(/chrome:|edge:|gallery/);
    }
    expect(reviewRefusal(new Error('No tab with id: 7.'))).toMatch(/did not let Dealside in/);
    expect(reviewRefusal('odd')).not.toContain('odd');
  });
});

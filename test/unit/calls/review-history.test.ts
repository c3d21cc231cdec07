import { describe, expect, it } from 'vitest';
import { callReviewSchema, type CallReview } from '../../../lib/model';
import {
  applyComplete,
  applyDraft,
  applyTimeSpent,
  lastCompletedVersion,
  sameContent,
  sameLinks,
  sortPins,
  type ReviewContext,
  type ReviewInput,
} from '../../../lib/calls/review-history';

const by = { name: 'Maya Manager', role: 'manager' as const };
let n = 0;
const ctx = (now: string): ReviewContext => ({ now, by, rubricVersion: 'r1', newId: () => `id-${++n}` });

const base: ReviewInput = {
  callKey: 'gong:123456789',
  provider: 'gong',
  callId: '123456789',
  title: 'Acme discovery',
  url: 'https://app.gong.io/call?id=123456789',
  scores: {},
  overallNote: '',
  pins: [],
  timeSpentMs: 1000,
};
const pin = (id: string, at: number, text = 'note') => ({ id, atSeconds: at, text, createdAt: '2026-11-22T10:00:00.000Z' });

describe('drafts', () => {
  it('creates a valid draft review', () => {
    const r = applyDraft(null, { ...base, repName: ' Sam Rep ', pins: [pin('b', 4), pin('a', 2)] }, ctx('2026-11-22T10:00:00.000Z'));
    expect(callReviewSchema.parse(r)).toEqual(r);
    expect(r.status).toBe('draft');
    expect(r.repName).toBe('Sam Rep');
    expect(r.pins.map((p) => p.id)).toEqual(['a', 'b']);
    expect(r.startedAt).toBe('2026-11-22T10:00:00.000Z');
    expect(r.history).toEqual([]);
  });

  it('updates a draft in place, keeping id and start', () => {
    const a = applyDraft(null, base, ctx('2026-11-22T10:00:00.000Z'));
    const b = applyDraft(a, { ...base, overallNote: 'good call', timeSpentMs: 5000 }, ctx('2026-11-22T10:05:00.000Z'));
    expect(b.id).toBe(a.id);
    expect(b.startedAt).toBe(a.startedAt);
    expect(b.overallNote).toBe('good call');
    expect(b.updatedAt).toBe('2026-11-22T10:05:00.000Z');
    expect(b.history).toEqual([]);
  });

  it('never loses stored time to an older panel', () => {
    const a = applyDraft(null, { ...base, timeSpentMs: 90_000 }, ctx('2026-11-22T10:00:00.000Z'));
    expect(applyDraft(a, { ...base, timeSpentMs: 10 }, ctx('2026-11-22T10:01:00.000Z')).timeSpentMs).toBe(90_000);
  });

  it('drops an unlinked deal', () => {
    const a = applyDraft(null, { ...base, dealKey: 'hubspot:42' }, ctx('2026-11-22T10:00:00.000Z'));
    const b = applyDraft(a, base, ctx('2026-11-22T10:01:00.000Z'));
    expect(b.dealKey).toBeUndefined();
    expect('dealKey' in b).toBe(false);
  });
});

describe('completion and history', () => {
  const scored: ReviewInput = { ...base, scores: { discovery: 4, nextStep: 2 }, pins: [pin('a', 2)] };

  it('marks it done and appends every given score the first time', () => {
    const { review, newScores } = applyComplete(null, scored, ctx('2026-11-22T11:00:00.000Z'));
    expect(review.status).toBe('completed');
    expect(review.completedAt).toBe('2026-11-22T11:00:00.000Z');
    expect(newScores).toEqual([
      { dimension: 'discovery', value: 4 },
      { dimension: 'nextStep', value: 2 },
    ]);
    expect(callReviewSchema.parse(review)).toEqual(review);
  });

  it('an edit after completion keeps the completed version in history', () => {
    const done = applyComplete(null, scored, ctx('2026-11-22T11:00:00.000Z')).review;
    const edited = applyDraft(done, { ...scored, scores: { discovery: 5, nextStep: 2 } }, ctx('2026-11-22T12:00:00.000Z'));
    expect(edited.status).toBe('draft');
    // its last completion stands (the scorecard counts it) until it is completed again
    expect(edited.completedAt).toBe('2026-11-22T11:00:00.000Z');
    expect(edited.history).toHaveLength(1);
    expect(edited.history[0]).toMatchObject({
      scores: { discovery: 4, nextStep: 2 },
      completedAt: '2026-11-22T11:00:00.000Z',
      supersededAt: '2026-11-22T12:00:00.000Z',
    });
    expect(lastCompletedVersion(edited)?.scores.discovery).toBe(4);
    expect(callReviewSchema.parse(edited)).toEqual(edited);
  });

  it('time alone is not an edit: a completed review stays completed', () => {
    const done = applyComplete(null, scored, ctx('2026-11-22T11:00:00.000Z')).review;
    const later = applyDraft(done, { ...scored, timeSpentMs: 99_000 }, ctx('2026-11-22T11:30:00.000Z'));
    expect(later.status).toBe('completed');
    expect(later.history).toHaveLength(0);
    expect(later.timeSpentMs).toBe(99_000);
  });

  it('completing again appends only the scores that changed', () => {
    const done = applyComplete(null, scored, ctx('2026-11-22T11:00:00.000Z')).review;
    const edited = applyDraft(done, { ...scored, scores: { discovery: 5, nextStep: 2, qualification: 3 } }, ctx('2026-11-22T12:00:00.000Z'));
    const again = applyComplete(edited, { ...scored, scores: { discovery: 5, nextStep: 2, qualification: 3 } }, ctx('2026-11-22T12:05:00.000Z'));
    expect(again.newScores).toEqual([
      { dimension: 'discovery', value: 5 },
      { dimension: 'qualification', value: 3 },
    ]);
    expect(again.review.history).toHaveLength(1);
    expect(again.review.completedAt).toBe('2026-11-22T12:05:00.000Z');
  });

  it('completing an unchanged completed review adds nothing', () => {
    const done = applyComplete(null, scored, ctx('2026-11-22T11:00:00.000Z')).review;
    const again = applyComplete(done, scored, ctx('2026-11-22T13:00:00.000Z'));
    expect(again.newScores).toEqual([]);
    expect(again.review.history).toHaveLength(0);
    expect(again.review.completedAt).toBe('2026-11-22T11:00:00.000Z');
  });

  it('time spent alone (the panel\'s periodic flush) never demotes and is no new version', () => {
    const done = applyComplete(null, scored, ctx('2026-11-22T11:00:00.000Z')).review;
    const later = applyTimeSpent(done, 600_000);
    expect(later).toEqual({ ...done, timeSpentMs: 600_000 });
    expect(applyTimeSpent(later, 5).timeSpentMs).toBe(600_000);
  });

  it('a draft that was never completed has no completed version', () => {
    const d = applyDraft(null, scored, ctx('2026-11-22T10:00:00.000Z'));
    expect(lastCompletedVersion(d)).toBeNull();
  });
});

describe('links: deal and rep', () => {
  const linked: ReviewInput = { ...base, dealKey: 'hubspot:42', repId: 'hubspot:Sam Rep', repName: 'Sam Rep', scores: { discovery: 4, nextStep: 2 } };
  const completed = () => applyComplete(null, linked, ctx('2026-11-22T11:00:00.000Z')).review;

  it('relinking the deal of a completed review is an edit: the completed version is kept and it must be completed again', () => {
    const moved = applyDraft(completed(), { ...linked, dealKey: 'salesforce:0065g00000GlobexAA' }, ctx('2026-11-22T12:00:00.000Z'));
    expect(moved.status).toBe('draft');
    expect(moved.dealKey).toBe('salesforce:0065g00000GlobexAA');
    expect(moved.history).toHaveLength(1);
    expect(moved.history[0]).toMatchObject({ scores: { discovery: 4, nextStep: 2 }, completedAt: '2026-11-22T11:00:00.000Z' });
    expect(callReviewSchema.parse(moved)).toEqual(moved);
  });
  it('unlinking the deal, or changing the rep, is an edit too', () => {
    const { dealKey: _unlinked, ...noDeal } = linked;
    expect(applyDraft(completed(), noDeal, ctx('2026-11-22T12:00:00.000Z'))).toMatchObject({ status: 'draft', history: [{}] });
    const otherRep = { ...linked, repId: 'hubspot:Kim Rep', repName: 'Kim Rep' };
    expect(applyDraft(completed(), otherRep, ctx('2026-11-22T12:00:00.000Z'))).toMatchObject({ status: 'draft', history: [{}] });
    const typedRep = { ...linked, repId: undefined, repName: 'Someone Else' };
    expect(applyDraft(completed(), typedRep, ctx('2026-11-22T12:00:00.000Z')).status).toBe('draft');
  });
  it('the same links, spelled as saved, are no edit', () => {
    expect(sameLinks({ dealKey: 'hubspot:42', repName: 'Sam Rep' }, { dealKey: 'hubspot:42', repName: ' Sam Rep ' })).toBe(true);
    expect(sameLinks({ repId: '' }, {})).toBe(true);
    expect(applyDraft(completed(), { ...linked, timeSpentMs: 9000 }, ctx('2026-11-22T12:00:00.000Z')).status).toBe('completed');
  });
  it('completing after a deal change gives the new deal every score', () => {
    const moved = applyDraft(completed(), { ...linked, dealKey: 'hubspot:77' }, ctx('2026-11-22T12:00:00.000Z'));
    // what this review already gave hubspot:77: nothing
    const again = applyComplete(moved, { ...linked, dealKey: 'hubspot:77' }, ctx('2026-11-22T12:05:00.000Z'), {});
    expect(again.review).toMatchObject({ status: 'completed', dealKey: 'hubspot:77', completedAt: '2026-11-22T12:05:00.000Z' });
    expect(again.newScores).toEqual([
      { dimension: 'discovery', value: 4 },
      { dimension: 'nextStep', value: 2 },
    ]);
    // completed at once (relinked and completed before any autosave): the same
    const direct = applyComplete(completed(), { ...linked, dealKey: 'hubspot:77' }, ctx('2026-11-22T12:05:00.000Z'));
    expect(direct.newScores).toHaveLength(2);
    expect(direct.review.history).toHaveLength(1);
  });
  it('back on a deal it already scored, only what differs from what that deal got is added', () => {
    const again = applyComplete(completed(), { ...linked, scores: { discovery: 5, nextStep: 2 } }, ctx('2026-11-22T12:05:00.000Z'), {
      discovery: 3,
      nextStep: 2,
    });
    expect(again.newScores).toEqual([{ dimension: 'discovery', value: 5 }]);
  });
});

describe('content comparison', () => {
  const c = (over: Partial<CallReview>) => ({ scores: {}, overallNote: '', pins: [], timeSpentMs: 0, ...over });
  it('ignores pin order but not pin text', () => {
    expect(sameContent(c({ pins: [pin('a', 1), pin('b', 2)] }), c({ pins: [pin('b', 2), pin('a', 1)] }))).toBe(true);
    expect(sameContent(c({ pins: [pin('a', 1)] }), c({ pins: [pin('a', 1, 'changed')] }))).toBe(false);
    expect(sameContent(c({ scores: { discovery: 1 } }), c({}))).toBe(false);
  });
  it('sorts pins by time, then by creation', () => {
    const later = { ...pin('x', 5), createdAt: '2026-11-22T10:00:01.000Z' };
    expect(sortPins([later, pin('y', 5), pin('z', 1)]).map((p) => p.id)).toEqual(['z', 'y', 'x']);
  });
});
